"""A run killed with SIGKILL at any moment, then run again, leaves what one uninterrupted run leaves.

Each `claimgraph ingest` here is a real process, killed from outside as soon as the database holds a
given number of articles (polled, so the kill lands wherever that process happens to be: extracting,
linking, or inside the next article's transaction). The articles are five reports each of six stories,
so that linking has propositions to join and figures to compare across articles.
"""

from __future__ import annotations

import json
import os
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
KILL_AFTER = (4, 13, 22)  # articles in the database when each of three runs is killed
TIMEOUT = 120


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


def ingest(database: Path, articles: Path) -> subprocess.Popen[bytes]:
    source = str(Path(claimgraph.__file__).parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", "from claimgraph.cli import run; run()", "--db", str(database), "ingest",
               str(articles)]
    return subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored_articles(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created, or not migrated, yet
        return 0


def kill_when_stored(database: Path, articles: Path, count: int) -> None:
    process = ingest(database, articles)
    deadline = time.monotonic() + TIMEOUT
    while stored_articles(database) < count:
        assert process.poll() is None, f"ended before it was killed: {process.stderr.read().decode()}"  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "too slow to reach the kill point"
        time.sleep(0.02)
    process.kill()
    process.wait()


def finish(database: Path, articles: Path) -> None:
    process = ingest(database, articles)
    _, errors = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, errors.decode()


def exported(database: Path) -> dict:
    with Store(str(database)) as store:
        return json.loads(json.dumps(store.export().to_json()))


def test_a_run_killed_three_times_and_resumed_equals_one_uninterrupted_run(articles: Path, tmp_path: Path) -> None:
    uninterrupted, resumed = tmp_path / "uninterrupted.db", tmp_path / "resumed.db"
    finish(uninterrupted, articles)
    for count in KILL_AFTER:
        kill_when_stored(resumed, articles, count)
    finish(resumed, articles)

    expected, got = exported(uninterrupted), exported(resumed)
    assert len(expected["documents"]) == 30 and expected["propositions"] and expected["relations"]
    linked = {claim for proposition in got["propositions"] for claim in proposition["claims"]}
    assert {claim["id"] for claim in got["claims"] if not claim["caption"]} == linked  # none left unlinked
    assert got == expected
