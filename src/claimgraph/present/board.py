"""The disputes board: the propositions that hold a contradiction, filtered, counted by facet, ranked and
paged. The page, its JSON twin, `claimgraph disputes` and the exports all read `board` or `disputes`.

Filters work on contradictions: one is kept when its basis is the one asked for, when (with `across`) its
two claims come from different sources, and when at least one of its claims passes the claim filters (the
document's date and outlet, the source, the stance), so that "outlet X" keeps X's disputes with others. A
proposition is on the board when one of its contradictions is kept, and shows the claims those join.

Ranking ("rank", the default) puts disputes between different sources first: by the number of distinct
pairs of sources that disagree in it, then the number of articles, then of contradictions. Counting
contradicting pairs alone put one article's monthly poll figures first (one source, a pair for each two of
its own figures).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..link.compare import source_identity
from ..model import Claim, Proposition, Relation
from ..store import Store, queries
from ..store.queries import DocumentHead
from .views import claim_date

__all__ = ["FACETS", "SORTS", "Board", "Dispute", "DisputeFilter", "board", "disputes", "relations"]

SORTS = {"rank": "different sources first", "newest": "newest first", "oldest": "oldest first",
         "most": "most contradictions first"}
FACETS = ("outlet", "source", "basis", "stance")
FACET_VALUES = 30  # the commonest values of each facet; a board of 175 disputes names a few hundred sources


@dataclass
class DisputeFilter:
    """What the board filters on; None, "" or False means no filter on that field."""

    topic: str | None = None  # words that must all occur in the label, the claims or their sources
    since: str | None = None  # document date, ISO "YYYY[-MM[-DD]]", inclusive, as in claim search
    until: str | None = None  # inclusive at the precision given
    outlet: str | None = None  # exactly
    source: str | None = None  # part of the source's name or mention, ignoring case
    basis: str | None = None  # quantity, polarity, status, ...
    stance: str | None = None
    across: bool = False  # only contradictions between two different sources
    sort: str = "rank"
    limit: int = 50
    offset: int = 0

    def claims_filtered(self) -> bool:
        return any((self.since, self.until, self.outlet, self.source, self.stance))


@dataclass
class Dispute:
    proposition: Proposition
    claims: list[Claim]
    contradictions: list[Relation]
    corroborations: list[Relation] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)  # claim id -> date it was reported
    documents: dict[str, DocumentHead] = field(default_factory=dict)  # the claims' articles
    source_pairs: int = 0  # distinct pairs of different sources that contradict each other

    @property
    def first(self) -> str:
        return min((head.date for head in self.documents.values() if head.date), default="")

    @property
    def last(self) -> str:
        return max((head.date for head in self.documents.values() if head.date), default="")


@dataclass
class Board:
    disputes: list[Dispute]  # one page
    total: int  # disputes that pass the filter
    facets: dict[str, list[tuple[str, int]]]  # facet -> (value, disputes with it), commonest first


def _claim_passes(claim: Claim, head: DocumentHead | None, wanted: DisputeFilter) -> bool:
    date = head.date if head else None
    if wanted.outlet and (head is None or head.outlet != wanted.outlet):
        return False
    if wanted.source:
        needle = wanted.source.casefold()
        if needle not in claim.source.name.casefold() and needle not in claim.source.mention.casefold():
            return False
    if wanted.stance and claim.stance != wanted.stance:
        return False
    if wanted.since and (not date or date < wanted.since):
        return False
    # compared at the precision of `until`, as claim search does
    return not (wanted.until and (not date or date[: len(wanted.until)] > wanted.until))


def _relation_passes(relation: Relation, claims: dict[str, Claim], heads: dict[str, DocumentHead],
                     wanted: DisputeFilter) -> bool:
    a, b = claims.get(relation.a), claims.get(relation.b)
    if a is None or b is None:
        return False
    if wanted.basis and relation.basis != wanted.basis:
        return False
    if wanted.across and source_identity(a) == source_identity(b):
        return False
    if not wanted.claims_filtered():
        return True
    return any(_claim_passes(c, heads.get(c.document), wanted) for c in (a, b))


Passing = tuple[list[Relation], dict[str, Claim], dict[str, DocumentHead]]


def relations(store: Store, wanted: DisputeFilter, kind: str | None = None) -> Passing:
    """The stored relations (of `kind`, when given) that pass the filter's relation and claim filters, with
    their claims by id (outlines: no figures, times or places) and those claims' articles; `topic` is the
    board's and is not applied here."""
    return _passing(store, [r for r in store.relations() if kind is None or r.kind == kind], wanted)


