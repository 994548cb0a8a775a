"""Word lists as data: loaded once from annotate/data/*.json."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["lexicon"]


@cache
def lexicon(name: str, package: str = "claimgraph.annotate", folder: str = "data") -> dict[str, Any]:
    """The data file `<package>/<folder>/<name>.json` (keys starting with `_` are documentation)."""
    text = resources.files(package).joinpath(folder, f"{name}.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}
