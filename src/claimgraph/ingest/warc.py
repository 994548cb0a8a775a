"""Web archives (`.warc`, `.warc.gz`), through fastwarc: one Document per HTML response record.

Crawls are large and mostly not articles, so the archive is streamed record by record and only
successful (2xx) HTML responses are read; requests, metadata, images, scripts and redirects are
skipped silently, since reporting each would bury the real errors. The size limit applies to each
record's payload, which is what gets held in memory. A record's charset comes from its HTTP
Content-Type header first, then the page's `<meta>`, as a browser would decide it.

An archive cut short (a copy interrupted, a crawl killed) is an error, never a shorter page: every
record's bytes are counted against its Content-Length, a record whose WARC header is cut is refused,
and a gzip archive is decompressed by Python's gzip module, which notices a member that ends early
(fastwarc's own reader stops there without a word). Each is E108 (truncated), naming the record. A page
recorded twice (a re-crawl) is one document, the first complete one.

The WARC-Date is when the page was crawled, not published, so the date comes from the page itself.
fastwarc is imported lazily: without it only archives are refused (E106), not the whole ingest.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import (
    BINARY,
    EMPTY,
    MALFORMED,
    TOO_LARGE,
    TRUNCATED,
    UNSUPPORTED,
    binary_reason,
    decode,
    open_regular,
)
from claimgraph.ingest.html import html_document
from claimgraph.ingest.http_body import CorruptBody, TruncatedBody, UnknownEncoding, decoded_body
from claimgraph.model import Document
from claimgraph.settings import Settings

__all__ = ["warc_documents"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"


def _is_html_page(record: Any) -> bool:
    status = record.http_headers.status_code if record.http_headers else 0
    content_type = (record.http_content_type or "").lower()
    return 200 <= status < 300 and content_type.startswith(_HTML_TYPES)


def _truncated(record: Any, received: int, where: str) -> InputError | None:
    if received < record.content_length:
        reason = f"truncated record ({received} of {record.content_length} bytes)"
        return InputError(where, reason, code=TRUNCATED)
    return None


def _record_document(record: Any, path: str, where: str, max_bytes: int) -> Document | InputError:
    if record.content_length > max_bytes:
        return InputError(where, f"too large ({record.content_length} bytes, limit {max_bytes})", TOO_LARGE)
    raw = record.reader.read()
    truncated = _truncated(record, len(raw), where)
    if truncated:
        return truncated
    headers = record.http_headers
    try:
        payload = decoded_body(raw, headers.get("Transfer-Encoding"), headers.get("Content-Encoding"))
    except TruncatedBody as exc:
        return InputError(where, f"truncated body ({exc})", code=TRUNCATED)
    except CorruptBody as exc:
        return InputError(where, f"malformed body ({exc})", code=MALFORMED)
    except UnknownEncoding as exc:
        return InputError(where, f"cannot decode the {exc}", code=UNSUPPORTED)
    if len(payload) > max_bytes:
        return InputError(where, f"too large once decompressed (over {max_bytes} bytes)", TOO_LARGE)
    if not payload.strip():
        return InputError(where, "empty", code=EMPTY)
    reason = binary_reason(payload)
    if reason:
        return InputError(where, f"binary content, not text ({reason})", code=BINARY)
    text, warnings = decode(payload, http_charset=record.http_charset, html=True)
    uri = record.headers.get("WARC-Target-URI") or record.record_id
    doc = html_document(text, name=uri, path=path, url=uri, warnings=warnings)
    if isinstance(doc, InputError):
        return InputError(where, doc.reason, code=doc.code)
    return doc


class _GzipMembers(gzip.GzipFile):
    """The gzip members of an archive, decompressed one after another. A member cut short or corrupt ends
    the stream there and is kept in `error`: fastwarc reads ahead, so raising at once would lose the
    records before the damage, which are whole."""

    error: Exception | None = None

    def read(self, size: int | None = -1) -> bytes:
        """What one step of decompression gives: a full read would drop what it had when the cut is met."""
        if self.error is not None:
            return b""
        try:
            return super().read1(size if size and size > 0 else io.DEFAULT_BUFFER_SIZE)
        except (EOFError, OSError, zlib.error) as exc:
            self.error = exc
            return b""


def _member_error(stream: io.BufferedIOBase, path: str) -> InputError | None:
    error = stream.error if isinstance(stream, _GzipMembers) else None
    if isinstance(error, EOFError):
        return InputError(path, f"truncated gzip member ({error})", code=TRUNCATED)
    if error is not None:
        return InputError(path, f"corrupt gzip member ({error})", code=MALFORMED)
    return None


def _archive_items(records: Iterator[Any], response: Any, path: str, max_bytes: int) -> Iterator[Document | InputError]:
    """A Document for each HTML page, the first time its URI comes, and an InputError for each page that
    cannot be read and each record cut short. Every record is counted, not only responses: a record of
    any type cut short means the archive was. A cut header ends the reading: nothing after it can be framed.
    """
    stored = set()  # the URIs of the pages read so far
    for record in records:
        uri = record.headers.get("WARC-Target-URI") or record.record_id
        where = f"{path}:{uri}" if uri else f"{path}@{record.stream_pos}"
        if record.headers.get("WARC-Type") is None or record.headers.get("Content-Length") is None:
            yield InputError(where, "truncated record header", code=TRUNCATED)
            return
        if record.record_type != response or not _is_html_page(record) or uri in stored:
            truncated = _truncated(record, record.reader.consume(), where)
            if truncated:
                yield truncated
            continue
        item = _record_document(record, path, where, max_bytes)
        if isinstance(item, Document):
            stored.add(uri)
        yield item


def warc_documents(path: str, settings: Settings) -> Iterator[Document | InputError]:
    """One Document per HTML page in the archive at `path`, named by its target URI.

    A damaged archive yields the pages before the damage, then InputErrors: E108 where it was cut
    short (the record, and the gzip member), E104 where it cannot be parsed.
    """
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield InputError(path, "reading WARC archives needs the fastwarc package", code=UNSUPPORTED)
        return
    handle = open_regular(path)
    if isinstance(handle, InputError):
        yield handle
        return
    stream = _GzipMembers(fileobj=handle, mode="rb") if handle.peek(2)[:2] == _GZIP_MAGIC else handle
    found = 0
    with handle, stream:
        try:
            records = ArchiveIterator(stream, auto_decode="none", stream_detect=False)
            for item in _archive_items(records, WarcRecordType.response, path, settings.max_input_bytes):
                found += 1
                yield item
        except OSError as exc:  # fastwarc reports a corrupt header or stream as OSError
            yield InputError(path, f"malformed WARC archive ({exc})", code=MALFORMED)
            return
    damage = _member_error(stream, path)
    if damage:
        yield damage
    elif found == 0:
        yield InputError(path, "no HTML pages in the archive", code=EMPTY)
