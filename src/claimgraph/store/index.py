"""The link stage's persistent index: blocking keys, claim vectors and propositions.

Candidate retrieval reads at most `per_key` of the newest claims for each key of a new claim, so the
cost of linking an article depends on how many keys it has, not on how many claims are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
        found: dict[str, None] = {}
        keys = db.document_keys
        with self.store.engine.connect() as conn:
            for name in names:
                query = (sa.select(keys.c.document_id)
                         .where(keys.c.key == name[:120], keys.c.document_id != exclude_document)
                         .order_by(keys.c.seq.desc()).limit(per_name))
                found.update(dict.fromkeys(conn.execute(query).scalars()))
        return list(found)

    def claim_ids_of(self, document_ids: list[str], limit: int) -> list[str]:
        """Up to `limit` claim ids of these articles (the link stage compares a story's claims)."""
        claims = db.claims
        query = (sa.select(claims.c.id).where(claims.c.document_id.in_(document_ids), claims.c.caption.is_(False))
                 .order_by(db.ordered(claims.c.document_id, self.store._dialect), claims.c.ordinal).limit(limit))
        with self.store.engine.connect() as conn:
            return list(conn.execute(query).scalars())

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
        with self.store._write(within) as conn:
            db.lock(conn, db.INDEX_LOCK)
            for proposition, label in labels.items():
                conn.execute(self.store._insert_ignoring(db.propositions, "id").values(id=proposition, label=label))
            for claim_id, proposition in members.items():
                conn.execute(sa.delete(db.claim_propositions).where(db.claim_propositions.c.claim_id == claim_id))
                conn.execute(sa.insert(db.claim_propositions).values(claim_id=claim_id, proposition_id=proposition))

    # reading

    def candidates(self, keys: Iterable[str], exclude_document: str, per_key: int = 40) -> list[str]:
        """Claim ids sharing a key, newest first per key, from documents other than `exclude_document`."""
        found: dict[str, None] = {}
        keys_table, claims = db.claim_keys, db.claims
        with self.store.engine.connect() as conn:
            for key in keys:
                query = (
                    sa.select(keys_table.c.claim_id)
                    .join(claims, claims.c.id == keys_table.c.claim_id)
                    .where(keys_table.c.key == key, claims.c.document_id != exclude_document)
                    .order_by(keys_table.c.seq.desc())
                    .limit(per_key)
                )
                found.update(dict.fromkeys(conn.execute(query).scalars()))
        return list(found)

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


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
