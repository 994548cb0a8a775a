"""HTTP response bodies as web archives keep them: chunked, compressed, or both, and possibly cut short.

fastwarc can undo these encodings itself, but then a body cut short comes out as shorter text with no
error (a truncated gzip body decodes to its first 24 bytes, silently). The WARC reader therefore takes
the raw bytes, checks their length against the record's, and decodes them here, where a chunk or a
compressed stream that stops early is an error (`TruncatedBody`), as is one that is not what its coding
says (`CorruptBody`).
"""

from __future__ import annotations

import gzip
import zlib

__all__ = ["CorruptBody", "TruncatedBody", "UnknownEncoding", "decoded_body"]


class TruncatedBody(ValueError):
    """The body ends inside a chunk or a compressed stream."""


class CorruptBody(ValueError):
    """The body is not valid in the coding its headers name."""


class UnknownEncoding(ValueError):
    """A content or transfer coding this reader does not decode."""


def decoded_body(raw: bytes, transfer_encoding: str | None, content_encoding: str | None) -> bytes:
    """The body as the server's page had it: transfer codings undone first, then content codings (in
    reverse order of application, as RFC 9110 lists them)."""
    body = raw
    for coding in reversed(_codings(transfer_encoding)):
        if coding != "chunked":
            raise UnknownEncoding(f"transfer coding {coding!r}")
        body = _unchunked(body)
    for coding in reversed(_codings(content_encoding)):
        body = _uncompressed(body, coding)
    return body


def _codings(header: str | None) -> list[str]:
    return [c.strip().lower() for c in (header or "").split(",") if c.strip() and c.strip().lower() != "identity"]


def _unchunked(body: bytes) -> bytes:
    """RFC 9112 chunked coding: hexadecimal size lines, each followed by that many bytes; size 0 ends it."""
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            raise TruncatedBody("chunked body ends inside a chunk size line")
        size_text = body[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise CorruptBody(f"bad chunk size {size_text[:20]!r}") from None
        if size == 0:
            return b"".join(parts)
        start = line_end + 2
        if start + size > len(body):
            raise TruncatedBody(f"chunked body ends inside a chunk ({len(body) - start} of {size} bytes)")
        parts.append(body[start : start + size])
        position = start + size + 2


def _uncompressed(body: bytes, coding: str) -> bytes:
    if coding in ("gzip", "x-gzip"):
        try:
            return gzip.decompress(body)
        except EOFError as exc:
            raise TruncatedBody(f"gzip body ends early ({exc})") from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise CorruptBody(f"gzip body is corrupt ({exc})") from exc
    if coding == "deflate":
        return _inflated(body)
    if coding == "br":
        return _unbrotli(body)
    raise UnknownEncoding(f"content coding {coding!r}")


def _inflated(body: bytes) -> bytes:
    """`deflate` is zlib-wrapped by the standard, raw by many servers: both are accepted."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        decompressor = zlib.decompressobj(wbits)
        try:
            data = decompressor.decompress(body) + decompressor.flush()
        except zlib.error:
            continue
        if not decompressor.eof:
            raise TruncatedBody("deflate body ends before its end-of-stream marker")
        return data
    raise CorruptBody("deflate body is neither zlib nor raw deflate data")


def _unbrotli(body: bytes) -> bytes:
    try:
        import brotli
    except ImportError:
        raise UnknownEncoding("content coding 'br' (the brotli package is not installed)") from None
    decompressor = brotli.Decompressor()
    try:
        data = bytes(decompressor.process(body))
    except brotli.error as exc:
        raise CorruptBody(f"br body is corrupt ({exc})") from exc
    if not decompressor.is_finished():
        raise TruncatedBody("br body ends before its end-of-stream marker")
    return data
