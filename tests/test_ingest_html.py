"""HTML: main text through trafilatura, paragraphs as blank-line blocks, metadata from the page."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import MALFORMED
from claimgraph.model import Document

PARAS = [
    "Officials said on Friday that 12,000 troops had crossed the border, according to the ministry.",
    "The ministry did not say where the troops were headed, and a spokesman declined to comment further.",
    "Analysts said the movement could intensify the standoff between the two countries in the coming weeks.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Troops cross border | Daily Planet</title>
<meta property="og:title" content="Troops cross border">
<meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-10-18T09:00:00+09:00">
<link rel="canonical" href="https://planet.example/world/troops">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Troops cross border</h1>
<p>{PARAS[0]}</p>
<p>{PARAS[1].replace("spokesman", "<b>spokesman</b>")}</p>
<p>{PARAS[2].replace(" in the coming", "<br> in the coming")}</p>
</article>
<footer>Copyright Daily Planet. All rights reserved.</footer>
</body></html>"""


def _read_one(path):
    [result] = list(read_inputs([str(path)]))
    return result


def test_metadata_and_paragraphs(tmp_path):
    path = tmp_path / "troops.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = _read_one(path)
    assert isinstance(doc, Document)
    assert doc.name == "troops.html" and doc.path == str(path)
    assert doc.title == "Troops cross border"
    assert doc.outlet == "Daily Planet"
    assert doc.author == "Jane Doe"
    assert doc.url == "https://planet.example/world/troops"
    assert doc.published is not None and doc.published.value == "2024-10-18"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[-3:] == PARAS
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_malformed_html_with_text_is_read(tmp_path):
    path = tmp_path / "broken.htm"
    path.write_text(f"<html><body><div><p>{PARAS[0]}<p>{PARAS[1]}<div><span>{PARAS[2]}", encoding="utf-8")
    doc = _read_one(path)
    assert isinstance(doc, Document)
    assert doc.text.split("\n\n") == PARAS
    assert doc.author is None and doc.outlet is None  # no byline, no site name: nothing invented


def test_byline_in_the_page_is_the_author(tmp_path):
    path = tmp_path / "byline.html"
    byline = '<p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>'
    path.write_text(f"<html><body><article><h1>Troops</h1>{byline}<p>{PARAS[0]}</p><p>{PARAS[1]}</p></article>",
                    encoding="utf-8")
    doc = _read_one(path)
    assert isinstance(doc, Document)
    assert doc.author == "Jane Doe" and doc.outlet is None


@pytest.mark.parametrize(
    "page",
    ["<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", "<html></html>"],
)
def test_html_without_text_is_an_error(tmp_path, page):
    path = tmp_path / "blank.html"
    path.write_text(page)
    error = _read_one(path)
    assert isinstance(error, InputError)
    assert error.code == MALFORMED and error.path == str(path)


def test_html_is_sniffed_from_content(tmp_path):
    path = tmp_path / "saved_page.txt"
    path.write_text("\n  <!doctype HTML>" + PAGE.split("\n", 1)[1], encoding="utf-8")
    doc = _read_one(path)
    assert isinstance(doc, Document)
    assert doc.title == "Troops cross border" and "<p>" not in doc.text


def test_utf16_html_is_sniffed_after_decoding(tmp_path):
    path = tmp_path / "wide"
    path.write_bytes(PAGE.replace('<meta charset="utf-8">', "").encode("utf-16"))
    doc = _read_one(path)
    assert isinstance(doc, Document) and doc.text.split("\n\n")[-3:] == PARAS


def test_fragment_with_one_paragraph(tmp_path):
    path = tmp_path / "snippet.html"
    path.write_text(f"<p>{PARAS[0]}</p>")
    doc = _read_one(path)
    assert isinstance(doc, Document) and doc.text == PARAS[0]


def test_xhtml_with_xml_declaration_is_sniffed(tmp_path):
    path = tmp_path / "page"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.split("\n", 1)[1], encoding="utf-8")
    doc = _read_one(path)
    assert isinstance(doc, Document) and doc.title == "Troops cross border"
