"""RSS/Atom feeds and WARC archives: one Document per entry or HTML response, through the HTML reader."""

from __future__ import annotations

import gzip

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import EMPTY, MALFORMED, TOO_LARGE
from claimgraph.model import Document
from claimgraph.settings import Settings

P1 = "The minister said on Friday that the new bridge would open in March, two months later than planned."
P2 = "Opposition lawmakers said the delay would cost taxpayers millions and demanded an independent review."

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Bridge delayed</title><link>https://gazette.example/bridge</link>
<pubDate>Fri, 18 Oct 2024 22:30:00 -0500</pubDate><author>jane@gazette.example (Jane Doe)</author>
<content:encoded><![CDATA[<p>{P1}</p><p>{P2}</p>]]></content:encoded></item>
<item><title>Plain item</title><guid isPermaLink="false">item-2</guid>
<description>Police said the road was closed.</description></item>
<item><title>Empty item</title><link>https://gazette.example/empty</link><description></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Atom story</title><link href="https://atom.example/story"/><id>urn:1</id>
<author><name>Ann Atom</name><email>ann@atom.example</email></author>
<published>2024-10-18T23:00:00-05:00</published>
<content type="html">&lt;p&gt;{P1}&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries(tmp_path):
    pytest.importorskip("feedparser")
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = read_inputs([str(path)])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.name == first.url == "https://gazette.example/bridge"
    assert (first.title, first.outlet, first.path) == ("Bridge delayed", "Harbour Gazette", str(path))
    assert first.author == "Jane Doe" and second.author is None  # the name, not the e-mail address
    assert first.text == f"{P1}\n\n{P2}"
    # The date as the publisher wrote it, not shifted to UTC (which would be 19 October).
    assert first.published.value == "2024-10-18" and first.published.precision == "day"
    assert second.name == "item-2" and second.text == "Police said the road was closed."
    assert isinstance(third, InputError) and third.code == EMPTY and third.path == f"{path}:3"


@pytest.mark.parametrize(
    ("written", "author"),
    [("jane@gazette.example (Jane Doe)", "Jane Doe"), ("Jane Doe (jane@gazette.example)", "Jane Doe"),
     ("Jane Doe (Reuters)", "Jane Doe (Reuters)"), ("desk@gazette.example", "desk@gazette.example")],
)
def test_rss_author_is_the_name_beside_the_address(tmp_path, written, author):
    pytest.importorskip("feedparser")
    path = tmp_path / "one.rss"
    path.write_text(f"<rss version='2.0'><channel><title>Gazette</title><item><title>T</title><author>{written}"
                    f"</author><description>{P1}</description></item></channel></rss>", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document) and doc.author == author


def test_atom_is_sniffed_from_xml(tmp_path):
    pytest.importorskip("feedparser")
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert (doc.name, doc.outlet, doc.title) == ("https://atom.example/story", "Atom Daily", "Atom story")
    assert doc.author == "Ann Atom"
    assert doc.text == P1 and doc.published.value == "2024-10-18"


def test_feed_that_is_not_a_feed(tmp_path):
    pytest.importorskip("feedparser")
    path = tmp_path / "broken.rss"
    path.write_text("this is not XML at all")
    [error] = read_inputs([str(path)])
    assert isinstance(error, InputError) and error.code in (EMPTY, MALFORMED) and error.path == str(path)


def _record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash((kind, uri)))}>\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _response(uri: str, status: str, content_type: str, body: bytes) -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return _record("response", uri, http.encode() + body, "application/http; msgtype=response")


PAGE = ("<html><head><title>Café bridge</title><meta name='author' content='Zoë Writer'>"
        "<meta property='og:site_name' content='A Example'></head><body>"
        f"<article><p>{P1} Café.</p><p>{P2}</p></article>")


def _archive() -> bytes:
    records = [
        _record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        _record("request", "https://a.example/", b"GET / HTTP/1.1\r\n\r\n", "application/http"),
        _response("https://a.example/news", "200 OK", "text/html; charset=latin-1", PAGE.encode("latin-1")),
        _response("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        _response("https://a.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        _response("https://a.example/blank", "200 OK", "text/html", b"<html><body></body></html>"),
    ]
    return b"".join(gzip.compress(record) for record in records)


def test_warc_html_responses(tmp_path):
    pytest.importorskip("fastwarc")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_archive())
    page, blank = read_inputs([str(path)])
    assert isinstance(page, Document)
    assert page.name == page.url == "https://a.example/news" and page.path == str(path)
    assert page.title == "Café bridge"
    assert (page.author, page.outlet) == ("Zoë Writer", "A Example")  # the HTML reader's byline and site name
    assert page.text == f"{P1} Café.\n\n{P2}"
    assert not any(w.startswith("decoded as") for w in page.warnings)
    assert isinstance(blank, InputError) and blank.code == MALFORMED
    assert blank.path == f"{path}:https://a.example/blank"


def test_warc_record_over_size_limit(tmp_path):
    pytest.importorskip("fastwarc")
    path = tmp_path / "crawl.warc"
    path.write_bytes(_response("https://a.example/big", "200 OK", "text/html", PAGE.encode() * 20))
    [error] = read_inputs([str(path)], Settings(max_input_bytes=1000))
    assert isinstance(error, InputError) and error.code == TOO_LARGE


@pytest.mark.parametrize(("data", "code"), [(b"not a warc archive\n" * 3, MALFORMED), (b"", EMPTY)])
def test_unreadable_warc(tmp_path, data, code):
    pytest.importorskip("fastwarc")
    path = tmp_path / "bad.warc"
    path.write_bytes(data)
    [error] = read_inputs([str(path)])
    assert isinstance(error, InputError) and error.code == code and error.path == str(path)