def _passing(store: Store, found: list[Relation], wanted: DisputeFilter) -> Passing:
    claims = queries.claim_outlines(store, sorted({c for r in found for c in (r.a, r.b)}))
    heads = queries.document_heads(store, [c.document for c in claims.values()])
    return [r for r in found if _relation_passes(r, claims, heads, wanted)], claims, heads


def _ranked(store: Store, wanted: DisputeFilter) -> list[Dispute]:
    """Every dispute that passes the filter, in the order asked for, its claims only outlined."""
    every = store.relations()
    contradicted, claims, heads = _passing(store, [r for r in every if r.kind == "contradicts"], wanted)
    home = store.index.propositions_of(sorted({c for r in contradicted for c in (r.a, r.b)}))
    grouped: dict[str, list[Relation]] = {}
    for relation in contradicted:
        grouped.setdefault(home.get(relation.a) or home.get(relation.b) or relation.a, []).append(relation)
    propositions = {p.id: p for p in store.index.propositions(list(grouped))}
    corroborating: dict[str, list[Relation]] = {}
    for relation in every:
        if relation.kind == "corroborates":
            for end in (relation.a, relation.b):
                corroborating.setdefault(end, []).append(relation)
    out = []
    for proposition_id, found in grouped.items():
        proposition = propositions.get(proposition_id) or Proposition(proposition_id, proposition_id, [])
        ids = sorted({c for r in found for c in (r.a, r.b)})
        members = sorted((claims[i] for i in ids), key=lambda c: (c.document, c.start))
        if wanted.topic and not _mentions(wanted.topic, proposition, members):
            continue
        seen = {(r.kind, r.a, r.b): r for i in ids for r in corroborating.get(i, [])}
        documents = {c.document: heads[c.document] for c in members if c.document in heads}
        pairs = {frozenset((source_identity(claims[r.a]), source_identity(claims[r.b]))) for r in found}
        out.append(Dispute(proposition, members, found, list(seen.values()), {}, documents,
                           sum(len(pair) == 2 for pair in pairs)))
    return _sorted(out, wanted.sort)


def _complete(store: Store, found: list[Dispute]) -> list[Dispute]:
    """The disputes with their claims whole (figures, times, relay chains) and dated."""
    whole = {c.id: c for c in store.claims_by_id(sorted({c.id for d in found for c in d.claims}))}
    for dispute in found:
        dispute.claims = [whole.get(c.id, c) for c in dispute.claims]
        dispute.dates = {c.id: claim_date(c, dispute.documents[c.document].date if c.document in dispute.documents
                                          else None) for c in dispute.claims}
    return found


def disputes(store: Store, wanted: DisputeFilter) -> list[Dispute]:
    """Every dispute that passes the filter, in the order asked for (`wanted.limit` and `offset` unused)."""
    return _complete(store, _ranked(store, wanted))


def _sorted(found: list[Dispute], sort: str) -> list[Dispute]:
    found.sort(key=lambda d: d.proposition.label)
    if sort == "newest":
        found.sort(key=lambda d: d.last, reverse=True)
    elif sort == "oldest":
        found.sort(key=lambda d: d.first or "~")  # undated last
    elif sort == "most":
        found.sort(key=lambda d: -len(d.contradictions))
    else:
        found.sort(key=lambda d: (-d.source_pairs, -len(d.documents), -len(d.contradictions)))
    return found


def board(store: Store, wanted: DisputeFilter) -> Board:
    """One page of the disputes that pass the filter, how many pass, and their counts by facet."""
    found = _ranked(store, wanted)
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    for dispute in found:
        counts["outlet"].update({h.outlet for h in dispute.documents.values() if h.outlet})
        counts["source"].update({c.source.name for c in dispute.claims})
        counts["basis"].update({r.basis for r in dispute.contradictions})
        counts["stance"].update({c.stance for c in dispute.claims})
    facets = {facet: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES]
              for facet, counter in counts.items()}
    page = found[max(0, wanted.offset): max(0, wanted.offset) + max(0, wanted.limit)]
    return Board(_complete(store, page), len(found), facets)


def _mentions(topic: str, proposition: Proposition, claims: list[Claim]) -> bool:
    words = topic.lower().split()
    text = " ".join([proposition.label] + [c.content for c in claims] + [c.source.name for c in claims]).lower()
    return all(word in text for word in words)
