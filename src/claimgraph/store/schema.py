"""The store's tables, the engine that reaches them, and the migrations that create them.

The schema is SQLAlchemy Core so that the same code runs on SQLite (the default file) and PostgreSQL.
Claims keep a few columns for filtering and indexing plus the full `Claim.to_json()` as `payload`, so a
field added to the model later is stored without a migration; migrations are for new columns and indexes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.errors import StoreError
from claimgraph.model import CERTAINTIES, STANCES, claim_from_json
from claimgraph.store.flat import flat_claim

__all__ = [
    "DOCUMENT_LOCK", "INDEX_LOCK", "MIGRATIONS", "claim_keys", "claim_propositions", "claim_vectors", "claims",
    "connect", "database_url", "document_keys", "document_vectors", "documents", "feed_entries", "feeds", "fold",
    "icu_fold", "lock", "metadata", "migrate", "ordered", "propositions", "rejections", "relations", "schema_version",
]

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("path", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("author", sa.Text),  # added by migration 3
    sa.Column("published_value", sa.String(10)),
    sa.Column("published_precision", sa.String(5)),
    sa.Column("published_text", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)


def _one_of(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    """A closed vocabulary enforced by the database, so a bad value fails its document's transaction."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=f"ck_claims_{column}")


claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("source_name", sa.Text, nullable=False, index=True),
    sa.Column("source_mention", sa.Text, nullable=False),
    sa.Column("source_kind", sa.String(16), nullable=False),
    sa.Column("cue", sa.Text),
    sa.Column("stance", sa.String(16), nullable=False, index=True),
    sa.Column("certainty", sa.String(16), nullable=False),
    sa.Column("quote", sa.String(16), nullable=False),
    sa.Column("caption", sa.Boolean, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    # added by migration 4, for SQL and datasette users (store.flat): what the payload holds, one cell each
    sa.Column("figures", sa.Text),
    sa.Column("figure_value", sa.Float),
    sa.Column("times", sa.Text),
    sa.Column("places", sa.Text),
    sa.Column("via", sa.Text),
    sa.UniqueConstraint("document_id", "ordinal", name="uq_claims_document_ordinal"),
    _one_of("stance", STANCES),
    _one_of("certainty", CERTAINTIES),
)

