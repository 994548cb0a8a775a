"""The store keeps what the pipeline produced, exactly, once, and never half of a document."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimgraph.errors import StoreError
from claimgraph.model import (
    Claim,
    Document,
    Ledger,
    Place,
    PublishedDate,
    Quantity,
    Relation,
    Source,
    Time,
)
from claimgraph.store import AddResult, Store
from claimgraph.store.schema import MIGRATIONS


def make_document(text: str, name: str, **fields: object) -> Document:
    document = Document(name=name, text=text, **fields)  # type: ignore[arg-type]
    document.id = "d" + document.content_hash[:12]
    return document


def make_claim(
    document: Document, n: int, source: Source, stance: str = "asserts", **fields: object
) -> Claim:
    return Claim(
        id=f"{document.id}-c{n}", document=document.id, evidence=f"Evidence {n} of {document.name}.",
        content=f"content {n}", source=source, stance=stance, **fields,  # type: ignore[arg-type]
    )


ZELENSKY = Source(name="Volodymyr Zelensky", mention="Mr Zelensky", kind="person")
NIS = Source(name="National Intelligence Service", mention="the NIS", kind="government")
YONHAP = Source(name="Yonhap", mention="Yonhap news agency", kind="media")
SAHIN = Source(name="Şahin Öztürk", mention="ŞAHİN", kind="person")


def ledger_one() -> Ledger:
    """Two documents, one with every claim field filled, and a relation across them."""
    first = make_document(
        "North Korean troops have left, the NIS said.", "a.txt", path="corpus/a.txt", url="https://e.x/a",
        title="Troops", outlet="Example", author="Min-ji Park",
        published=PublishedDate(text="October 2024", value="2024-10", precision="month"),
    )
    second = make_document("Zelensky denied the report. Yonhap doubted it.", "b.txt")
    full = make_claim(
        first, 1, NIS, via=[YONHAP], cue="cited ... as saying", certainty="probable", quote="indirect",
        quantities=[Quantity(text="12,000 troops", value=12000.0, unit="troop", qualifier="at least",
                             low=12000.0)],
        times=[Time(text="on Friday", value="2024-10-WXX-5", role="statement")],
        places=[Place(text="Kursk", name="Kursk")], caption=False, start=0, end=44, paragraph=1, sentence=2,
    )
    claims = [
        full,
        make_claim(first, 2, Source.author(), caption=True),
        make_claim(second, 1, ZELENSKY, stance="denies"),
        make_claim(second, 2, YONHAP, stance="doubts"),
    ]
    relation = Relation(kind="contradicts", a=claims[0].id, b=claims[2].id, basis="polarity",
                        explanation="asserts vs denies")
    return Ledger(documents=[first, second], claims=claims, relations=[relation])


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table: conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            for table in ("documents", "claims", "relations", "rejections")
        }


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A fresh, empty database for one test: a SQLite path here; test_store_postgres gives a PostgreSQL URL."""
    return str(tmp_path / "claimgraph.db")


@pytest.fixture
def store(database: str):
    with Store(database) as store:
        yield store


def test_add_then_read_back_equal(store: Store) -> None:
    ledger = ledger_one()
    result = store.add(ledger)
    assert result == AddResult(added=2, skipped=0, claims_added=4, relations_added=1)
    assert store.claims() == ledger.claims
    assert store.relations() == ledger.relations
    assert [d.to_json() for d in store.documents()] == [d.to_json() for d in ledger.documents]
    assert [d.text for d in store.documents()] == [d.text for d in ledger.documents]
    assert store.has_document(ledger.documents[0].content_hash)
    assert not store.has_document("0" * 64)


def test_export_is_the_v1_ledger(store: Store) -> None:
    ledger = ledger_one()
    store.add(ledger)
    exported = store.export()
    assert exported.to_json() == ledger.to_json()
    assert exported.to_json()["format"] == "claimgraph/v1"


def test_readding_changes_nothing(store: Store) -> None:
    store.add(ledger_one())
    before = row_counts(store)
    result = store.add(ledger_one())
    assert result == AddResult(added=0, skipped=2, claims_added=0, relations_added=0)
    assert row_counts(store) == before


def test_same_content_under_another_name_is_skipped(store: Store) -> None:
    """Identity is the content (whitespace-normalized), not the file name."""
    store.add(Ledger(documents=[make_document("Same  text.", "x.txt")]))
    again = make_document("Same text.\n", "copy-of-x.txt")
    assert store.add(Ledger(documents=[again])).skipped == 1
    assert [d.name for d in store.documents()] == ["x.txt"]


