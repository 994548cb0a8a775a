"""A batch goes on past bad inputs: each becomes an InputError in its place, naming the file."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import decode as decode_module
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import BINARY, EMPTY, MALFORMED, TOO_LARGE, UNREADABLE, UNSUPPORTED
from claimgraph.model import Document
from claimgraph.settings import Settings

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
GOOD = "date 2024-10-18\nOfficials said on Friday that the bridge would reopen.\n\nA second paragraph."


def test_error_codes_are_distinct():
    codes = [EMPTY, BINARY, TOO_LARGE, MALFORMED, UNREADABLE, UNSUPPORTED]
    assert len(set(codes)) == len(codes)
    assert (EMPTY, BINARY, TOO_LARGE, MALFORMED) == ("E101", "E102", "E103", "E104")


def test_bad_inputs_next_to_a_good_one(tmp_path):
    files = {
        "a_empty.txt": b"",
        "b_blank.txt": b"  \n\t \n",
        "c_image.txt": PNG,
        "d_big.txt": b"x" * 500,
        "e_good.txt": GOOD.encode(),
        "f_header_only.txt": b"date 2024-10-18\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.txt")]

    results = list(read_inputs(paths, Settings(max_input_bytes=200)))

    assert [type(r).__name__ for r in results] == ["InputError"] * 4 + ["Document"] + ["InputError"] * 2
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.code for e in errors] == [EMPTY, EMPTY, BINARY, TOO_LARGE, EMPTY, UNREADABLE]
    assert [e.path for e in errors] == [p for p in paths if not p.endswith("e_good.txt")]
    assert errors[2].reason == "binary content, not text (PNG image)"
    assert str(errors[3]).startswith(f"{paths[3]}: too large (500 bytes") and str(errors[3]).endswith("[E103]")
    [doc] = [r for r in results if isinstance(r, Document)]
    assert doc.name == "e_good.txt" and doc.path == paths[4]
    assert doc.published is not None and doc.published.value == "2024-10-18"
    assert doc.text == "Officials said on Friday that the bridge would reopen.\n\nA second paragraph."


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 1000)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(decode_module, "open", no_open, raising=False)
    [error] = list(read_inputs([str(path)], Settings(max_input_bytes=999)))
    assert isinstance(error, InputError) and error.code == TOO_LARGE


def test_directories_are_walked_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.txt", "b/1.txt", "a.txt", "c.txt", ".DS_Store", ".git/HEAD"]:
        (tmp_path / rel).write_text(f"Article {rel}.")
    names = [d.name for d in read_inputs([str(tmp_path)])]
    assert names == ["a.txt", "1.txt", "2.txt", "c.txt"]


def test_input_order_is_kept(tmp_path):
    for name in ["z.txt", "a.txt"]:
        (tmp_path / name).write_text(f"Text of {name}.")
    docs = list(read_inputs([str(tmp_path / "z.txt"), str(tmp_path / "a.txt")]))
    assert [d.name for d in docs] == ["z.txt", "a.txt"]


@pytest.mark.parametrize("name", ["notes", "article.md", "story.txt"])
def test_other_extensions_are_text(tmp_path, name):
    (tmp_path / name).write_text("date 2024-10 An article without the usual extension.")
    [doc] = list(read_inputs([str(tmp_path / name)]))
    assert isinstance(doc, Document)
    assert doc.text == "An article without the usual extension." and doc.published.precision == "month"
