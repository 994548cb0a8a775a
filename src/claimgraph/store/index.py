"""The link stage's persistent index: blocking keys, claim vectors and propositions.

Candidate retrieval reads at most `per_key` of the newest claims for each key of a new claim, so the
cost of linking an article depends on how many keys it has, not on how many claims are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Proposition, Relation
from . import schema as db

if TYPE_CHECKING:
    from .store import Store

__all__ = ["LinkIndex", "Linking"]


@dataclass
class Linking:
    """What linking one article found, to be written with the article (see `Store.add_article`)."""

    document_id: str
    keys: dict[str, set[str]] = field(default_factory=dict)  # claim id -> blocking keys
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # claim id -> embedding
    topic: np.ndarray | None = None  # the article's vector; None when it has no claim to link
    names: list[str] = field(default_factory=list)  # the names the article is about
    propositions: dict[str, str] = field(default_factory=dict)  # claim id -> proposition id
    labels: dict[str, str] = field(default_factory=dict)  # proposition id -> label, for new propositions
    relations: list[Relation] = field(default_factory=list)  # with stored claims, and within by meaning

# Keys read in one statement, per table. Articles of the Wikinews corpus have 53 to 143 claim keys (10th to
# 90th percentile) and 8 names at most (`link.blocking.top_names`). A statement of 32 reads compiles in about
# 40 ms, once per process, and reads an article's candidates in a few ms (64: 80 ms, then as fast).
KEYS_PER_STATEMENT = {"claim_keys": 32, "document_keys": 8}


class LinkIndex:
    def __init__(self, store: Store) -> None:
        self.store = store

    # writing: each method runs in a transaction of its own, or joins the one `within` is in

    def write(self, linking: Linking, conn: Connection) -> None:
        """Index an article's claims and put them in their propositions, inside `conn`'s transaction."""
        self.add(linking.keys, linking.vectors, conn)
        if linking.topic is not None:
            self.add_document(linking.document_id, linking.topic, linking.names, conn)
        self.assign(linking.propositions, linking.labels, conn)

    def add(self, keys: dict[str, set[str]], vectors: dict[str, np.ndarray], within: Connection | None = None) -> None:
        """Index claims: their blocking keys and their vectors (stored as float16)."""
        key_rows = [{"key": key, "claim_id": claim_id} for claim_id, claim_keys in keys.items() for key in claim_keys]
        vector_rows = [{"claim_id": claim_id, "vector": vector.astype(np.float16).tobytes()}
                       for claim_id, vector in vectors.items()]
        with self.store._write(within) as conn:
            db.lock(conn, db.INDEX_LOCK)
            start = conn.execute(sa.select(sa.func.coalesce(sa.func.max(db.claim_keys.c.seq), 0))).scalar() or 0
            for n, row in enumerate(key_rows, start=start + 1):
                row["seq"] = n
            if key_rows:
                conn.execute(self.store._insert_ignoring(db.claim_keys, "key", "claim_id"), key_rows)
            if vector_rows:
                conn.execute(self.store._insert_ignoring(db.claim_vectors, "claim_id"), vector_rows)

    def add_document(self, document_id: str, vector: np.ndarray, names: list[str],
                     within: Connection | None = None) -> None:
        """Index an article: its vector, and the names its story is about."""
        row = {"document_id": document_id, "vector": vector.astype(np.float16).tobytes(), "names": names}
        keys = db.document_keys
        with self.store._write(within) as conn:
            db.lock(conn, db.INDEX_LOCK)
            conn.execute(self.store._insert_ignoring(db.document_vectors, "document_id").values(row))
            start = conn.execute(sa.select(sa.func.coalesce(sa.func.max(keys.c.seq), 0))).scalar() or 0
            rows = [{"key": name[:120], "document_id": document_id, "seq": start + n}
                    for n, name in enumerate(dict.fromkeys(names), start=1)]
            if rows:
                conn.execute(self.store._insert_ignoring(keys, "key", "document_id"), rows)

    def documents_named(self, names: Iterable[str], exclude_document: str, per_name: int = 20) -> list[str]:
        """Ids of the newest stored articles about each of these names."""
        keys = [name[:120] for name in names]
        found = self._newest(db.document_keys, keys, exclude_document, per_name)
        return list(dict.fromkeys(item for key in keys for item in found[key]))

    def claim_ids_of(self, document_ids: list[str], limit: int) -> list[str]:
        """Up to `limit` claim ids of these articles (the link stage compares a story's claims)."""
        claims = db.claims
        query = (sa.select(claims.c.id).where(claims.c.document_id.in_(document_ids), claims.c.caption.is_(False))
                 .order_by(db.ordered(claims.c.document_id, self.store._dialect), claims.c.ordinal).limit(limit))
        with self.store.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def documents_of(self, claim_ids: list[str]) -> dict[str, str]:
        """Each stored claim's document id (ids of no stored claim are left out)."""
        claims = db.claims
        out: dict[str, str] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(claim_ids, 500):
                rows = conn.execute(sa.select(claims.c.id, claims.c.document_id).where(claims.c.id.in_(chunk)))
                out.update({claim_id: document_id for claim_id, document_id in rows})
        return out

    def document_vectors(self, document_ids: list[str]) -> dict[str, np.ndarray]:
        return self._vectors(db.document_vectors, db.document_vectors.c.document_id, document_ids)

    def document_names(self, document_ids: list[str]) -> dict[str, set[str]]:
        table = db.document_vectors
        out: dict[str, set[str]] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(document_ids, 500):
                query = sa.select(table.c.document_id, table.c.names).where(table.c.document_id.in_(chunk))
                out.update({item: set(names) for item, names in conn.execute(query)})
        return out

    def assign(self, members: dict[str, str], labels: dict[str, str], within: Connection | None = None) -> None:
        """Put claims in propositions (claim id -> proposition id), creating propositions as needed."""
        members_table = db.claim_propositions
        with self.store._write(within) as conn:
            db.lock(conn, db.INDEX_LOCK)
            if labels:
                conn.execute(self.store._insert_ignoring(db.propositions, "id"),
                             [{"id": proposition, "label": label} for proposition, label in labels.items()])
            for chunk in _chunks(list(members), 500):
                conn.execute(sa.delete(members_table).where(members_table.c.claim_id.in_(chunk)))
            if members:
                conn.execute(sa.insert(members_table), [{"claim_id": claim_id, "proposition_id": proposition}
                                                        for claim_id, proposition in members.items()])

    # reading

    def candidates(self, keys: Iterable[str], exclude_document: str, per_key: int = 40) -> dict[str, list[str]]:
        """For each key, the ids of the newest `per_key` claims that have it, from documents other than
        `exclude_document`, newest first."""
        return self._newest(db.claim_keys, list(keys), exclude_document, per_key)

    def _newest(self, table: sa.Table, keys: list[str], exclude_document: str, per_key: int) -> dict[str, list[str]]:
        """The newest `per_key` items of each key in `table` (claim_keys or document_keys), newest first, in
        one statement per `KEYS_PER_STATEMENT` keys: an article has about a hundred keys, and a statement
        per key made 11,264 statements for 120 Wikinews articles, 6% of `claimgraph extract`'s time."""
        found: dict[str, list[tuple[int, str]]] = {key: [] for key in keys}
        distinct, size = list(found), KEYS_PER_STATEMENT[table.name]
        with self.store.engine.connect() as conn:
            for start in range(0, len(distinct), size):
                chunk = distinct[start : start + size]
                # one size of statement, compiled once: the keys a chunk lacks are NULL, which no row has
                values = {f"key{n}": chunk[n] if n < len(chunk) else None for n in range(size)}
                rows = conn.execute(_newest_statement(table.name),
                                    {**values, "exclude": exclude_document, "per_key": per_key})
                for key, item, seq in rows:
                    found[key].append((seq, item))
        return {key: [item for _, item in sorted(rows, reverse=True)] for key, rows in found.items()}

    def vectors(self, claim_ids: list[str]) -> dict[str, np.ndarray]:
        return self._vectors(db.claim_vectors, db.claim_vectors.c.claim_id, claim_ids)

    def _vectors(self, table: sa.Table, key: sa.Column, ids: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(ids, 500):
                for item, blob in conn.execute(sa.select(key, table.c.vector).where(key.in_(chunk))):
                    out[item] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return out

    def propositions_of(self, claim_ids: list[str]) -> dict[str, str]:
        table = db.claim_propositions
        out: dict[str, str] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(claim_ids, 500):
                rows = conn.execute(sa.select(table.c.claim_id, table.c.proposition_id)
                                    .where(table.c.claim_id.in_(chunk)))
                out.update({claim_id: proposition for claim_id, proposition in rows})
        return out

    def propositions(self, proposition_ids: list[str] | None = None) -> list[Proposition]:
        """Propositions with their claim ids, in the order they were created."""
        members, table = db.claim_propositions, db.propositions
        query = sa.select(table.c.id, table.c.label, members.c.claim_id).join(
            members, members.c.proposition_id == table.c.id
        ).order_by(db.ordered(table.c.id, self.store._dialect), db.ordered(members.c.claim_id, self.store._dialect))
        if proposition_ids is not None:
            query = query.where(table.c.id.in_(proposition_ids))
        grouped: dict[str, Proposition] = {}
        with self.store.engine.connect() as conn:
            for proposition_id, label, claim_id in conn.execute(query):
                grouped.setdefault(proposition_id, Proposition(proposition_id, label, [])).claims.append(claim_id)
        return list(grouped.values())


@cache
def _newest_statement(table_name: str) -> sa.CompoundSelect:
    """A union of `KEYS_PER_STATEMENT` reads, one per key (`:key0`, `:key1`, ...), each of which walks the
    (key, seq) index from the newest row and stops after `:per_key` rows, so that a key of thousands of
    claims costs no more than a rare one. Built once, so that SQLAlchemy compiles it once too."""
    keys = db.metadata.tables[table_name]
    exclude = sa.bindparam("exclude")
    if keys is db.claim_keys:  # a claim's document is in the claims table
        item, rows, kept = keys.c.claim_id, keys.join(db.claims, db.claims.c.id == keys.c.claim_id), \
            db.claims.c.document_id != exclude
    else:
        item, rows, kept = keys.c.document_id, keys, keys.c.document_id != exclude
    reads = [sa.select(keys.c.key, item, keys.c.seq).select_from(rows)
             .where(keys.c.key == sa.bindparam(f"key{n}"), kept)
             .order_by(keys.c.seq.desc()).limit(sa.bindparam("per_key")).subquery()
             for n in range(KEYS_PER_STATEMENT[table_name])]
    return sa.union_all(*(sa.select(read) for read in reads))


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
