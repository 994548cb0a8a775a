"""What the pages, the API and the CLI show of one proposition, built from the store: its claims, the
relations that touch them, and its timeline of figures. The disputes board is `board.py`.

Plain data, no formatting: `present/tables.py` renders these for the terminal, the templates for the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Claim, Proposition, Relation
from ..store import Store, queries
from ..store.queries import DocumentHead

__all__ = ["Disputed", "PropositionView", "TimelineRow", "claim_date", "disputed_claims", "find_proposition",
           "is_revision", "proposition_view", "timeline"]

# link.compare writes a later figure of the same count as "revised: 9 (Jun 12) -> 25 (Jun 14)", or "X revised
# its figure: ..." for one source, after the shared event when there is one ("kill, as of 2023-06-14: ")
_REVISED = re.compile(r"(?:^|: )revised: |^[^:]* revised its figure: ")


def is_revision(relation: Relation) -> bool:
    """Whether a contradiction is a later figure of the same count: a revision, read on the timeline."""
    return relation.kind == "contradicts" and _REVISED.search(relation.explanation) is not None


def claim_date(claim: Claim, published: str | None) -> str | None:
    """When a claim was made: its statement time if resolved, else its article's date."""
    return next((t.value for t in claim.times if t.role == "statement" and t.value), None) or published


@dataclass
class TimelineRow:
    date: str | None
    claim: Claim
    revises: list[str] = field(default_factory=list)  # ids of the earlier claims whose figure this one revises


def find_proposition(store: Store, wanted: str) -> Proposition | None:
    """A proposition by id, else, among those whose label holds all the words (ignoring case), the one with
    the most claims that give figures (a timeline of words is a timeline of figures), the first on a tie."""
    propositions = store.index.propositions()
    exact = next((p for p in propositions if p.id == wanted), None)
    if exact is not None:
        return exact
    words = wanted.lower().split()
    found = [p for p in propositions if words and all(word in p.label.lower() for word in words)]
    if len(found) < 2:
        return found[0] if found else None
    figured = {c.id for c in store.claims_by_id([i for p in found for i in p.claims]) if c.quantities}
    return max(found, key=lambda p: sum(i in figured for i in p.claims))


def _rows(claims: list[Claim], dates: dict[str, str | None], relations: list[Relation]) -> list[TimelineRow]:
    by_id = {c.id: c for c in claims}
    rows = {c.id: TimelineRow(dates.get(c.id), c) for c in claims if c.quantities}
    for relation in relations:
        if is_revision(relation) and relation.a in rows and relation.b in rows:
            earlier, later = sorted((relation.a, relation.b), key=lambda i: (dates.get(i) or "", by_id[i].start))
            rows[later].revises.append(earlier)
    return sorted(rows.values(), key=lambda r: (r.date or "", r.claim.source.name))


def timeline(store: Store, proposition: Proposition) -> list[TimelineRow]:
    """The proposition's claims that give figures, by date then source, each marked with what it revises."""
    claims = store.claims_by_id(proposition.claims)
    heads = queries.document_heads(store, [c.document for c in claims])
    dates = {c.id: claim_date(c, heads[c.document].date if c.document in heads else None) for c in claims}
    return _rows(claims, dates, queries.relations_touching(store, [c.id for c in claims if c.quantities]))


@dataclass
class PropositionView:
    """One proposition's page: a page of its claims, the relations that touch any of them, its timeline."""

    proposition: Proposition
    claims: list[Claim]  # one page, by date then source
    total: int
    relations: list[Relation]
    named: dict[str, Claim]  # every claim the relations name, in this proposition or not
    documents: dict[str, DocumentHead]
    dates: dict[str, str | None]
    rows: list[TimelineRow]


def proposition_view(store: Store, proposition: Proposition, limit: int = 50, offset: int = 0) -> PropositionView:
    claims = store.claims_by_id(proposition.claims)
    relations = queries.relations_touching(store, [c.id for c in claims])
    named = {c.id: c for c in claims}
    elsewhere = sorted({i for r in relations for i in (r.a, r.b)} - set(named))
    named.update({c.id: c for c in store.claims_by_id(elsewhere)})
    heads = queries.document_heads(store, [c.document for c in named.values()])
    dates = {c.id: claim_date(c, heads[c.document].date if c.document in heads else None) for c in named.values()}
    ordered = sorted(claims, key=lambda c: (dates[c.id] or "", c.source.name, c.document, c.start))
    page = ordered[max(0, offset): max(0, offset) + max(0, limit)]
    return PropositionView(proposition, page, len(claims), relations, named, heads, dates,
                           _rows(claims, dates, relations))


@dataclass
class Disputed:
    """A contradiction of one claim: the other claim, and the proposition whose page shows the dispute."""

    relation: Relation
    other: Claim
    proposition: str | None


def disputed_claims(store: Store, claims: list[Claim]) -> dict[str, list[Disputed]]:
    """For each of these claims that is contradicted, by which claims and in which proposition."""
    ours = {c.id for c in claims}
    contradictions = [r for r in queries.relations_touching(store, sorted(ours)) if r.kind == "contradicts"]
    others = {c.id: c for c in store.claims_by_id(sorted({i for r in contradictions for i in (r.a, r.b)}))}
    home = store.index.propositions_of(sorted(ours))
    out: dict[str, list[Disputed]] = {}
    for relation in contradictions:
        for mine, theirs in ((relation.a, relation.b), (relation.b, relation.a)):
            if mine in ours and theirs in others:
                out.setdefault(mine, []).append(Disputed(relation, others[theirs], home.get(mine)))
    return out
