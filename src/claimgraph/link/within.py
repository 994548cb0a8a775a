"""Relations between the claims of one document.

Claims of different sources are compared pairwise (a document has tens of claims, so this is cheap).
Only the strongest finding of each group is kept: a denial contradicts the one assertion it answers best,
a negated event the closest assertion of it, a figure the closest rival figure of each other source, so
that one disagreement is reported once, not once per sentence that repeats it.
"""

from __future__ import annotations

from itertools import combinations

from ..model import Claim, Relation
from .compare import Kept, compare_claims, keep_strongest, source_identity

__all__ = ["link_within_document"]


def link_within_document(claims: list[Claim]) -> list[Relation]:
    kept: Kept = {}
    for a, b in combinations([c for c in claims if not c.caption], 2):
        if source_identity(a) == source_identity(b):
            continue  # one source's claims within one article: a revision needs two dates
        for finding in compare_claims(a, b):
            keep_strongest(kept, finding, a, b)
    relations = [
        Relation(kind=f.kind, a=a.id, b=b.id, basis=f.basis, explanation=f.explanation)  # type: ignore[arg-type]
        for found in kept.values() for f, a, b in found
    ]
    return sorted(relations, key=lambda r: (r.kind, r.a, r.b))
