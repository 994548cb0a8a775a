"""Read queries for the web server: filtered, paged claim search, documents, sources and their record.

These live apart from `Store` because they serve browsing, not the pipeline: every filter arrives from an
HTTP query string, so each one is a SQLAlchemy Core expression with bound parameters (never text pasted
into SQL), `LIKE` patterns are built with `autoescape=True` so `%` and `_` in a search mean themselves,
and every result set is paged with a bounded LIMIT so a request cannot ask for the whole database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from claimgraph.model import Claim, Document, Proposition, Relation, Source, claim_from_json
from claimgraph.store import schema as db
from claimgraph.store.store import Store, _document

__all__ = [
    "ClaimFilter", "DocumentHead", "DocumentRow", "SourceRecord", "SourceRow", "claim_outlines", "counts", "document",
    "document_heads", "document_id_for_hash", "headline", "holds_word", "propositions", "recent_documents",
    "relations_touching", "search_claims", "source_record", "sources",
]

MAX_LIMIT = 500
MAX_WORDS = 12  # a search longer than this is cut: each word is one more LIKE over the claims


@dataclass
class ClaimFilter:
    """What `/api/claims` and `/search` filter on; None or "" means no filter on that field."""

    source: str | None = None  # part of the resolved name or the mention, ignoring case
    stance: str | None = None
    certainty: str | None = None
    since: str | None = None  # document date, ISO "YYYY[-MM[-DD]]", inclusive
    until: str | None = None  # inclusive at the precision given: until=2024-10 keeps 2024-10-31
    q: str | None = None  # words that must all occur in the content or the evidence
    document: str | None = None
    limit: int = 50
    offset: int = 0
    outlet: str | None = None  # the document's outlet, exactly


@dataclass(frozen=True)
class DocumentHead:
    """What a claim card says about the claim's article: its headline, outlet and date (no text)."""

    id: str
    name: str
    headline: str
    outlet: str | None
    date: str | None


HEADLINE_CHARS = 90


def headline(title: str | None, text: str) -> str:
    """The title, else the article's first line cut at a word: a text file without a title header has no
    title but its file name, which says nothing about the story."""
    if title and title.strip():
        return title.strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= HEADLINE_CHARS:
        return first
    return first[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"


@dataclass
class DocumentRow:
    document: Document
    claims: int


@dataclass
class SourceRow:
    name: str
    kind: str
    claims: int
    documents: int


@dataclass
class SourceRecord:
    """Everything one source claimed, and how the other sources' claims met it."""

    name: str
    claims: list[Claim]  # one page of them
    total_claims: int = 0
    total_relations: int = 0
    contradicted_by_others: int = 0
    corroborated_by_others: int = 0
    revisions: int = 0  # contradictions between two claims of this same source (a changed figure)
    relations: list[dict[str, Any]] = field(default_factory=list)


def _fold_needle(store: Store, text: str) -> str:
    return text.casefold() if store.engine.dialect.name == "sqlite" else text.lower()


def _fold(store: Store, column: Any) -> Any:
    return db.fold(column, store.engine.dialect.name)


def _where(store: Store, query: sa.Select, wanted: ClaimFilter) -> sa.Select:
    c, d = db.claims.c, db.documents.c
    if wanted.source:
        needle = _fold_needle(store, wanted.source)
        query = query.where(sa.or_(_fold(store, c.source_name).contains(needle, autoescape=True),
                                   _fold(store, c.source_mention).contains(needle, autoescape=True)))
    if wanted.stance:
        query = query.where(c.stance == wanted.stance)
    if wanted.certainty:
        query = query.where(c.certainty == wanted.certainty)
    if wanted.document:
        query = query.where(sa.or_(d.id == wanted.document, d.name == wanted.document))
    if wanted.outlet:
        query = query.where(d.outlet == wanted.outlet)
    if wanted.since:
        query = query.where(d.published_value >= wanted.since)
    if wanted.until:
        # compare at the precision of `until`, so that a day inside the month given is still "until" it
        query = query.where(sa.func.substr(d.published_value, 1, len(wanted.until)) <= wanted.until)
    for word in (wanted.q or "").split()[:MAX_WORDS]:
        # the evidence sentence holds the content, so one column suffices
        query = query.where(holds_word(store, c.evidence, word))
    return query


def holds_word(store: Store, column: Any, word: str) -> Any:
    """SQL: `column` holds `word`, ignoring case. An ASCII word uses the database's own case-insensitive LIKE
    (a Python fold per row would cost a function call per claim)."""
    if word.isascii():
        return sa.func.lower(column).contains(word.lower(), autoescape=True)
    return _fold(store, column).contains(_fold_needle(store, word), autoescape=True)


def search_claims(store: Store, wanted: ClaimFilter) -> tuple[list[Claim], int]:
    """One page of the claims that pass the filter, by document and position, and how many pass in all."""
    c, d = db.claims.c, db.documents.c
    joined = db.claims.join(db.documents, c.document_id == d.id)
    limit = max(0, min(wanted.limit, MAX_LIMIT))
    # one pass: the page and the number of matches (a window over the matches), ordered by document and
    # position, which the (document_id, ordinal) index serves
    page = (_where(store, sa.select(c.payload, sa.func.count().over().label("total")).select_from(joined), wanted)
            .order_by(c.document_id, c.ordinal).limit(limit).offset(max(0, wanted.offset)))
    with store.engine.connect() as conn:
        rows = conn.execute(page).all()
    if not rows and wanted.offset:
        count = _where(store, sa.select(sa.func.count()).select_from(joined), wanted)
        with store.engine.connect() as conn:
            return [], int(conn.execute(count).scalar() or 0)
    return [claim_from_json(row.payload) for row in rows], int(rows[0].total) if rows else 0


def recent_documents(store: Store, limit: int = 50, offset: int = 0) -> tuple[list[DocumentRow], int]:
    """The newest documents first, each with its number of claims, and how many documents there are."""
    d, c = db.documents.c, db.claims.c
    counts = (sa.select(c.document_id, sa.func.count().label("n")).group_by(c.document_id).subquery())
    query = (sa.select(db.documents, sa.func.coalesce(counts.c.n, 0).label("n_claims"))
             .outerjoin(counts, counts.c.document_id == d.id)
             .order_by(d.ingested_at.desc(), d.id).limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset)))
    with store.engine.connect() as conn:
        rows = [DocumentRow(_document(row), int(row["n_claims"])) for row in conn.execute(query).mappings()]
        total = conn.execute(sa.select(sa.func.count()).select_from(db.documents)).scalar() or 0
    return rows, int(total)


