"""Hostile input: each attack file is made here, and each gets a named error or a cleaned record, never a
crash, a hang or a batch lost; one bad record never costs the others."""

from __future__ import annotations

import json
import os
import threading
from itertools import pairwise
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from claimgraph import ingest as ingest_module
from claimgraph.annotate.sentence_cap import MAX_SENTENCE_TOKENS, cap_sentences
from claimgraph.cli import app
from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import EMPTY, MALFORMED, NOT_REGULAR, TOO_LARGE, TRUNCATED, read_bytes
from claimgraph.ingest.jsonl import MAX_DEPTH
from claimgraph.model import Document
from claimgraph.settings import Settings
from claimgraph.store import Store

GOOD = "date: 2024-05-01\n\nThe ministry said 300 troops arrived in Kherson on Monday.\n"
RECORD = json.dumps({"text": "The police said 12 people were hurt in Lagos.", "url": "https://x.example/good"})
UNPUNCTUATED = "the ministry said three hundred troops arrived in the city and officials said the talks failed "


def read(*paths: Path | str, settings: Settings | None = None) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], settings))


def codes(items: list[Document | InputError]) -> list[str]:
    return [item.code if isinstance(item, InputError) else "doc" for item in items]


def test_not_error_codes_of_each_other():
    assert len({EMPTY, MALFORMED, NOT_REGULAR, TOO_LARGE, TRUNCATED}) == 5
    assert (NOT_REGULAR, TRUNCATED) == ("E107", "E108")


# Files that are not files


