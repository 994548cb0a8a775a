"""The command line as a user meets it: good and bad inputs in one call, the database, the JSON ledger."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()

ARTICLE = (
    "date 2023-05-12\n"
    "Flooding has forced 4,000 people from their homes, the regional governor said on Thursday.\n\n"
    "The national weather agency said about 2,500 people had been evacuated from their homes.\n\n"
    "The mining company denied that its dam had failed.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "floods.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_extract_writes_a_claimgraph_v1_ledger(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    result = invoke("extract", str(article), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    ledger = json.loads(out.read_text("utf-8"))
    assert ledger["format"] == "claimgraph/v1"
    assert ledger["documents"][0]["name"] == "floods.txt"
    assert ledger["documents"][0]["published"] == {"text": "2023-05-12", "value": "2023-05-12", "precision": "day"}
    governor = next(c for c in ledger["claims"] if "governor" in c["source"]["name"])
    assert governor["quantities"][0]["value"] == 4000
    assert governor["times"][0]["value"] == "2023-05-11"
    denial = next(c for c in ledger["claims"] if c["stance"] == "denies")
    assert "mining company" in denial["source"]["name"]


def test_extract_table_format_prints_sources_and_disputes(article: Path) -> None:
    result = invoke("extract", str(article), "--format", "table")
    assert result.exit_code == 0
    assert "governor" in result.stdout
    assert "Contradictions" in result.stdout


def test_the_headers_author_speaks_the_articles_own_sentences(tmp_path: Path) -> None:
    path = tmp_path / "ceasefire.txt"
    path.write_text("date 2024-10-25\nauthor: Jane Doe\noutlet Daily Planet\n\n"
                    "The ceasefire held overnight in the north.\n", encoding="utf-8")
    out = tmp_path / "ledger.json"
    assert invoke("extract", str(path), "-o", str(out)).exit_code == 0
    ledger = json.loads(out.read_text("utf-8"))
    assert (ledger["documents"][0]["author"], ledger["documents"][0]["outlet"]) == ("Jane Doe", "Daily Planet")
    assert [c["source"] for c in ledger["claims"]] == [{"name": "Jane Doe", "mention": "", "kind": "author"}]
    table = invoke("extract", str(path), "--format", "table")
    assert "Jane Doe" in table.stdout and "(author)" in table.stdout  # the name, marked as the article's own voice


def test_bad_inputs_are_named_one_line_each_and_the_good_file_is_still_written(
    article: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 400_000, encoding="utf-8")  # 2 MB, over the 1 MB limit set below
    out = tmp_path / "ledger.json"
    result = invoke("--max-input-mb", "1", "extract", str(empty), str(binary), str(article), str(huge), "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    for path, line in zip((empty, binary, huge), errors, strict=True):
        assert str(path) in line
    assert "Traceback" not in result.stderr
    ledger = json.loads(out.read_text("utf-8"))
    assert [d["name"] for d in ledger["documents"]] == ["floods.txt"]


def test_a_cp1252_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("The café owner said the “new rules” would cost €300 a month.".encode("cp1252"))
    out = tmp_path / "ledger.json"
    result = invoke("extract", str(path), "-o", str(out))
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "cp1252" in result.stderr
    claim = json.loads(out.read_text("utf-8"))["claims"][0]
    assert "café" in claim["evidence"] and "“new rules”" in claim["evidence"]


def test_ingest_twice_changes_nothing_and_claims_filters_by_source(article: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cg.db")
    first = invoke("--db", db, "ingest", str(article))
    assert first.exit_code == 0
    assert "1 documents added" in first.stderr
    exported = invoke("--db", db, "export", "--format", "json")
    second = invoke("--db", db, "ingest", str(article))
    assert "0 documents added" in second.stderr and "1 already stored" in second.stderr
    assert invoke("--db", db, "export", "--format", "json").stdout == exported.stdout
    listed = invoke("--db", db, "claims", "--source", "weather")
    assert "weather" in listed.stdout
    as_json = json.loads(invoke("--db", db, "claims", "--source", "weather", "--json").stdout)
    assert [c["source"]["name"] for c in as_json["claims"]] == ["national weather agency"] and as_json["total"] == 1


def test_ingest_records_rejected_inputs(article: Path, tmp_path: Path) -> None:
    from claimgraph.store import Store

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    db = str(tmp_path / "cg.db")
    result = invoke("--db", db, "ingest", str(empty), str(article))
    assert result.exit_code == 1
    with Store(db) as store:
        assert [r["path"] for r in store.rejections()] == [str(empty)]
        assert len(store.documents()) == 1


def test_disputes_lists_stored_contradictions(article: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cg.db")
    invoke("--db", db, "ingest", str(article))
    result = invoke("--db", db, "disputes")
    assert result.exit_code == 0
    assert "quantity" in result.stdout
    assert "4,000" in result.stdout and "2,500" in result.stdout


def test_ingest_off_a_terminal_prints_progress_lines_and_a_summary(article: Path, tmp_path: Path) -> None:
    second = tmp_path / "more.txt"
    second.write_text("date 2023-05-13\nThe regional governor said 5,000 people had been evacuated.\n", "utf-8")
    result = invoke("--db", str(tmp_path / "cg.db"), "ingest", "--progress-every", "1", str(article), str(second))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "ingest: started"  # inputs are streamed, not counted first
    assert lines[1].startswith("ingest: 1 documents, ") and lines[2].startswith("ingest: 2 documents, ")
    summary = " ".join(lines[3:])
    assert summary.startswith("2 documents added, 0 already stored, 0 rejected -> ")
    assert re.search(r"; \d+ claims, [1-9]\d* contradictions, \d+ corroborations added$", summary), summary


def test_cluster_options_without_the_dask_engine_are_refused_before_anything_is_read(
    article: Path, tmp_path: Path
) -> None:
    from claimgraph.errors import ClaimgraphError

    with pytest.raises(ClaimgraphError, match="apply to --engine dask only"):
        invoke("--db", str(tmp_path / "cg.db"), "ingest", "--workers", "2", str(article))
    assert not (tmp_path / "cg.db").exists()
