"""JSON Lines: one article per line; a bad line is an InputError naming `path:line`, the rest goes on."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import EMPTY, MALFORMED, TOO_LARGE, UNSUPPORTED
from claimgraph.model import Document
from claimgraph.settings import Settings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikinews-2019-2020.jsonl"


def _line(**fields) -> str:
    return json.dumps(fields)


def test_broken_lines_among_good_ones(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        _line(text="First article.\n\nSecond paragraph.", date="2019-01-04", url="https://ex.com/1",
              title="One", outlet="Example News", author="Jane Doe"),
        '{"text": "unterminated',
        _line(title="no text field"),
        "",
        _line(text="   "),
        "[1, 2]",
        _line(text="Last article.", date="2020-03-15T21:00:00-04:00"),
        _line(text="Odd date.", date="sometime in March"),
    ]
    path.write_text("\n".join(lines) + "\n")

    results = list(read_inputs([str(path)]))

    assert [type(r).__name__ for r in results] == ["Document"] + ["InputError"] * 4 + ["Document"] * 2
    first, last, odd = (r for r in results if isinstance(r, Document))
    assert first.name == first.url == "https://ex.com/1"
    assert (first.title, first.outlet, first.author, first.path) == ("One", "Example News", "Jane Doe", str(path))
    assert first.text == "First article.\n\nSecond paragraph."
    assert first.published.value == "2019-01-04" and first.published.precision == "day"
    assert last.name == "news.jsonl:7" and last.url is None and last.author is None
    assert last.published.value == "2020-03-15" and last.published.precision == "day"
    assert odd.published is None and odd.warnings == ["unrecognised date 'sometime in March'"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.path for e in errors] == [f"{path}:{n}" for n in (2, 3, 5, 6)]
    assert [e.code for e in errors] == [MALFORMED, MALFORMED, EMPTY, MALFORMED]


def test_json_array_file(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": "A.", "date": "2024-10"}, {"text": 5}, {"text": "B.", "url": "u"}]))
    results = list(read_inputs([str(path)]))
    assert [getattr(r, "name", None) for r in results] == ["export.json:1", None, "u"]
    assert results[0].published.precision == "month"
    assert isinstance(results[1], InputError) and results[1].path == f"{path}:2"


def test_cp1252_jsonl_is_decoded_with_warning(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"text": "\x93Quoted\x94"}\n')
    [doc] = list(read_inputs([str(path)]))
    assert doc.text == "“Quoted”" and "decoded as cp1252" in doc.warnings


@pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not present at {CORPUS}")
def test_real_corpus():
    docs = list(read_inputs([str(CORPUS)]))
    assert len(docs) == 282
    assert all(isinstance(d, Document) for d in docs)
    assert all(d.published is not None and d.published.precision == "day" for d in docs)
    assert all(d.name == d.url and d.title and d.outlet and d.text.strip() for d in docs)
    assert len({d.name for d in docs}) == 282
    assert min(d.published.value for d in docs).startswith("2019")


def test_a_jsonl_over_the_size_limit_is_read_line_by_line_and_only_a_line_over_it_is_refused(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [_line(text=f"The ministry said {n} troops arrived.") for n in range(30)]
    lines[10] = _line(text="The ministry said " + "very " * 300 + "many troops arrived.")
    path.write_text("\n".join(lines) + "\n")
    results = list(read_inputs([str(path)], Settings(max_input_bytes=300)))
    assert path.stat().st_size > 1500
    assert [type(r).__name__ for r in results] == ["Document"] * 10 + ["InputError"] + ["Document"] * 19
    assert (results[10].path, results[10].code) == (f"{path}:11", TOO_LARGE)
    assert results[11].name == "corpus.jsonl:12" and results[11].text == "The ministry said 11 troops arrived."


def test_reading_a_large_jsonl_holds_one_record_at_a_time(tmp_path):
    path = tmp_path / "large.jsonl"
    record = "The ministry said 300 troops arrived in the city on Monday. " * 30
    with path.open("w") as handle:
        for n in range(8000):
            handle.write(_line(text=f"{n} {record}", url=f"https://news.example/{n}") + "\n")
    assert path.stat().st_size > 14_000_000
    tracemalloc.start()
    try:
        count = sum(isinstance(r, Document) for r in read_inputs([str(path)], Settings(max_input_bytes=1_000_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 8000
    assert peak < 500_000  # measured here: 28 KB streamed; the same file read whole peaked at 100 MB


def test_a_utf16_jsonl_is_refused_by_name(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((_line(text="The ministry said 300 troops arrived.") + "\n").encode("utf-16"))
    [error] = list(read_inputs([str(path)]))
    assert isinstance(error, InputError) and error.code == UNSUPPORTED
