"""The store on PostgreSQL: the behaviours of test_store.py, plus processes racing, the link index and the CLI.

Runs when CLAIMGRAPH_TEST_POSTGRES holds a URL (postgresql://user:password@host:port/db) whose role may create
databases; each test gets a database of its own, dropped afterwards. `.ci/postgres.sh` sets one up.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa

ADMIN_URL = os.environ.get("CLAIMGRAPH_TEST_POSTGRES", "")
if not ADMIN_URL:
    pytest.skip("CLAIMGRAPH_TEST_POSTGRES is not set (a postgresql:// URL whose role may create databases)",
                allow_module_level=True)
pytest.importorskip("psycopg", reason="the PostgreSQL driver is not installed: pip install 'psycopg[binary]'")

from claimgraph.model import Ledger  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.store.schema import MIGRATIONS, connect  # noqa: E402
from test_store import (  # noqa: E402  the behaviours of test_store.py, run here against the `database` below
    NIS,
    ledger_one,
    make_claim,
    make_document,
    row_counts,
    store,  # noqa: F401  the fixture, given the `database` below
    test_a_version_2_database_gains_the_author_column,  # noqa: F401
    test_a_version_3_database_gains_columns_views_and_search_people_can_query,  # noqa: F401
    test_add_relations_across_documents,  # noqa: F401
    test_add_then_read_back_equal,  # noqa: F401
    test_claims_of_unknown_document_write_nothing,  # noqa: F401
    test_concurrent_adds_of_the_same_document_keep_one_copy,  # noqa: F401
    test_export_is_the_v1_ledger,  # noqa: F401
    test_failure_rolls_back_that_document_only,  # noqa: F401
    test_filter_by_document_stance_and_limit,  # noqa: F401
    test_filter_by_source,  # noqa: F401
    test_ids_are_assigned_when_missing,  # noqa: F401
    test_new_claims_are_searchable_and_have_their_columns,  # noqa: F401
    test_readding_changes_nothing,  # noqa: F401
    test_rejections_recorded,  # noqa: F401
    test_relation_to_unknown_claim_is_refused,  # noqa: F401
    test_two_stores_on_one_file_keep_one_copy,  # noqa: F401
)


@pytest.fixture(scope="session")
def admin() -> Iterator[sa.Engine]:
    engine = sa.create_engine(sa.make_url(ADMIN_URL).set(drivername="postgresql+psycopg"),
                              isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        pytest.fail(f"CLAIMGRAPH_TEST_POSTGRES is set but PostgreSQL cannot be reached: {exc.orig}")
    yield engine
    engine.dispose()


@pytest.fixture
def database(admin: sa.Engine) -> Iterator[str]:
    """A fresh database for one test. Its ctype is C, where PostgreSQL's lower() folds only ASCII, so the
    case-folded source filter is tested where it is hardest."""
    name = f"claimgraph_t{os.getpid()}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        yield sa.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_plain_url_uses_psycopg_and_migrates(database: str) -> None:
    assert database.startswith("postgresql://")
    assert connect(database).dialect.driver == "psycopg"
    with Store(database) as opened, opened.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT MAX(version) FROM schema_version")).scalar() == len(MIGRATIONS)
    with Store(database) as opened, opened.engine.connect() as conn:  # reopening migrates nothing
        assert conn.execute(sa.text("SELECT COUNT(*) FROM schema_version")).scalar() == len(MIGRATIONS)


# Processes racing

DOCUMENTS = 40


def many_documents() -> Ledger:
    ledger = Ledger()
    for i in range(DOCUMENTS):
        document = make_document(f"Article number {i}: the NIS said troops moved.", f"n{i}.txt")
        ledger.documents.append(document)
        ledger.claims += [make_claim(document, 1, NIS), make_claim(document, 2, NIS, stance="denies")]
    return ledger


def ingest_in_process(url: str, start: Any, results: Any) -> None:
    """One process: wait for the start signal, store every document, index every claim under two keys."""
    start.wait(60)
    try:
        with Store(url) as opened:
            ledger = many_documents()
            result = opened.add(ledger)
            keys = {claim.id: {"unit:troop", f"name:{claim.document}"} for claim in ledger.claims}
            opened.index.add(keys, {claim.id: np.ones(4) for claim in ledger.claims})
            results.put((result.added, result.skipped, result.claims_added))
    except BaseException as exc:
        results.put(repr(exc))  # the test fails at once, with the reason, instead of waiting for the queue
        raise


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_two_processes_ingesting_the_same_documents_lose_nothing(database: str, method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method!r} start method here")
    context = multiprocessing.get_context(method)
    start, results = context.Event(), context.Queue()
    processes = [context.Process(target=ingest_in_process, args=(database, start, results)) for _ in range(2)]
    for process in processes:
        process.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in processes]
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    assert sum(added for added, _, _ in outcomes) == DOCUMENTS
    assert sum(skipped for _, skipped, _ in outcomes) == DOCUMENTS
    assert sum(claims for _, _, claims in outcomes) == 2 * DOCUMENTS
    with Store(database) as opened, opened.engine.connect() as conn:
        assert row_counts(opened) == {"documents": DOCUMENTS, "claims": 2 * DOCUMENTS, "relations": 0, "rejections": 0}
        count = conn.execute(sa.text("SELECT COUNT(DISTINCT content_hash) FROM documents")).scalar()
        assert count == DOCUMENTS
        assert conn.execute(sa.text("SELECT COUNT(*) FROM claim_keys")).scalar() == 2 * 2 * DOCUMENTS
        assert conn.execute(sa.text("SELECT COUNT(*) FROM claim_vectors")).scalar() == 2 * DOCUMENTS
        # Index writes are serialized, so each claim key got a sequence number of its own.
        assert conn.execute(sa.text("SELECT COUNT(DISTINCT seq) FROM claim_keys")).scalar() == 2 * 2 * DOCUMENTS
        assert opened.claims() == many_documents().claims


# The link index

def exercise_index(opened: Store) -> dict[str, Any]:
    """Every LinkIndex operation on ledger_one(); what they return, for comparing databases."""
    ledger = ledger_one()
    opened.add(ledger)
    first, second = ledger.documents
    ids = [claim.id for claim in ledger.claims]
    index = opened.index
    vectors = {claim_id: np.arange(4, dtype=np.float32) / (n + 1) for n, claim_id in enumerate(ids)}
    index.add({ids[0]: {"unit:troop", "name:nis"}, ids[1]: {"unit:troop"}, ids[2]: {"unit:troop", "name:nis"},
               ids[3]: {"name:yonhap"}}, vectors)
    index.add({ids[0]: {"unit:troop"}}, {})  # already indexed: nothing changes
    index.add_document(first.id, np.ones(4), ["NIS", "Kursk"])
    index.add_document(second.id, np.ones(4) / 2, ["NIS", "Zelensky", "NIS"])
    index.assign({ids[0]: "p-a", ids[2]: "p-a", ids[1]: "p-b", ids[3]: "p-c"},
                 {"p-a": "troops", "p-b": "author", "p-c": "doubt"})
    index.assign({ids[1]: "p-c"}, {})  # a claim moves to another proposition
    assigned = [(p.id, p.label, p.claims) for p in index.propositions()]
    stored = index.vectors(ids)
    return {
        "candidates": index.candidates(["unit:troop", "name:nis", "name:none"], exclude_document=second.id),
        "candidates_per_key": index.candidates(["unit:troop"], exclude_document="other", per_key=1),
        "vectors": {key: value.tolist() for key, value in stored.items()},
        "float16": all(np.allclose(stored[key], vectors[key], atol=1e-3) for key in ids),
        "documents_named": index.documents_named(["NIS", "Kursk"], exclude_document="other"),
        "document_names": {key: sorted(value) for key, value in index.document_names([first.id, second.id]).items()},
        "document_vectors": {k: v.tolist() for k, v in index.document_vectors([first.id, second.id]).items()},
        "claim_ids_of": index.claim_ids_of([first.id, second.id], limit=10),
        "assigned": assigned,
        "propositions": [(p.id, p.label, p.claims) for p in index.propositions()],
        "some_propositions": [p.id for p in index.propositions(["p-b"])],
        "propositions_of": index.propositions_of(ids),
        "export": opened.export().to_json(),
    }


def test_link_index_on_postgres_as_on_sqlite(database: str, tmp_path: Path) -> None:
    with Store(database) as opened:
        got = exercise_index(opened)
    with Store(str(tmp_path / "same.db")) as opened:
        assert got == exercise_index(opened)
    ids = [claim.id for claim in ledger_one().claims]
    first, second = (document.id for document in ledger_one().documents)
    # newest first; the excluded document's claims left out
    assert got["candidates"] == {"unit:troop": [ids[1], ids[0]], "name:nis": [ids[0]], "name:none": []}
    assert got["candidates_per_key"] == {"unit:troop": [ids[2]]}
    assert got["float16"]
    assert got["documents_named"] == [second, first]
    assert got["document_names"] == {first: ["Kursk", "NIS"], second: ["NIS", "Zelensky"]}
    assert got["claim_ids_of"] == [ids[0], ids[2], ids[3]]  # captions are not compared
    assert got["assigned"] == got["propositions"] == [("p-a", "troops", sorted([ids[0], ids[2]])),
                                                      ("p-c", "doubt", sorted([ids[1], ids[3]]))]
    assert got["some_propositions"] == []  # p-b lost its only claim to p-c
    assert got["propositions_of"] == {ids[0]: "p-a", ids[2]: "p-a", ids[1]: "p-c", ids[3]: "p-c"}


# The command line

ARTICLES = {
    "a.txt": "Russia said on Monday that 12,000 North Korean troops had arrived in Kursk, officials told Reuters.\n"
             "The Kremlin denied that any North Korean troops were in Russia, spokesman Dmitry Peskov said.\n",
    "b.txt": "South Korea's National Intelligence Service said on Tuesday that 10,000 North Korean troops were in "
             "Kursk.\nDmitry Peskov denied the report, calling it \"fake news\".\n",
}


def _articles_in(folder: Path) -> None:
    """ARTICLES written as files in `folder`, for a command that runs the pipeline (skipped without a model)."""
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_cli_ingest_and_disputes(database: str, tmp_path: Path) -> None:
    _articles_in(tmp_path)
    claimgraph = [str(Path(sys.executable).with_name("claimgraph")), "--db", database]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*claimgraph, *args], capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done

    ingested = run("ingest", *ARTICLES)
    assert "2 documents added, 0 already stored, 0 rejected" in ingested.stderr
    assert "0 documents added, 2 already stored" in run("ingest", *ARTICLES).stderr
    disputes = run("disputes")
    assert "12,000" in disputes.stdout and "10,000" in disputes.stdout
    with Store(database) as opened:
        assert {d.name for d in opened.documents()} == set(ARTICLES)
        assert opened.claims() and opened.index.propositions()


def test_a_dask_ingest_into_postgresql_stores_what_a_serial_one_stores_in_sqlite(database: str, tmp_path: Path) -> None:
    """The set-up of a cluster of machines (workers analyse, the ingesting process writes PostgreSQL), on a
    local cluster of two workers."""
    import claimgraph
    _articles_in(tmp_path)
    source = str(Path(claimgraph.__file__).parents[1])  # the workers import this claimgraph too
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    claimgraph = [sys.executable, "-c", "from claimgraph.cli import run; run()"]

    def run(*args: str) -> None:
        done = subprocess.run([*claimgraph, *args], capture_output=True, text=True, timeout=300, cwd=tmp_path,
                              env=environment)
        assert done.returncode == 0, done.stderr

    run("--db", database, "ingest", "--engine", "dask", "--workers", "2", *ARTICLES)
    run("--db", str(tmp_path / "serial.db"), "ingest", *ARTICLES)
    with Store(database) as on_cluster, Store(str(tmp_path / "serial.db")) as serial:
        assert on_cluster.export().to_json() == serial.export().to_json()
