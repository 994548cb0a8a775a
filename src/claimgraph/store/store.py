"""`Store`: the ledger kept in a database, so that runs accumulate and re-runs change nothing.

Documents are keyed by their content hash. Each document is written with its claims in one transaction
whose first statement is an INSERT ... ON CONFLICT DO NOTHING on that hash: whichever process gets there
first stores the document, any other sees it present and skips it, and a failure leaves no partial
document behind while everything committed before it stays. `add_article`, which ingestion uses, puts the
article's relations and its links to the stored claims in that same transaction: a stored article is a
linked one, so a run killed at any moment is completed by running it again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from claimgraph.errors import StoreError
from claimgraph.model import Claim, Document, Ledger, PublishedDate, Relation, claim_from_json
from claimgraph.store import schema as db
from claimgraph.store.flat import flat_claim
from claimgraph.store.index import LinkIndex, Linking

__all__ = ["AddResult", "Store"]


@dataclass
class AddResult:
    """What one `Store.add` changed: `skipped` documents were already stored (same content hash)."""

    added: int = 0
    skipped: int = 0
    claims_added: int = 0
    relations_added: int = 0


# Tries at opening a database that other processes are creating at the same moment (about 4.5 s in all).
OPEN_ATTEMPTS = 10


class Store:
    def __init__(self, url_or_path: str) -> None:
        self.engine = db.connect(url_or_path)
        for attempt in range(OPEN_ATTEMPTS):
            try:
                db.migrate(self.engine)
                break
            except sa.exc.OperationalError as exc:
                # a fresh SQLite file opened by several processes at once: switching it to WAL can answer
                # "database is locked" at once instead of waiting, so opening is tried again
                if "locked" in str(exc) and attempt + 1 < OPEN_ATTEMPTS:
                    time.sleep(0.1 * (attempt + 1))
                    continue
                self._refuse(url_or_path, exc)
            except sa.exc.SQLAlchemyError as exc:
                self._refuse(url_or_path, exc)
        self._dialect = self.engine.dialect.name
        self._icu = False
        if self._dialect == "postgresql":
            with self.engine.connect() as conn:
                self._icu = db.icu_fold(conn)

    def _refuse(self, url_or_path: str, exc: sa.exc.SQLAlchemyError) -> NoReturn:
        self.engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open database {url_or_path!r}: {reason}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self, within: Connection | None = None) -> Iterator[Connection]:
        """A write transaction; on SQLite it takes the write lock at BEGIN (see schema.connect). Given
        `within`, a connection in a transaction already, it joins that transaction instead."""
        if within is not None:
            yield within
            return
        with self.engine.connect() as conn:
            conn.execution_options(claimgraph_write=True)
            with conn.begin():
                yield conn

    def _insert_ignoring(self, table: sa.Table, *conflict_columns: str) -> Any:
        """INSERT that does nothing when a row with the same `conflict_columns` exists.

        Its rowcount says whether a row went in; SQLAlchemy keeps an INSERT's rowcount only when asked, and
        psycopg reports -1 once the cursor is closed.
        """
        insert = sqlite.insert if self._dialect == "sqlite" else postgresql.insert
        statement = insert(table).on_conflict_do_nothing(index_elements=list(conflict_columns))
        return statement.execution_options(preserve_rowcount=True)

    # writing

    def add(self, ledger: Ledger) -> AddResult:
        """Store new documents with their claims, then the ledger's relations.

        Documents without an id get the pipeline's content-derived one, claims without an id
        `<docid>-c<n>` (both set on the objects passed in). Raises StoreError on the first document that
        cannot be stored; the documents before it stay stored, and adding the ledger again is safe.
        """
        by_document: dict[str, list[Claim]] = {}
        for claim in ledger.claims:
            by_document.setdefault(claim.document, []).append(claim)
        unknown = set(by_document) - {d.id for d in ledger.documents if d.id}
        if unknown:
            raise StoreError(f"claims refer to documents not in the ledger: {', '.join(sorted(unknown))}")

        result = AddResult()
        for document in ledger.documents:
            document.id = document.id or document.stable_id
            try:
                with self._write() as conn:
                    stored = self._insert_document(conn, document, by_document.get(document.id, []))
            except sa.exc.SQLAlchemyError as exc:
                raise _not_stored(document, exc) from exc
            if stored is None:
                result.skipped += 1
            else:
                result.added += 1
                result.claims_added += stored
        if ledger.relations:
            result.relations_added = self.add_relations(ledger.relations)
        return result

    def add_article(self, ledger: Ledger, linking: Linking | None = None) -> int | None:
        """Store one article (the ledger of `pipeline.extract`) with its relations and, when given, what
        linking it found, all in one transaction. Returns the claims stored, or None when the same content
        is already stored (then nothing is written)."""
        [document] = ledger.documents
        document.id = document.id or document.stable_id
        try:
            with self._write() as conn:
                stored = self._insert_document(conn, document, ledger.claims)
                if stored is None:
                    return None
                self.add_relations(ledger.relations, conn)
                if linking is not None:
                    self.index.write(linking, conn)
                    self.add_relations(linking.relations, conn)
        except sa.exc.SQLAlchemyError as exc:
            raise _not_stored(document, exc) from exc
        return stored

    def _insert_document(self, conn: Connection, document: Document, document_claims: list[Claim]) -> int | None:
        """Claims stored for a new document, or None when its content is already stored."""
        published = document.published
        row = {
            "id": document.id, "content_hash": document.content_hash, "name": document.name,
            "path": document.path, "url": document.url, "title": document.title, "outlet": document.outlet,
            "author": document.author,
            "published_value": published.value if published else None,
            "published_precision": published.precision if published else None,
            "published_text": published.text if published else None,
            "text": document.text, "ingested_at": datetime.now(UTC),
        }
        for n, claim in enumerate(document_claims, start=1):
            claim.id = claim.id or f"{document.id}-c{n}"
        # The conflict target is the content hash, so on PostgreSQL a race on the id (its primary key)
        # with an uncommitted copy would raise instead of skipping: copies of a document queue here.
        db.lock(conn, db.DOCUMENT_LOCK, document.content_hash)
        inserted = conn.execute(self._insert_ignoring(db.documents, "content_hash").values(row))
        if inserted.rowcount == 0:
            return None
        if document_claims:
            rows = [_claim_row(claim, n) for n, claim in enumerate(document_claims)]
            conn.execute(sa.insert(db.claims), rows)
        return len(document_claims)

    def add_relations(self, new: Iterable[Relation], within: Connection | None = None) -> int:
        """Store relations (possibly across documents) in one transaction, or in `within`'s; returns how
        many were new."""
        added = 0
        statement = self._insert_ignoring(db.relations, "kind", "a", "b")
        try:
            with self._write(within) as conn:
                for relation in new:
                    added += conn.execute(statement.values(relation.to_json())).rowcount
        except sa.exc.IntegrityError as exc:
            raise StoreError(f"relations not stored, they must join stored claims: {exc.orig}") from exc
        return added

    def record_rejection(self, path: str, code: str, reason: str) -> None:
        """Remember an input that was refused, so a report can list what was not ingested and why."""
        with self._write() as conn:
            row = {"path": path, "code": code, "reason": reason, "at": datetime.now(UTC)}
            conn.execute(sa.insert(db.rejections).values(row))

    # reading

    def has_document(self, content_hash: str) -> bool:
        query = sa.select(db.documents.c.id).where(db.documents.c.content_hash == content_hash)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def documents(self) -> list[Document]:
        query = sa.select(db.documents).order_by(
            db.documents.c.ingested_at, db.ordered(db.documents.c.id, self._dialect))
        with self.engine.connect() as conn:
            return [_document(row) for row in conn.execute(query).mappings()]

    def claims(
        self, source: str | None = None, document: str | None = None, stance: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]:
        """Claims in ingestion order. `source` matches part of the resolved name or the mention, ignoring
        case; `document` is a document's id or name; `stance` one of the model's stances."""
        query = (
            sa.select(db.claims.c.payload)
            .join(db.documents, db.claims.c.document_id == db.documents.c.id)
            .order_by(db.documents.c.ingested_at, db.ordered(db.documents.c.id, self._dialect), db.claims.c.ordinal)
        )
        if source:
            needle = source.casefold() if self._dialect == "sqlite" else source.lower()
            query = query.where(sa.or_(
                db.fold(db.claims.c.source_name, self._dialect, self._icu).contains(needle, autoescape=True),
                db.fold(db.claims.c.source_mention, self._dialect, self._icu).contains(needle, autoescape=True),
            ))
        if document:
            query = query.where(sa.or_(db.documents.c.id == document, db.documents.c.name == document))
        if stance:
            query = query.where(db.claims.c.stance == stance)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [claim_from_json(payload) for payload in conn.execute(query).scalars()]

    def relations(self) -> list[Relation]:
        r = db.relations.c
        query = sa.select(r.kind, r.a, r.b, r.basis, r.explanation).order_by(r.id)
        with self.engine.connect() as conn:
            return [Relation(**row) for row in conn.execute(query).mappings()]

    def claims_by_id(self, claim_ids: list[str]) -> list[Claim]:
        """The stored claims with these ids (in no particular order; unknown ids are skipped)."""
        out: list[Claim] = []
        with self.engine.connect() as conn:
            for i in range(0, len(claim_ids), 500):
                query = sa.select(db.claims.c.payload).where(db.claims.c.id.in_(claim_ids[i : i + 500]))
                out.extend(claim_from_json(payload) for payload in conn.execute(query).scalars())
        return out

    def published(self, document_ids: list[str]) -> dict[str, PublishedDate | None]:
        """Each document's date, for ordering figures on a timeline."""
        d = db.documents.c
        query = sa.select(d.id, d.published_text, d.published_value, d.published_precision).where(
            d.id.in_(document_ids))
        with self.engine.connect() as conn:
            return {row.id: PublishedDate(row.published_text, row.published_value, row.published_precision)
                    if row.published_value else None for row in conn.execute(query)}

    @property
    def index(self) -> LinkIndex:
        return LinkIndex(self)

    def export(self) -> Ledger:
        """Everything stored; `Ledger.to_json()` of it is the claimgraph/v1 interchange form."""
        return Ledger(documents=self.documents(), claims=self.claims(), relations=self.relations(),
                      propositions=self.index.propositions())

    def rejections(self) -> list[dict[str, Any]]:
        r = db.rejections.c
        query = sa.select(r.path, r.code, r.reason, r.at).order_by(r.id)
        with self.engine.connect() as conn:
            return [{**row, "at": row["at"].isoformat()} for row in conn.execute(query).mappings()]


def _not_stored(document: Document, exc: sa.exc.SQLAlchemyError) -> StoreError:
    reason = getattr(exc, "orig", None) or exc
    return StoreError(f"{document.name}: not stored, nothing of it written: {reason}")


def _claim_row(claim: Claim, ordinal: int) -> dict[str, Any]:
    return {
        "id": claim.id, "document_id": claim.document, "ordinal": ordinal, "evidence": claim.evidence,
        "content": claim.content, "source_name": claim.source.name, "source_mention": claim.source.mention,
        "source_kind": claim.source.kind, "cue": claim.cue, "stance": claim.stance,
        "certainty": claim.certainty, "quote": claim.quote, "caption": claim.caption, "start": claim.start,
        "end": claim.end, "payload": claim.to_json(), **flat_claim(claim),
    }


def _document(row: Any) -> Document:
    published = None
    if row["published_value"]:
        published = PublishedDate(
            text=row["published_text"], value=row["published_value"], precision=row["published_precision"]
        )
    return Document(
        id=row["id"], name=row["name"], text=row["text"], path=row["path"], url=row["url"],
        title=row["title"], outlet=row["outlet"], author=row["author"], published=published,
    )
