"""Across articles: propositions, contradictions, corroborations, revisions, disputes and timelines."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.link.blocking import blocking_keys, top_names
from claimgraph.model import Claim, Quantity, Source

runner = CliRunner()

MONDAY = (
    "date 2022-03-07\n"
    "Floods in the Ravenna valley have killed 14 people, the regional civil protection agency said on Monday.\n\n"
    "Mayor Lucia Ferri said rescue teams were still searching flooded villages in the Ravenna valley.\n"
)
TUESDAY = (
    "date 2022-03-08\n"
    "The death toll from the Ravenna valley floods has risen to 21, the regional civil protection agency said.\n\n"
    "A local hospital said 40 people were being treated for injuries after the Ravenna valley floods.\n"
)
WEDNESDAY = (
    "date 2022-03-09\n"
    "Residents of the Ravenna valley said at least 30 people had died in the floods, "
    "more than the agency has confirmed.\n"
)
ELSEWHERE = (
    "date 2022-03-08\n"
    "The central bank of Norway raised its key interest rate to 1.5 percent, its governor said in Oslo.\n"
)


def write(folder: Path, **texts: str) -> list[str]:
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def extract(paths: list[str], out: Path) -> dict:
    result = runner.invoke(app, ["extract", *paths, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(out.read_text("utf-8"))


def by_id(ledger: dict) -> dict[str, dict]:
    return {c["id"]: c for c in ledger["claims"]}


def test_rival_figures_in_two_articles_contradict_and_share_a_proposition(tmp_path: Path) -> None:
    paths = write(tmp_path, monday=MONDAY, wednesday=WEDNESDAY)
    ledger = extract(paths, tmp_path / "out.json")
    claims = by_id(ledger)
    across = [r for r in ledger["relations"]
              if claims[r["a"]]["document"] != claims[r["b"]]["document"] and r["kind"] == "contradicts"]
    assert [r["basis"] for r in across] == ["quantity"]
    figures = {q["value"] for r in across for c in (r["a"], r["b"]) for q in claims[c]["quantities"]}
    assert figures == {14, 30}
    home = {c: p["id"] for p in ledger["propositions"] for c in p["claims"]}
    assert home[across[0]["a"]] == home[across[0]["b"]]


def test_a_source_revising_its_figure_is_a_contradiction_marked_as_revision(tmp_path: Path) -> None:
    paths = write(tmp_path, monday=MONDAY, tuesday=TUESDAY)
    ledger = extract(paths, tmp_path / "out.json")
    revisions = [r for r in ledger["relations"] if "revised" in r["explanation"]]
    assert len(revisions) == 1
    assert revisions[0]["kind"] == "contradicts" and revisions[0]["basis"] == "quantity"
    assert "14" in revisions[0]["explanation"] and "21" in revisions[0]["explanation"]
    # injured and dead are different counts: the hospital's 40 contradicts nobody
    claims = by_id(ledger)
    assert not any(40 in {q["value"] for q in claims[c]["quantities"]}
                   for r in ledger["relations"] for c in (r["a"], r["b"]))


def test_unrelated_articles_are_not_linked(tmp_path: Path) -> None:
    paths = write(tmp_path, monday=MONDAY, elsewhere=ELSEWHERE)
    ledger = extract(paths, tmp_path / "out.json")
    claims = by_id(ledger)
    assert not [r for r in ledger["relations"] if claims[r["a"]]["document"] != claims[r["b"]]["document"]]


def test_ingest_links_incrementally_and_reingesting_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "cg.db")
    monday, wednesday = write(tmp_path, monday=MONDAY, wednesday=WEDNESDAY)
    assert runner.invoke(app, ["--db", db, "ingest", monday]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "ingest", wednesday]).exit_code == 0
    before = runner.invoke(app, ["--db", db, "export"]).stdout
    again = runner.invoke(app, ["--db", db, "ingest", monday, wednesday])
    assert "0 documents added, 2 already stored" in again.stderr
    assert runner.invoke(app, ["--db", db, "export"]).stdout == before
    board = runner.invoke(app, ["--db", db, "disputes", "--topic", "ravenna"])
    assert "14" in board.stdout and "30" in board.stdout and "quantity" in board.stdout
    assert "No disputed" in runner.invoke(app, ["--db", db, "disputes", "--topic", "norway"]).stdout


def test_timeline_lists_figures_by_date(tmp_path: Path) -> None:
    db = str(tmp_path / "cg.db")
    for path in write(tmp_path, monday=MONDAY, tuesday=TUESDAY, wednesday=WEDNESDAY):
        runner.invoke(app, ["--db", db, "ingest", path], catch_exceptions=False)
    ledger = json.loads(runner.invoke(app, ["--db", db, "export"]).stdout)
    claims = by_id(ledger)
    proposition = next(p for p in ledger["propositions"]
                       if any(14 in {q["value"] for q in claims[c]["quantities"]} for c in p["claims"]))
    result = runner.invoke(app, ["--db", db, "timeline", proposition["id"]], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    lines = result.stdout
    assert lines.index("2022-03-07") < lines.index("2022-03-08")
    assert "14" in lines and "21" in lines
    missing = runner.invoke(app, ["--db", db, "timeline", "no such thing at all"])
    assert missing.exit_code != 0


def test_blocking_keys_are_deterministic_and_name_what_a_claim_counts() -> None:
    claim = Claim(document="d1", evidence="", content="Floods in the Ravenna valley have killed 14 people",
                  source=Source("agency", "agency", "government"),
                  quantities=[Quantity("14", 14, unit="people", event="kill")])
    vector = np.random.default_rng(0).standard_normal(384).astype(np.float32)
    vector /= np.linalg.norm(vector)
    keys = blocking_keys(claim, vector)
    assert keys == blocking_keys(claim, vector.copy())
    assert {"unit:person", "event:death", "name:ravenna"} <= keys
    assert len([k for k in keys if k.startswith("lsh:")]) == 4


def test_an_articles_names_are_counted_by_sentence_not_by_claim() -> None:
    def claim(evidence: str) -> Claim:
        return Claim(document="d1", evidence=evidence, content=evidence, source=Source("author", "author", "author"))

    twice = "Later, Prime Minister Tuilaepa called for full coverage of Apia and said Apia had reached 92%."
    story = "Vaccination teams from Samoa visited villages, and Samoa closed its schools in Upolu."
    # one sentence read as two claims is still one mention of its names: the story's names come first
    assert top_names([claim(twice), claim(twice), claim(story), claim(story.replace("visited", "toured"))])[:1] \
        == ["samoa"]


def test_a_dismissal_reaches_the_claims_of_the_party_it_names_however_unlike_they_read(tmp_path: Path) -> None:
    finding = (
        "date 2031-09-02\n"
        "The government of Valoria said the opposition leader Ivo Marek had been poisoned with a nerve agent "
        "in Ostrava, according to tests at a military laboratory in Valoria.\n\n"
        "Doctors in Ostrava said Ivo Marek remained in a coma.\n"
    )
    answer = (
        "date 2031-09-03\n"
        "The Orlian foreign ministry rejected the claims from Valoria as groundless, and said Orlia would not "
        "comment on Ivo Marek or the hospital in Ostrava any further.\n"
    )
    ledger = extract(write(tmp_path, finding=finding, answer=answer), tmp_path / "out.json")
    claims = {c["id"]: c for c in ledger["claims"]}
    dismissals = [r for r in ledger["relations"] if r["kind"] == "contradicts" and r["basis"] == "polarity"]
    assert dismissals, ledger["relations"]
    pair = {claims[dismissals[0]["a"]]["source"]["name"], claims[dismissals[0]["b"]]["source"]["name"]}
    assert any("Valoria" in name for name in pair) and any("Orlia" in name for name in pair)