def document(store: Store, document_id: str) -> Document | None:
    query = sa.select(db.documents).where(db.documents.c.id == document_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return _document(row) if row else None


def document_heads(store: Store, document_ids: list[str]) -> dict[str, DocumentHead]:
    """Headline, outlet and date of each of these documents, read without their texts (but a first line)."""
    d = db.documents.c
    out: dict[str, DocumentHead] = {}
    unique = sorted(set(document_ids))
    with store.engine.connect() as conn:
        for i in range(0, len(unique), 500):
            query = (sa.select(d.id, d.name, d.title, d.outlet, d.published_value,
                               sa.func.substr(d.text, 1, 2 * HEADLINE_CHARS).label("lead"))
                     .where(d.id.in_(unique[i : i + 500])))
            for row in conn.execute(query):
                out[row.id] = DocumentHead(row.id, row.name, headline(row.title, row.lead or ""), row.outlet,
                                           row.published_value)
    return out


def claim_outlines(store: Store, claim_ids: list[str]) -> dict[str, Claim]:
    """The claims with these ids as their columns give them, without decoding their payloads: id, document,
    content, source, stance, certainty, offsets, but no figures, times, places or relay chain. Enough to
    filter, rank and name claims; decoding every payload was most of the disputes board's time."""
    c = db.claims.c
    out: dict[str, Claim] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(claim_ids), 500):
            query = (sa.select(c.id, c.document_id, c.evidence, c.content, c.source_name, c.source_mention,
                               c.source_kind, c.cue, c.stance, c.certainty, c.quote, c.caption, c.start, c.end)
                     .where(c.id.in_(claim_ids[i : i + 500])))
            for row in conn.execute(query):
                out[row.id] = Claim(row.document_id, row.evidence, row.content,
                                    Source(row.source_name, row.source_mention, row.source_kind), row.start, row.end,
                                    cue=row.cue, stance=row.stance, certainty=row.certainty, quote=row.quote,
                                    caption=row.caption, id=row.id)
    return out


def relations_touching(store: Store, claim_ids: list[str]) -> list[Relation]:
    """The stored relations with either claim among these, in the order they were found."""
    r = db.relations.c
    found: dict[int, Relation] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            query = (sa.select(r.id, r.kind, r.a, r.b, r.basis, r.explanation)
                     .where(sa.or_(r.a.in_(chunk), r.b.in_(chunk))))
            for row in conn.execute(query):
                found[row.id] = Relation(row.kind, row.a, row.b, row.basis, row.explanation)
    return [found[key] for key in sorted(found)]