relations = sa.Table(
    "relations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # keeps insertion order
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("a", sa.String(80), sa.ForeignKey("claims.id"), nullable=False),
    sa.Column("b", sa.String(80), sa.ForeignKey("claims.id"), nullable=False),
    sa.Column("basis", sa.Text, nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.UniqueConstraint("kind", "a", "b", name="uq_relations_kind_a_b"),
)

rejections = sa.Table(
    "rejections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# The link stage's index: blocking keys (a claim's counted units, names, embedding buckets) map to claims,
# so a new article is compared with the few stored claims that share a key, never with all of them.
claim_keys = sa.Table(
    "claim_keys", metadata,
    sa.Column("key", sa.String(120), primary_key=True),
    sa.Column("claim_id", sa.String(80), sa.ForeignKey("claims.id"), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),  # insertion order: the newest claims of a key come first
    sa.Index("ix_claim_keys_key_seq", "key", "seq"),
    sa.Index("ix_claim_keys_seq", "seq"),  # max(seq) by index, not by a scan that grows with the store
)

# Articles by the names they are about: a new article finds the stored articles of its story through them.
document_keys = sa.Table(
    "document_keys", metadata,
    sa.Column("key", sa.String(120), primary_key=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Index("ix_document_keys_key_seq", "key", "seq"),
    sa.Index("ix_document_keys_seq", "seq"),
)

claim_vectors = sa.Table(
    "claim_vectors", metadata,
    sa.Column("claim_id", sa.String(80), sa.ForeignKey("claims.id"), primary_key=True),
    sa.Column("vector", sa.LargeBinary, nullable=False),  # float16, link.embed.DIMENSIONS values
)

# An article's vector (the normalized mean of its claims'): whether two articles report one story.
document_vectors = sa.Table(
    "document_vectors", metadata,
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("vector", sa.LargeBinary, nullable=False),
    sa.Column("names", sa.JSON, nullable=False),  # the names the article mentions most
)

propositions = sa.Table(
    "propositions", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("label", sa.Text, nullable=False),
)

claim_propositions = sa.Table(
    "claim_propositions", metadata,
    sa.Column("claim_id", sa.String(80), sa.ForeignKey("claims.id"), primary_key=True),
    sa.Column("proposition_id", sa.String(80), sa.ForeignKey("propositions.id"), nullable=False, index=True),
)

# `claimgraph watch`: each feed's validators and failures, and the entries already taken from it (version 5).
# Kept in the database, not a file beside it, so that every process reading the store sees one state.
feeds = sa.Table(
    "feeds", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False),  # in a row; 0 after an answer that could be read
    sa.Column("wait", sa.Integer, nullable=False),  # rounds to skip before trying it again
    sa.Column("error", sa.Text),  # the last failure, while failures > 0
    sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
)

feed_entries = sa.Table(
    "feed_entries", metadata,
    sa.Column("feed", sa.Text, primary_key=True),
    sa.Column("entry", sa.Text, primary_key=True),  # the entry's id, else its link (`ingest.feed.FeedEntry.key`)
    sa.Column("document_id", sa.String(64)),  # None when the entry was rejected (the rejections table says why)
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

# Outside `metadata` on purpose: migration 1 creates the tables above, this one records that it ran.
_version_metadata = sa.MetaData()
schema_version = sa.Table(
    "schema_version", _version_metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)


def _initial_schema(conn: Connection) -> None:
    metadata.create_all(conn)


def _link_index(conn: Connection) -> None:
    """Version 2: the link stage's tables (create_all creates only the tables that are missing)."""
    metadata.create_all(conn)


def _document_author(conn: Connection) -> None:
    """Version 3: documents.author, on a database made before it (step 1 creates the tables as they are now)."""
    if "author" not in {column["name"] for column in sa.inspect(conn).get_columns("documents")}:
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN author TEXT"))


_FLAT_COLUMNS = {"figures": "TEXT", "figure_value": "FLOAT", "times": "TEXT", "places": "TEXT", "via": "TEXT"}

# Relations with their claims' documents, sources and words, and the proposition they fall in; claims with
# their article. Views, not columns: a claim's proposition changes as later articles are linked.
_VIEWS = {
    "relation_details": """
        SELECT r.id, r.kind, r.basis, r.explanation, COALESCE(pa.proposition_id, pb.proposition_id) AS proposition_id,
               r.a, ca.document_id AS a_document, ca.source_name AS a_source, ca.content AS a_content,
               r.b, cb.document_id AS b_document, cb.source_name AS b_source, cb.content AS b_content
        FROM relations r JOIN claims ca ON ca.id = r.a JOIN claims cb ON cb.id = r.b
        LEFT JOIN claim_propositions pa ON pa.claim_id = r.a LEFT JOIN claim_propositions pb ON pb.claim_id = r.b""",
    "claim_details": """
        SELECT c.id, c.document_id, d.title, d.outlet, d.published_value AS published, c.source_name,
               c.source_kind, c.via, c.cue, c.stance, c.certainty, c.quote, c.caption, c.content, c.figures,
               c.figure_value, c.times, c.places, c.evidence, p.proposition_id
        FROM claims c JOIN documents d ON d.id = c.document_id
        LEFT JOIN claim_propositions p ON p.claim_id = c.id""",
}

# SQLite full-text search over claims, kept by triggers; `content="claims"` is how datasette finds it
_FTS = [
    'CREATE VIRTUAL TABLE claims_fts USING fts5(content, evidence, source_name, content="claims")',
    """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
         INSERT INTO claims_fts(rowid, content, evidence, source_name)
         VALUES (new.rowid, new.content, new.evidence, new.source_name); END""",
    """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, content, evidence, source_name)
         VALUES ('delete', old.rowid, old.content, old.evidence, old.source_name); END""",
    """CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN
         INSERT INTO claims_fts(claims_fts, rowid, content, evidence, source_name)
         VALUES ('delete', old.rowid, old.content, old.evidence, old.source_name);
         INSERT INTO claims_fts(rowid, content, evidence, source_name)
         VALUES (new.rowid, new.content, new.evidence, new.source_name); END""",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
]


def _queryable(conn: Connection) -> None:
    """Version 4: a database people can query. Claims gain the columns of `store.flat` (figures, times,
    places, the relay chain), filled from the payload for the claims stored before; the views
    `relation_details` and `claim_details`; on SQLite, full-text search over claims (`claims_fts`)."""
    present = {column["name"] for column in sa.inspect(conn).get_columns("claims")}
    for name, kind in _FLAT_COLUMNS.items():
        if name not in present:
            conn.execute(sa.text(f"ALTER TABLE claims ADD COLUMN {name} {kind}"))
    rows = conn.execute(sa.select(claims.c.id, claims.c.payload)).all()
    if rows:
        conn.execute(sa.update(claims).where(claims.c.id == sa.bindparam("key")),
                     [{"key": row.id, **flat_claim(claim_from_json(row.payload))} for row in rows])
    for name, query in _VIEWS.items():
        conn.execute(sa.text(f"DROP VIEW IF EXISTS {name}"))  # a step run again over its own work (a test's)
        conn.execute(sa.text(f"CREATE VIEW {name} AS {query}"))
    if conn.dialect.name == "sqlite" and "claims_fts" not in sa.inspect(conn).get_table_names():
        for statement in _FTS:
            conn.execute(sa.text(statement))


def _watch_state(conn: Connection) -> None:
    """Version 5: the tables of `claimgraph watch` (feeds, feed_entries)."""
    metadata.create_all(conn)


# Version n is MIGRATIONS[n - 1]; append new steps, never edit or reorder applied ones.
MIGRATIONS: list[Callable[[Connection], None]] = [_initial_schema, _link_index, _document_author, _queryable,
                                                 _watch_state]


def migrate(engine: Engine) -> int:
    """Bring the database to the latest version in one transaction; returns that version.

    Two processes opening a fresh database at once must not both create tables, so the step is
    serialized: SQLite's BEGIN IMMEDIATE (see `connect`) takes the write lock before the version is
    read, and PostgreSQL takes a transaction-scoped advisory lock.
    """
    with engine.connect() as conn:
        conn.execution_options(claimgraph_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(4242)"))
            _version_metadata.create_all(conn)
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
            for version, step in enumerate(MIGRATIONS[current:], start=current + 1):
                step(conn)
                conn.execute(sa.insert(schema_version).values(version=version))
    return len(MIGRATIONS)


def database_url(url_or_path: str) -> str:
    """A URL passes through; anything else is a file path for SQLite (`claimgraph.db`)."""
    return url_or_path if "://" in url_or_path else f"sqlite:///{url_or_path}"


def connect(url_or_path: str) -> Engine:
    """An engine configured for concurrent use: SQLite gets WAL, foreign keys and a busy timeout."""
    url = database_url(url_or_path)
    options: dict[str, Any] = {}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": 30, "check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            options["poolclass"] = sa.pool.StaticPool  # one connection, or each would see its own empty database
    try:
        engine = sa.create_engine(url, **options)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {url_or_path!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"unsupported database {engine.dialect.name!r}: use a SQLite path or PostgreSQL")
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Let SQLAlchemy, not the sqlite3 module, issue BEGIN, so that writers can ask for IMMEDIATE.

    A deferred transaction that reads before it writes can fail with SQLITE_BUSY instead of waiting when
    another process writes in between; write transactions therefore take the lock up front.
    """

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        dbapi_conn.create_function("cg_fold", 1, _fold, deterministic=True)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("claimgraph_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _fold(value: str | None) -> str | None:
    """Unicode case folding; SQLite's own lower() and LIKE only fold ASCII."""
    return value.casefold() if value is not None else None


# PostgreSQL's lower() folds only ASCII in a database whose LC_CTYPE is C; an ICU collation folds all of Unicode.
_ICU_ROOT = "und-x-icu"


def icu_fold(conn: Connection) -> bool:
    """Whether this PostgreSQL server has the ICU root collation that `fold` uses when it can."""
    query = sa.text("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = :name)")
    return bool(conn.execute(query, {"name": _ICU_ROOT}).scalar())


def fold(column: Any, dialect: str, icu: bool = False) -> Any:
    """SQL expression for the case-folded column on this dialect (`icu`: PostgreSQL has `icu_fold`)."""
    if dialect == "sqlite":
        return sa.func.cg_fold(column)
    return sa.func.lower(column.collate(_ICU_ROOT) if icu else column)


def ordered(column: Any, dialect: str) -> Any:
    """A text column to sort by in code-point order, as SQLite sorts, whatever the PostgreSQL database's locale."""
    return column.collate("C") if dialect == "postgresql" else column


# Transaction-scoped advisory locks on PostgreSQL (two-key form, apart from the migration's one-key lock);
# SQLite needs none, its write transactions are serialized by BEGIN IMMEDIATE.
DOCUMENT_LOCK = 4243  # with the content hash: a racing insert of the same document waits, then skips it
INDEX_LOCK = 4244  # the link index: seq numbers are max(seq) + 1, and claims move between propositions


def lock(conn: Connection, kind: int, key: str = "") -> None:
    """Hold a PostgreSQL advisory lock on (`kind`, `key`) until the transaction ends; nothing on SQLite."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:kind, hashtext(:key))"), {"kind": kind, "key": key})
