"""Web archives (`.warc`, `.warc.gz`), through fastwarc: one Document per HTML response record.

Crawls are large and mostly not articles, so the archive is streamed record by record and only
successful (2xx) HTML responses are read; requests, metadata, images, scripts and redirects are
skipped silently, since reporting each would bury the real errors. The size limit applies to each
record's payload, which is what gets held in memory. A record's charset comes from its HTTP
Content-Type header first, then the page's `<meta>`, as a browser would decide it.

The WARC-Date is when the page was crawled, not published, so the date comes from the page itself.
fastwarc is imported lazily: without it only archives are refused (E106), not the whole ingest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import (
    BINARY,
    EMPTY,
    MALFORMED,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED,
    binary_reason,
    decode,
)
from claimgraph.ingest.html import html_document
from claimgraph.model import Document
from claimgraph.settings import Settings

__all__ = ["warc_documents"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_page(record: Any) -> bool:
    status = record.http_headers.status_code if record.http_headers else 0
    content_type = (record.http_content_type or "").lower()
    return 200 <= status < 300 and content_type.startswith(_HTML_TYPES)


def _record_document(record: Any, path: str, max_bytes: int) -> Document | InputError:
    uri = record.headers.get("WARC-Target-URI") or record.record_id
    where = f"{path}:{uri}"
    if record.content_length > max_bytes:
        return InputError(where, f"too large ({record.content_length} bytes, limit {max_bytes})", TOO_LARGE)
    payload = record.reader.read()
    if not payload.strip():
        return InputError(where, "empty", code=EMPTY)
    reason = binary_reason(payload)
    if reason:
        return InputError(where, f"binary content, not text ({reason})", code=BINARY)
    text, warnings = decode(payload, http_charset=record.http_charset, html=True)
    doc = html_document(text, name=uri, path=path, url=uri, warnings=warnings)
    if isinstance(doc, InputError):
        return InputError(where, doc.reason, code=doc.code)
    return doc


def warc_documents(path: str, settings: Settings) -> Iterator[Document | InputError]:
    """One Document per HTML page in the archive at `path`, named by its target URI.

    A damaged archive yields the pages before the damage, then one InputError (E104).
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield InputError(path, "reading WARC archives needs the fastwarc package", code=UNSUPPORTED)
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})", code=UNREADABLE)
        return
    pages = 0
    with stream:
        try:
            records = ArchiveIterator(stream, record_types=WarcRecordType.response, auto_decode="all")
            for record in records:
                if _is_html_page(record):
                    pages += 1
                    yield _record_document(record, path, settings.max_input_bytes)
        except OSError as exc:  # fastwarc reports a corrupt header or stream as OSError
            yield InputError(path, f"malformed WARC archive ({exc})", code=MALFORMED)
            return
    if pages == 0:
        yield InputError(path, "no HTML pages in the archive", code=EMPTY)