def test_a_fifo_is_refused_by_kind_without_waiting_for_a_writer(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD)
    results: list = []
    reader = threading.Thread(target=lambda: results.extend(read(fifo, tmp_path)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    # named on its own, and again inside its folder, where it is not skipped without a word
    assert codes(results) == [NOT_REGULAR, "doc", NOT_REGULAR]
    assert results[0].reason == "not a regular file (a FIFO)"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_is_refused_before_a_byte_is_read():
    [error] = read("/dev/zero")
    assert isinstance(error, InputError) and error.code == NOT_REGULAR
    assert error.reason == "not a regular file (a character device)"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_the_size_limit_is_counted_while_reading_a_file_whose_size_says_zero():
    assert os.stat("/proc/self/status").st_size == 0
    error = read_bytes("/proc/self/status", 10)
    assert isinstance(error, InputError) and error.code == TOO_LARGE
    assert error.reason == "too large (over the limit of 10 bytes)"


# Text that no store accepts


def test_a_lone_surrogate_is_replaced_in_its_record_and_the_next_record_is_read(tmp_path: Path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "The ministry said 300 troops \\ud800 arrived.", "title": "Troops \\udc00"}\n'
                    + RECORD + "\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "The ministry said 300 troops \ufffd arrived." and first.title == "Troops \ufffd"
    assert first.warnings == ["replaced 1 lone surrogate with U+FFFD"]
    first.content_hash.encode("utf-8")  # storable: what raised UnicodeEncodeError before
    assert second.url == "https://x.example/good" and second.warnings == []


def test_nul_bytes_after_the_sniffed_head_are_removed(tmp_path: Path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(GOOD.encode() + b"a" * 9000 + b"\x00\x00 The police said 5 people died.\n")
    [document] = read(path)
    assert isinstance(document, Document)
    assert "\x00" not in document.text and document.text.endswith("a The police said 5 people died.\n")
    assert document.warnings == ["removed 2 NUL characters"]


def test_a_record_that_was_only_nul_escapes_is_empty(tmp_path: Path):
    path = tmp_path / "nul.jsonl"
    path.write_text('{"text": "\\u0000\\u0000"}\n' + RECORD + "\n")
    assert codes(read(path)) == [EMPTY, "doc"]


def test_a_file_name_that_is_not_utf8_is_named_storably(tmp_path: Path):
    directory = os.fsencode(tmp_path)
    with open(os.path.join(directory, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"")
    [error] = read(tmp_path)
    assert isinstance(error, InputError) and error.code == EMPTY
    assert error.path.endswith("caf\ufffd.txt")
    with Store("sqlite://") as store:
        store.record_rejection(error.path, error.code, error.reason)


# Nesting


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_nested_100k_deep_is_refused_by_line_and_the_rest_is_read(tmp_path: Path, suffix: str):
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + RECORD + "\n")
    error, document = read(path)
    assert isinstance(error, InputError) and error.code == MALFORMED and error.path == f"{path}:1"
    assert error.reason == f"nested deeper than {MAX_DEPTH} levels"
    assert isinstance(document, Document)


def test_nesting_is_measured_outside_strings(tmp_path: Path):
    path = tmp_path / "brackets.jsonl"
    path.write_text(json.dumps({"text": "[" * 500 + " said the \\\" ministry", "meta": {"tags": [["a"]]}}) + "\n")
    [document] = read(path)
    assert isinstance(document, Document)


# A reader that fails in a way no check foresaw


def test_a_reader_crash_costs_its_own_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def overflow(*_args: object, **_fields: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest_module, "html_document", overflow)
    (tmp_path / "a.html").write_text("<html><body><p>Deep.</p></body></html>")
    (tmp_path / "b.txt").write_text(GOOD)
    error, document = read(tmp_path)
    assert isinstance(error, InputError) and error.code == MALFORMED
    assert error.reason == "cannot be read (RecursionError: maximum recursion depth exceeded)"
    assert isinstance(document, Document)


# Long text


def test_a_long_unpunctuated_run_is_cut_into_capped_sentences():
    doc = cap_sentences(spacy.blank("en")(UNPUNCTUATED * 60))  # 1,020 tokens, no full stop
    starts = [token.i for token in doc if token.is_sent_start] + [len(doc)]
    lengths = [end - start for start, end in pairwise(starts)]
    assert max(lengths) == MAX_SENTENCE_TOKENS and sum(lengths) == len(doc)


def test_punctuated_text_keeps_its_sentences_to_the_parser():
    doc = cap_sentences(spacy.blank("en")("The ministry said troops arrived. " * 200))
    assert [token.i for token in doc if token.is_sent_start] == [0]


def test_the_full_pipeline_parses_no_sentence_longer_than_the_cap():
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        nlp = build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))
    up_to_the_parser = ["claimgraph_paragraphs", "claimgraph_turns", "claimgraph_sentence_cap", "tok2vec", "parser"]
    with nlp.select_pipes(enable=up_to_the_parser):
        doc = nlp(UNPUNCTUATED * 120)  # 2,040 tokens: uncapped, one sentence, and 15 s in the attribution rules
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS


# The whole batch, through the command line


def test_one_bad_record_never_costs_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "mixed.jsonl").write_text("\n".join([
        '{"text": "The ministry said 300 troops \\ud800 arrived in Kherson."}',
        "[" * 100_000 + "]" * 100_000,
        '{"text": "Residents said the bridge \\u0000 had collapsed."}',
        RECORD,
    ]) + "\n")
    (inputs / "unpunctuated.txt").write_text("date: 2024-05-01\n\n" + UNPUNCTUATED * 20)
    os.mkfifo(inputs / "pipe.txt")
    database = tmp_path / "cg.db"
    monkeypatch.setenv("CLAIMGRAPH_MAX_TEXT_CHARS", "1000")
    result = CliRunner().invoke(app, ["--db", str(database), "ingest", str(inputs)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "3 documents added, 0 already stored, 3 rejected" in result.stderr
    with Store(str(database)) as store:
        assert [r["code"] for r in store.rejections()] == [MALFORMED, NOT_REGULAR, TOO_LARGE]
        texts = [d.text for d in store.documents()]
    assert texts == ["The ministry said 300 troops \ufffd arrived in Kherson.",
                     "Residents said the bridge  had collapsed.", "The police said 12 people were hurt in Lagos."]