def test_ids_are_assigned_when_missing(store: Store) -> None:
    document = Document(name="n.txt", text="Some text.")
    store.add(Ledger(documents=[document]))
    assert document.id == "d" + document.content_hash[:12]
    assert store.documents()[0].id == document.id


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("zelensky", ["Volodymyr Zelensky"]),
        ("INTELLIGENCE", ["National Intelligence Service"]),
        ("news agency", ["Yonhap"]),  # the mention, not the resolved name
        ("şahin", ["Şahin Öztürk"]),  # case folding beyond ASCII
        ("100%", []),  # LIKE wildcards are literal
        ("_", []),
    ],
)
def test_filter_by_source(store: Store, source: str, expected: list[str]) -> None:
    ledger = ledger_one()
    third = make_document("Şahin spoke.", "c.txt")
    ledger.documents.append(third)
    ledger.claims.append(make_claim(third, 1, SAHIN))
    store.add(ledger)
    assert [c.source.name for c in store.claims(source=source)] == expected


def test_filter_by_document_stance_and_limit(store: Store) -> None:
    ledger = ledger_one()
    store.add(ledger)
    second = ledger.documents[1]
    assert store.claims(document=second.id) == ledger.claims[2:]
    assert store.claims(document="b.txt") == ledger.claims[2:]
    assert store.claims(document="missing") == []
    assert [c.stance for c in store.claims(stance="denies")] == ["denies"]
    assert store.claims(document="a.txt", stance="denies") == []
    assert store.claims(limit=3) == ledger.claims[:3]


def test_add_relations_across_documents(store: Store) -> None:
    ledger = ledger_one()
    store.add(ledger)
    later = Relation(kind="corroborates", a=ledger.claims[1].id, b=ledger.claims[3].id, basis="same report",
                     explanation="both report the move")
    assert store.add_relations([later, later]) == 1
    assert store.add_relations([later]) == 0
    assert store.relations() == [*ledger.relations, later]


def test_relation_to_unknown_claim_is_refused(store: Store) -> None:
    store.add(ledger_one())
    dangling = Relation(kind="contradicts", a="nope-c1", b="nope-c2", basis="status", explanation="")
    with pytest.raises(StoreError):
        store.add_relations([dangling])
    assert len(store.relations()) == 1


def test_rejections_recorded(store: Store) -> None:
    store.record_rejection("corpus/empty.txt", "E101", "the file is empty")
    store.record_rejection("corpus/big.bin", "E103", "the file is binary")
    rejections = store.rejections()
    assert [(r["path"], r["code"], r["reason"]) for r in rejections] == [
        ("corpus/empty.txt", "E101", "the file is empty"),
        ("corpus/big.bin", "E103", "the file is binary"),
    ]
    assert all(isinstance(r["at"], str) for r in rejections)


def test_path_and_sqlite_url_open_the_same_database(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Store(str(path)) as store:
        store.add(ledger_one())
    with Store(f"sqlite:///{path}") as store:
        assert len(store.claims()) == 4
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("SELECT MAX(version) FROM schema_version").scalar() == len(MIGRATIONS)


def test_a_version_2_database_gains_the_author_column(database: str) -> None:
    """A database made before documents had an author is migrated when opened; what it held is kept."""
    old = make_document("An article stored before bylines.", "old.txt", outlet="Example")
    with Store(database) as store:
        store.add(Ledger(documents=[old]))
        with store.engine.begin() as conn:  # back to version 2, as such a database was left
            conn.execute(sa.text("ALTER TABLE documents DROP COLUMN author"))
            conn.execute(sa.text("DELETE FROM schema_version WHERE version > 2"))
    with Store(database) as store:
        store.add(Ledger(documents=[make_document("An article with a byline.", "new.txt", author="Jane Doe")]))
        assert [(d.name, d.outlet, d.author) for d in store.documents()] == [
            ("old.txt", "Example", None), ("new.txt", None, "Jane Doe")]
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT MAX(version) FROM schema_version")).scalar() == len(MIGRATIONS)


def test_bad_url_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store("mysql://nobody@nowhere/db")
    with pytest.raises(StoreError):
        Store(str(tmp_path / "missing-dir" / "x.db"))


def test_failure_rolls_back_that_document_only(store: Store) -> None:
    good = make_document("A good article.", "good.txt")
    bad = make_document("A bad article.", "bad.txt")
    after = make_document("An article after the bad one.", "after.txt")
    ledger = Ledger(
        documents=[good, bad, after],
        claims=[
            make_claim(good, 1, NIS),
            make_claim(bad, 1, NIS),
            make_claim(bad, 2, NIS, stance="claims loudly"),  # violates the stance constraint
            make_claim(after, 1, NIS),
        ],
    )
    with pytest.raises(StoreError, match=r"bad\.txt"):
        store.add(ledger)
    assert [d.name for d in store.documents()] == ["good.txt"]
    assert row_counts(store)["claims"] == 1
    assert not store.has_document(bad.content_hash)

    ledger.claims[2].stance = "asserts"  # fixed: adding again completes the rest, skips what is stored
    assert store.add(ledger) == AddResult(added=2, skipped=1, claims_added=3, relations_added=0)


def test_claims_of_unknown_document_write_nothing(store: Store) -> None:
    document = make_document("Text.", "t.txt")
    orphan = make_claim(make_document("Other.", "o.txt"), 1, NIS)
    with pytest.raises(StoreError, match="not in the ledger"):
        store.add(Ledger(documents=[document], claims=[orphan]))
    assert row_counts(store)["documents"] == 0


def test_two_stores_on_one_file_keep_one_copy(database: str) -> None:
    first, second = Store(database), Store(database)
    try:
        assert first.add(ledger_one()).added == 2
        assert second.add(ledger_one()).skipped == 2
        assert row_counts(first) == {"documents": 2, "claims": 4, "relations": 1, "rejections": 0}
    finally:
        first.close()
        second.close()


def test_concurrent_adds_of_the_same_document_keep_one_copy(database: str) -> None:
    """Stores racing from threads on a fresh database (separate engines, as separate processes would have):
    schema creation and document inserts are both serialized by the database."""
    results: list[AddResult] = []
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            with Store(database) as store:
                results.append(store.add(ledger_one()))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.added for r in results) == 2
    assert sum(r.skipped for r in results) == 10
    with Store(database) as store:
        assert row_counts(store) == {"documents": 2, "claims": 4, "relations": 1, "rejections": 0}


