"""RSS/Atom feeds and WARC archives: one Document per entry or HTML response, through the HTML reader."""

from __future__ import annotations

import gzip
import zlib

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.decode import EMPTY, MALFORMED, TOO_LARGE, TRUNCATED, UNSUPPORTED
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


def _response(uri: str, status: str, content_type: str, body: bytes, encoding: str = "") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{encoding}\r\n"
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


# Damaged archives: what was cut is named (E108), what came before it is read, and nothing is stored short.

def _page(n: int) -> bytes:
    return f"<html><body><article><p>{P1} Report {n}.</p><p>{P2}</p></article></body></html>".encode()


def _pages(count: int) -> list[bytes]:
    return [_response(f"https://a.example/{n}", "200 OK", "text/html", _page(n)) for n in range(count)]


def _outcome(path, data: bytes) -> list[str]:
    """What reading `data` as the archive at `path` gives: page URLs and errors' code and reason."""
    path.write_bytes(data)
    items = read_inputs([str(path)])
    return [item.url if isinstance(item, Document) else f"{item.code} {item.reason}" for item in items]


def test_warc_record_cut_in_its_body_is_an_error_not_a_shorter_page(tmp_path):
    pytest.importorskip("fastwarc")
    first, second = _pages(2)
    page, error = _outcome(tmp_path / "cut.warc", first + second[: len(second) - 100])
    assert page == "https://a.example/0"
    assert error == f"{TRUNCATED} truncated record ({len(_page(1)) - 96} of {len(_page(1))} bytes)"


def test_warc_cut_inside_a_header_says_so(tmp_path):
    pytest.importorskip("fastwarc")
    first, second = _pages(2)
    assert _outcome(tmp_path / "cut.warc", first + second[:40]) == [
        "https://a.example/0", f"{TRUNCATED} truncated record header"]


@pytest.mark.parametrize(("cut", "pages"), [
    (lambda member: member[: len(member) // 2], ["https://a.example/0"]),
    (lambda member: member[:-4], ["https://a.example/0", "https://a.example/1"]),  # only the trailer is lost
    (lambda member: member[:5], ["https://a.example/0"]),
])
def test_warc_gzip_member_cut_short_is_named_after_the_whole_records(tmp_path, cut, pages):
    pytest.importorskip("fastwarc")
    first, second = (gzip.compress(record) for record in _pages(2))
    outcome = _outcome(tmp_path / "cut.warc.gz", first + cut(second))
    assert [item for item in outcome if item.startswith("https:")] == pages
    assert outcome[-1].startswith(f"{TRUNCATED} truncated gzip member (Compressed file ended")


def test_a_truncated_warc_then_the_whole_one_give_each_page_once(tmp_path):
    pytest.importorskip("fastwarc")
    records = _pages(3)
    whole = b"".join(records)
    cut = _outcome(tmp_path / "cut.warc", whole[: len(records[0]) + len(records[1]) - 30])
    again = _outcome(tmp_path / "whole.warc", whole + records[1])  # a re-crawl of page 1 at the end
    size = len(_page(1))
    assert cut == ["https://a.example/0", f"{TRUNCATED} truncated record ({size - 26} of {size} bytes)"]
    assert again == ["https://a.example/0", "https://a.example/1", "https://a.example/2"]


def _chunked(body: bytes) -> bytes:
    chunks = [body[i : i + 50] for i in range(0, len(body), 50)]
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "chunked"])
def test_warc_bodies_are_decoded_and_checked_whole(tmp_path, encoding):
    pytest.importorskip("fastwarc")
    page = _page(7)
    if encoding == "chunked":
        body, header = _chunked(page), "Transfer-Encoding: chunked\r\n"
    else:
        encoded = {"gzip": gzip.compress, "deflate": zlib.compress, "br": _brotli}[encoding]
        body, header = encoded(page), f"Content-Encoding: {encoding}\r\n"
    path = tmp_path / "encoded.warc"
    [document] = _outcome(path, _response("https://a.example/7", "200 OK", "text/html", body, header))
    assert document == "https://a.example/7"
    # the same record with its body cut inside the coding: the WARC framing is whole, the body is not
    short = _response("https://a.example/7", "200 OK", "text/html", body[: len(body) - 12], header)
    [error] = _outcome(path, short)
    assert error.startswith(f"{TRUNCATED} truncated body")


def _brotli(data: bytes) -> bytes:
    brotli = pytest.importorskip("brotli")
    return bytes(brotli.compress(data))


def test_warc_body_in_an_unknown_coding_is_unsupported(tmp_path):
    pytest.importorskip("fastwarc")
    record = _response("https://a.example/z", "200 OK", "text/html", b"\x28\xb5\x2f\xfd", "Content-Encoding: zstd\r\n")
    assert _outcome(tmp_path / "z.warc", record) == [f"{UNSUPPORTED} cannot decode the content coding 'zstd'"]
