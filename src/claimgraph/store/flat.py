"""A claim's figures, times, places and relay chain as plain text, one cell each: the columns of the stored
claims table that SQL and datasette users read (the full claim stays in `payload`) and of the CSV exports.

Items are joined with "; " and a relay chain with " → ", as the web pages show them; an empty list is None
(NULL), so `WHERE figures IS NOT NULL` finds the claims that give figures.
"""

from __future__ import annotations

from claimgraph.model import Claim, Quantity

__all__ = ["figure_text", "flat_claim"]


def figure_text(q: Quantity) -> str:
    """"12,000 (troop)": the figure as written and what it counts."""
    return q.text + (f" ({q.unit})" if q.unit else "")


def _joined(items: list[str], separator: str = "; ") -> str | None:
    return separator.join(items) if items else None


def flat_claim(claim: Claim) -> dict[str, str | float | None]:
    """`figures`, `figure_value` (the first figure's number), `times`, `places` and `via` of a claim."""
    return {
        "figures": _joined([figure_text(q) for q in claim.quantities]),
        "figure_value": claim.quantities[0].value if claim.quantities else None,
        "times": _joined([f"{t.text} = {t.value}" if t.value else t.text for t in claim.times]),
        "places": _joined([p.name for p in claim.places]),
        "via": _joined([v.name for v in claim.via], " → "),
    }
