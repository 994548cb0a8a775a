"""A run killed with SIGKILL at any moment, then run again, leaves what one uninterrupted run leaves.

Each `claimgraph ingest` here is a real process, killed from outside as soon as the database holds a
given number of articles (polled, so the kill lands wherever that process happens to be: extracting,
linking, or inside the next article's transaction). The articles are five reports each of six stories,
so that linking has propositions to join and figures to compare across articles. Every engine is killed
the same way, with its whole process group (worker processes, a local Dask cluster), and every resumed
run must equal the same serial, uninterrupted one.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import claimgraph
from claimgraph.store import Store

STORIES = [
    ("Kherson", "the defence ministry", "troops arrived in", "soldiers"),
    ("Lagos", "the health agency", "people were treated for cholera in", "patients"),
    ("Valencia", "the regional government", "homes were flooded in", "houses"),
    ("Manila", "the coast guard", "fishermen were rescued near", "fishermen"),
    ("Quito", "the electoral council", "ballots were recounted in", "ballots"),
    ("Osaka", "the fire department", "buildings were damaged in", "buildings"),
]
TIMEOUT = 120
# Options before and after `ingest`, and the articles in the database when each run is killed. The serial
# run is killed three times; the others, slower to start (a Dask cluster takes about 10 s here), once.
ENGINES = {
    "serial": ([], [], (4, 13, 22)),
    "processes": (["--processes", "2"], [], (13,)),
    "dask": ([], ["--engine", "dask", "--workers", "2"], (13,)),
}


def article(story: int, report: int) -> str:
    city, source, event, noun = STORIES[story]
    count = 100 * (story + 1) + 25 * report
    return (
        f"date: 2024-05-{report + 1:02d}\n\n"
        f"{source.capitalize()} said {count} {event} {city} on Monday.\n\n"
        f"The mayor of {city} said only {count - 40} {noun} were affected.\n\n"
        f"Residents denied that the authorities had warned them about {city}.\n"
    )


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for report in range(5):
        for story in range(len(STORIES)):
            (folder / f"{report}-{story}.txt").write_text(article(story, report), encoding="utf-8")
    return folder


def ingest(database: Path, articles: Path, engine: str = "serial") -> subprocess.Popen[bytes]:
    source = str(Path(claimgraph.__file__).parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    before, after, _ = ENGINES[engine]
    command = [sys.executable, "-c", "from claimgraph.cli import run; run()", "--db", str(database), *before,
               "ingest", *after, str(articles)]
    # a session of its own: killing its process group kills the workers it started too
    return subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def stored_articles(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created, or not migrated, yet
        return 0


def kill_when_stored(database: Path, articles: Path, count: int, engine: str) -> None:
    process = ingest(database, articles, engine)
    deadline = time.monotonic() + TIMEOUT
    try:
        while stored_articles(database) < count:
            assert process.poll() is None, f"ended before it was killed: {process.stderr.read().decode()}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "too slow to reach the kill point"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def finish(database: Path, articles: Path, engine: str = "serial") -> None:
    process = ingest(database, articles, engine)
    _, errors = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, errors.decode()


def exported(database: Path) -> dict:
    with Store(str(database)) as store:
        return json.loads(json.dumps(store.export().to_json()))


@pytest.fixture(scope="module")
def uninterrupted(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    database = tmp_path_factory.mktemp("uninterrupted") / "claimgraph.db"
    finish(database, articles)
    expected = exported(database)
    assert len(expected["documents"]) == 30 and expected["propositions"] and expected["relations"]
    return expected


@pytest.mark.parametrize("engine", ENGINES)
def test_a_run_killed_and_resumed_equals_one_uninterrupted_serial_run(
    engine: str, articles: Path, uninterrupted: dict, tmp_path: Path
) -> None:
    resumed = tmp_path / "resumed.db"
    for count in ENGINES[engine][2]:
        kill_when_stored(resumed, articles, count, engine)
    finish(resumed, articles, engine)

    expected, got = uninterrupted, exported(resumed)
    linked = {claim for proposition in got["propositions"] for claim in proposition["claims"]}
    assert {claim["id"] for claim in got["claims"] if not claim["caption"]} == linked  # none left unlinked
    assert got == expected


@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_each_engine_stores_what_the_serial_run_stores(
    engine: str, articles: Path, uninterrupted: dict, tmp_path: Path
) -> None:
    database = tmp_path / "claimgraph.db"
    finish(database, articles, engine)
    assert exported(database) == uninterrupted
