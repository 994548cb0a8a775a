"""Word lists as data: loaded once from annotate/data/*.json."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["honorifics", "lexicon", "titles"]


@cache
def lexicon(name: str, package: str = "claimgraph.annotate", folder: str = "data") -> dict[str, Any]:
    """The data file `<package>/<folder>/<name>.json` (keys starting with `_` are documentation)."""
    text = resources.files(package).joinpath(folder, f"{name}.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@cache
def honorifics() -> frozenset[str]:
    """Forms of address ("mr", "dr", "sir") without their full stop: compare words with theirs stripped."""
    return frozenset(h.rstrip(".") for h in lexicon("sources")["honorifics"])


@cache
def titles() -> frozenset[str]:
    """Offices that stand before a name ("president", "secretary", "spokesperson")."""
    return frozenset(lexicon("sources")["titles"])
