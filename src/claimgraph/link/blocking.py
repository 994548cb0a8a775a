"""Blocking keys: which stored claims a new claim is worth comparing with.

A claim gets keys for what it counts ("unit:troop", "event:death"), for the names in its content
("name:north korea") and for buckets of its embedding (random-hyperplane LSH, "lsh:2:0110011010"): two
claims about the same thing share at least one key with high probability, and a key's posting list is
read only up to a fixed number of the newest claims, so the work per new claim stays bounded however
many claims are stored.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np

from ..model import Claim
from .compare import event_class, unit_of
from .embed import DIMENSIONS
from .keywords import link_words, proper_names

__all__ = ["blocking_keys", "top_names"]

LSH_TABLES = 4
LSH_BITS = 10  # 1,024 buckets a table: a bucket holds ~100 of 100k claims, the newest 40 are read
LSH_SEED = 20241025  # fixed: keys written by one run must match keys computed by the next


@cache
def _planes() -> np.ndarray:
    return np.random.default_rng(LSH_SEED).standard_normal((LSH_TABLES, LSH_BITS, DIMENSIONS)).astype(np.float32)


def top_names(claims: list[Claim], count: int = 8) -> list[str]:
    """The names an article mentions in most sentences: what its story is about ("samoa", "wuhan").
    Sentences, not claims: a sentence read as two claims ("called for ... and stated ...") counts once."""
    generic = set(link_words()["generic_names"])
    tally: Counter[str] = Counter()
    # whole sentences: the story's names are often in the attribution, not the content
    for evidence in dict.fromkeys(claim.evidence for claim in claims):
        tally.update(n for n in proper_names(evidence) if n not in generic)
    ranked = sorted(tally.items(), key=lambda item: (-item[1], item[0]))  # ties by name: the same in every run
    repeated = [name for name, seen in ranked if seen >= 2]  # a name in one sentence only is not the story
    return (repeated if len(repeated) >= 2 else [name for name, _ in ranked])[:count]


def blocking_keys(claim: Claim, vector: np.ndarray | None) -> set[str]:
    keys = {f"unit:{unit_of(q)}" for q in claim.quantities if unit_of(q)}
    keys |= {f"event:{event_class(q.event)}" for q in claim.quantities if event_class(q.event)}
    keys |= {f"name:{name}" for name in proper_names(claim.content)}
    if vector is not None:
        bits = (np.einsum("tbd,d->tb", _planes(), vector) > 0).astype(np.int8)
        keys |= {f"lsh:{t}:{''.join(map(str, row))}" for t, row in enumerate(bits)}
    return {k[:120] for k in keys}
