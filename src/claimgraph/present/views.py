"""What the CLI (and later the web pages) show, built from the store: disputes and timelines.

Plain data, no formatting: `present/tables.py` renders these for the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Claim, Proposition, Relation
from ..store import Store

__all__ = ["Dispute", "TimelineRow", "disputes", "find_proposition", "timeline"]


@dataclass
class Dispute:
    proposition: Proposition
    claims: list[Claim]
    contradictions: list[Relation]
    corroborations: list[Relation] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)  # claim id -> date it was reported


@dataclass
class TimelineRow:
    date: str | None
    claim: Claim


def _claim_dates(store: Store, claims: list[Claim]) -> dict[str, str | None]:
    """When each claim was made: its statement time if resolved, else its article's date."""
    published = store.published(sorted({c.document for c in claims}))
    dates: dict[str, str | None] = {}
    for claim in claims:
        stated = next((t.value for t in claim.times if t.role == "statement" and t.value), None)
        document = published.get(claim.document)
        dates[claim.id] = stated or (document.value if document else None)
    return dates


def disputes(store: Store, topic: str | None = None, limit: int = 50) -> list[Dispute]:
    """Propositions holding at least one contradiction, most disputed first (at most `limit`); `topic`
    filters by words of the proposition's label or claims (case-insensitive). Claims and dates are read in
    one batch, so the board costs a few queries however many disputes it shows."""
    relations = store.relations()
    contradicted = [r for r in relations if r.kind == "contradicts"]
    involved = sorted({c for r in contradicted for c in (r.a, r.b)})
    home = store.index.propositions_of(involved)
    grouped: dict[str, list[Relation]] = {}
    for relation in contradicted:
        grouped.setdefault(home.get(relation.a) or home.get(relation.b) or relation.a, []).append(relation)
    ranked = sorted(grouped.items(), key=lambda item: -len(item[1]))
    claims = {c.id: c for c in store.claims_by_id(involved)}
    propositions = {p.id: p for p in store.index.propositions([p for p, _ in ranked])}
    dates = _claim_dates(store, list(claims.values()))
    corroborating: dict[str, list[Relation]] = {}
    for relation in relations:
        if relation.kind == "corroborates":
            for end in (relation.a, relation.b):
                corroborating.setdefault(end, []).append(relation)
    out = []
    for proposition_id, found in ranked:
        proposition = propositions.get(proposition_id) or Proposition(proposition_id, proposition_id, [])
        ids = sorted({c for r in found for c in (r.a, r.b)})
        members = sorted((claims[i] for i in ids if i in claims), key=lambda c: (c.document, c.start))
        if topic and not _mentions(topic, proposition, members):
            continue
        seen: dict[tuple[str, str, str], Relation] = {}
        for claim_id in ids:
            for relation in corroborating.get(claim_id, []):
                seen[(relation.kind, relation.a, relation.b)] = relation
        out.append(Dispute(proposition, members, found, list(seen.values()), {i: dates.get(i) for i in ids}))
        if len(out) >= limit:
            break
    return out


def _mentions(topic: str, proposition: Proposition, claims: list[Claim]) -> bool:
    words = topic.lower().split()
    text = " ".join([proposition.label] + [c.content for c in claims] + [c.source.name for c in claims]).lower()
    return all(word in text for word in words)


def find_proposition(store: Store, wanted: str) -> Proposition | None:
    """A proposition by id, else the first whose label contains the text (case-insensitive)."""
    propositions = store.index.propositions()
    exact = next((p for p in propositions if p.id == wanted), None)
    if exact is not None:
        return exact
    return next((p for p in propositions if wanted.lower() in p.label.lower()), None)


def timeline(store: Store, proposition: Proposition) -> list[TimelineRow]:
    """The proposition's claims that give figures, by date then source."""
    claims = [c for c in store.claims_by_id(proposition.claims) if c.quantities]
    dates = _claim_dates(store, claims)
    rows = [TimelineRow(dates[c.id], c) for c in claims]
    return sorted(rows, key=lambda r: (r.date or "", r.claim.source.name))