def test_a_version_3_database_gains_columns_views_and_search_people_can_query(database: str) -> None:
    """Claims stored before version 4 get their figures, times, places and relay chain as columns, filled
    from the payload; relations their documents and proposition in a view; SQLite full-text search."""
    ledger = ledger_one()
    with Store(database) as store:
        store.add(ledger)
        store.index.assign({ledger.claims[0].id: "p-1", ledger.claims[2].id: "p-1"}, {"p-1": "troops in Kursk"})
        with store.engine.begin() as conn:  # back to version 3, as such a database was left
            conn.execute(sa.text("DROP VIEW relation_details"))
            conn.execute(sa.text("DROP VIEW claim_details"))
            for column in ("figures", "figure_value", "times", "places", "via"):
                conn.execute(sa.text(f"ALTER TABLE claims DROP COLUMN {column}"))
            if conn.dialect.name == "sqlite":
                for trigger in ("insert", "delete", "update"):
                    conn.execute(sa.text(f"DROP TRIGGER claims_fts_{trigger}"))
                conn.execute(sa.text("DROP TABLE claims_fts"))
            conn.execute(sa.text("DELETE FROM schema_version WHERE version > 3"))
    full = ledger.claims[0]
    with Store(database) as store, store.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT figures, figure_value, times, places, via FROM claims WHERE id = :id"),
                           {"id": full.id}).one()
        assert tuple(row) == ("12,000 troops (troop)", 12000, "on Friday = 2024-10-WXX-5", "Kursk", "Yonhap")
        relation = conn.execute(sa.text("SELECT a_document, b_document, proposition_id, a_source, b_source "
                                        "FROM relation_details")).one()
        assert tuple(relation) == (full.document, ledger.claims[2].document, "p-1", full.source.name,
                                   ledger.claims[2].source.name)
        detail = conn.execute(sa.text("SELECT published, figures FROM claim_details WHERE id = :id"),
                              {"id": full.id}).one()
        assert detail.figures == "12,000 troops (troop)" and detail.published == "2024-10"
        if conn.dialect.name == "sqlite":
            found = conn.execute(sa.text("SELECT id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts "
                                         "WHERE claims_fts MATCH 'intelligence')")).scalars()
            assert list(found) == [full.id]


def test_new_claims_are_searchable_and_have_their_columns(store: Store) -> None:
    ledger = ledger_one()
    store.add(ledger)
    with store.engine.connect() as conn:
        figures = dict(conn.execute(sa.text("SELECT id, figures FROM claims")).all())
        assert figures[ledger.claims[0].id] == "12,000 troops (troop)" and figures[ledger.claims[2].id] is None
        if conn.dialect.name == "sqlite":
            hits = conn.execute(sa.text("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH :q"),
                                {"q": f'"{ledger.claims[3].evidence.split()[0]}"'}).scalar()
            assert hits >= 1
