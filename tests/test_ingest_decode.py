"""Decoding: byte-order marks, declared charsets, UTF-8, then cp1252/latin-1 with a warning."""

from __future__ import annotations

import pytest

from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import binary_reason, decode
from claimgraph.model import Document

CURLY = "“It’s over,” she said — and left."
ARTICLE_HTML = """<html><head><meta {meta}><title>Café news</title></head>
<body><article><p>{para}</p><p>The mayor of the town said on Friday that the café would reopen next week
after months of repairs, according to a statement released by the council.</p></article></body></html>"""


def _read_one(path) -> Document:
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document), doc
    return doc


def test_cp1252_curly_quotes_decoded_with_warning(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_bytes(CURLY.encode("cp1252"))
    doc = _read_one(path)
    assert doc.text == CURLY
    assert "decoded as cp1252" in doc.warnings


def test_latin1_accents_decoded_with_warning(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Le café a rouvert à Genève.".encode("latin-1"))
    doc = _read_one(path)
    assert doc.text == "Le café a rouvert à Genève."
    assert any(w.startswith("decoded as") for w in doc.warnings)


def test_latin1_bytes_unassigned_in_cp1252_fall_back_to_latin1():
    text, warnings = decode(b"caf\xe9 \x81")
    assert text == "café \x81"
    assert warnings == ["decoded as latin-1"]


def test_utf8_has_no_warning():
    assert decode("Zürich “quoted”".encode()) == ("Zürich “quoted”", [])


@pytest.mark.parametrize(
    "meta",
    ['charset="iso-8859-1"', 'http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"'],
)
def test_html_meta_charset_decides(tmp_path, meta):
    path = tmp_path / "page.html"
    path.write_bytes(ARTICLE_HTML.format(meta=meta, para="Le café de Genève est fermé.").encode("latin-1"))
    doc = _read_one(path)
    assert "Le café de Genève est fermé." in doc.text
    assert not any(w.startswith("decoded as") for w in doc.warnings)


def test_meta_latin1_reads_curly_quotes_like_a_browser():
    html = ARTICLE_HTML.format(meta='charset="iso-8859-1"', para=CURLY).encode("cp1252")
    text, warnings = decode(html, html=True)
    assert CURLY in text and warnings == []


def test_http_charset_beats_meta():
    html = ARTICLE_HTML.format(meta='charset="utf-8"', para="café").encode("latin-1")
    text, warnings = decode(html, http_charset="ISO-8859-1", html=True)
    assert "café" in text and warnings == []


def test_wrong_declared_charset_falls_back_with_warning():
    text, warnings = decode(b'<meta charset="utf-8"><p>caf\xe9</p>', html=True)
    assert "café" in text
    assert warnings == ["declared charset 'utf-8' does not decode the content", "decoded as cp1252"]


def test_meta_is_ignored_outside_html():
    text, warnings = decode(b'<meta charset="koi8-r"> caf\xc3\xa9')
    assert text.endswith("café") and warnings == []


def test_utf8_bom_is_removed_and_header_still_found(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2024-10-05 Body text.")
    doc = _read_one(path)
    assert doc.text == "Body text."
    assert doc.published is not None and doc.published.value == "2024-10-05"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_text(tmp_path, encoding):
    data = ("\ufeff" if encoding.endswith("be") else "") + "Grüße aus Köln."
    path = tmp_path / "wide.txt"
    path.write_bytes(data.encode(encoding))
    assert _read_one(path).text == "Grüße aus Köln."


def test_newlines_are_normalized():
    assert decode(b"one\r\n\r\ntwo\rthree") == ("one\n\ntwo\nthree", [])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"plain text\x00with a NUL", "NUL bytes"),
        (bytes(range(1, 32)) * 4, "control characters"),
    ],
)
def test_binary_content_is_recognised(data, reason):
    assert binary_reason(data) == reason


@pytest.mark.parametrize(
    "data",
    [
        b"Plain text.\n\tIndented.\x0c",
        "Grüße".encode("utf-16"),
        "“x”".encode("cp1252"),
        b"\x1b[1mbold\x1b[0m",
    ],
)
def test_text_is_not_binary(data):
    assert binary_reason(data) is None