def counts(store: Store) -> dict[str, int]:
    """How many documents and claims are stored, and relations of each kind (`contradicts`, `corroborates`)."""
    r = db.relations.c
    with store.engine.connect() as conn:
        kinds: dict[str, int] = {kind: n for kind, n in conn.execute(sa.select(r.kind, sa.func.count())
                                                                      .group_by(r.kind))}
        out = {table.name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
               for table in (db.documents, db.claims)}
    return {**out, "contradicts": int(kinds.get("contradicts", 0)), "corroborates": int(kinds.get("corroborates", 0))}


def document_id_for_hash(store: Store, content_hash: str) -> str | None:
    """The id of the stored document with this content, so a re-POST can point at it."""
    query = sa.select(db.documents.c.id).where(db.documents.c.content_hash == content_hash)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()


def sources(store: Store, limit: int = 200, offset: int = 0) -> tuple[list[SourceRow], int]:
    """Sources by how many claims they made (most first), with how many documents quote them."""
    c = db.claims.c
    grouped = (sa.select(c.source_name, sa.func.min(c.source_kind).label("kind"), sa.func.count().label("n"),
                         sa.func.count(sa.distinct(c.document_id)).label("docs"))
               .group_by(c.source_name))
    query = grouped.order_by(sa.desc("n"), c.source_name).limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset))
    total = sa.select(sa.func.count()).select_from(grouped.subquery())
    with store.engine.connect() as conn:
        rows = [SourceRow(r.source_name, r.kind, int(r.n), int(r.docs)) for r in conn.execute(query)]
        return rows, int(conn.execute(total).scalar() or 0)


def propositions(store: Store, limit: int = 50, offset: int = 0) -> tuple[list[Proposition], int]:
    """One page of the propositions that hold claims, in `Index.propositions` order, and how many there are."""
    p, members = db.propositions.c, db.claim_propositions.c
    held = sa.select(p.id).where(p.id.in_(sa.select(members.proposition_id)))
    page = (held.order_by(db.ordered(p.id, store.engine.dialect.name))
            .limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset)))
    with store.engine.connect() as conn:
        ids = list(conn.execute(page).scalars())
        total = conn.execute(sa.select(sa.func.count()).select_from(held.subquery())).scalar() or 0
    return (store.index.propositions(ids) if ids else []), int(total)


def source_record(store: Store, name: str, limit: int = 50, offset: int = 0) -> SourceRecord | None:
    """One page of the claims of the source with exactly this resolved name, how many it made, and the
    relations that touch its claims (counted in full, listed up to MAX_LIMIT)."""
    c = db.claims.c
    query = (sa.select(c.payload).join(db.documents, c.document_id == db.documents.c.id)
             .where(c.source_name == name).order_by(db.documents.c.ingested_at, c.document_id, c.ordinal)
             .limit(max(0, min(limit, MAX_LIMIT))).offset(max(0, offset)))
    count = sa.select(sa.func.count()).where(c.source_name == name)
    a, b, r = db.claims.alias("ca"), db.claims.alias("cb"), db.relations.c
    touching = (sa.select(r.kind, r.a, r.b, r.basis, r.explanation, a.c.source_name.label("a_source"),
                          b.c.source_name.label("b_source"), a.c.document_id.label("a_document"),
                          b.c.document_id.label("b_document"))
                .join(a, a.c.id == r.a).join(b, b.c.id == r.b)
                .where(sa.or_(a.c.source_name == name, b.c.source_name == name)).order_by(r.id))
    with store.engine.connect() as conn:
        total = int(conn.execute(count).scalar() or 0)
        if not total:
            return None
        claims = [claim_from_json(payload) for payload in conn.execute(query).scalars()]
        relations = [dict(row) for row in conn.execute(touching).mappings()]
    record = SourceRecord(name, claims, total_claims=total, relations=relations[:MAX_LIMIT],
                          total_relations=len(relations))
    for relation in relations:
        other = relation["b_source"] if relation["a_source"] == name else relation["a_source"]
        if other == name:
            record.revisions += relation["kind"] == "contradicts"
        elif relation["kind"] == "contradicts":
            record.contradicted_by_others += 1
        elif relation["kind"] == "corroborates":
            record.corroborated_by_others += 1
    return record
