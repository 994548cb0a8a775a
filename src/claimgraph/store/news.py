"""Relations as news: the newest first, each with its two claims' sources, sentences and articles, for the
alerts of `claimgraph watch` and the entries of `/disputes.atom`.

A relation is found when the later of its two articles is stored (`Store.add_article` writes them in one
transaction), so that article's `ingested_at` is when the relation became news, and the relations that
touch an article's claims are all the news that storing it made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from claimgraph.model import Relation
from claimgraph.store import schema as db
from claimgraph.store.queries import HEADLINE_CHARS, MAX_LIMIT, MAX_WORDS, headline, holds_word
from claimgraph.store.store import Store

__all__ = ["RelationNews", "Side", "newest_relations"]


@dataclass(frozen=True)
class Side:
    """One claim of a relation, as a reader of an alert needs it."""

    claim: str
    document: str
    source: str
    evidence: str
    headline: str
    url: str | None
    outlet: str | None
    date: str | None  # the article's

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "document": self.document, "source": self.source, "evidence": self.evidence,
                "title": self.headline, "url": self.url, "outlet": self.outlet, "date": self.date}


@dataclass(frozen=True)
class RelationNews:
    relation: Relation
    sides: tuple[Side, Side]
    proposition: str | None
    found: datetime  # when the later of the two articles was stored


def _side_columns(claim: Any, document: Any, name: str) -> list[Any]:
    return [claim.c.document_id.label(f"{name}_document"), claim.c.source_name.label(f"{name}_source"),
            claim.c.evidence.label(f"{name}_evidence"), document.c.title.label(f"{name}_title"),
            sa.func.substr(document.c.text, 1, 2 * HEADLINE_CHARS).label(f"{name}_lead"),
            document.c.url.label(f"{name}_url"), document.c.outlet.label(f"{name}_outlet"),
            document.c.published_value.label(f"{name}_date"), document.c.ingested_at.label(f"{name}_stored")]


def _side(row: Any, name: str, claim_id: str) -> Side:
    values = {column: row[f"{name}_{column}"] for column in
              ("document", "source", "evidence", "title", "lead", "url", "outlet", "date")}
    return Side(claim_id, values["document"], values["source"], values["evidence"],
                headline(values["title"], values["lead"] or ""), values["url"], values["outlet"], values["date"])


def newest_relations(store: Store, kinds: tuple[str, ...] = ("contradicts", "corroborates"), topic: str | None = None,
                     documents: list[str] | None = None, limit: int = 50) -> list[RelationNews]:
    """The newest relations of these kinds, at most `limit` (and MAX_LIMIT): with `topic`, those where each of
    its words is in the sentence of one of the two claims (as claim search reads words); with `documents`,
    those that touch a claim of one of these articles."""
    r = db.relations.c
    ca, cb = db.claims.alias("ca"), db.claims.alias("cb")
    da, dbb = db.documents.alias("da"), db.documents.alias("db")
    pa, pb = db.claim_propositions.alias("pa"), db.claim_propositions.alias("pb")
    query = (sa.select(r.id, r.kind, r.a, r.b, r.basis, r.explanation,
                       sa.func.coalesce(pa.c.proposition_id, pb.c.proposition_id).label("proposition"),
                       *_side_columns(ca, da, "a"), *_side_columns(cb, dbb, "b"))
             .join(ca, ca.c.id == r.a).join(cb, cb.c.id == r.b)
             .join(da, da.c.id == ca.c.document_id).join(dbb, dbb.c.id == cb.c.document_id)
             .outerjoin(pa, pa.c.claim_id == r.a).outerjoin(pb, pb.c.claim_id == r.b)
             .where(r.kind.in_(kinds))
             .order_by(r.id.desc()).limit(max(0, min(limit, MAX_LIMIT))))
    for word in (topic or "").split()[:MAX_WORDS]:
        query = query.where(sa.or_(holds_word(store, ca.c.evidence, word), holds_word(store, cb.c.evidence, word)))
    if documents is not None:
        query = query.where(sa.or_(ca.c.document_id.in_(documents), cb.c.document_id.in_(documents)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [RelationNews(Relation(row["kind"], row["a"], row["b"], row["basis"], row["explanation"]),
                         (_side(row, "a", row["a"]), _side(row, "b", row["b"])), row["proposition"],
                         max(row["a_stored"], row["b_stored"]))
            for row in rows]
