"""Bytes to text, and the checks that refuse what is not text, before any reader sees it.

Readers get `str`, never bytes, so every format decodes the same way and reports the same errors.
Decoding is deterministic rather than guessed: a byte-order mark, then a declared charset (an HTTP
header, or `<meta charset>` / `<meta http-equiv>` in HTML), then strict UTF-8, then cp1252, then
latin-1. Statistical charset guessers misread short Latin-1 pages, and a wrong guess garbles every
accented letter silently; the fallbacks here never fail and say what they did in a warning
("decoded as cp1252") that travels with the document.

Error codes (`InputError.code`), one per cause so callers and tests can tell them apart:

- E101 empty: the input, or a JSONL line's `text`, is empty or whitespace only.
- E102 binary: NUL bytes, a high share of control characters, or a known file signature.
- E103 too large: the file is over `Settings.max_input_bytes` (checked with `os.stat`, before reading).
- E104 malformed: HTML with no extractable text, a JSONL line that is not a JSON object with a
  string `text`, a feed or WARC archive that cannot be parsed.
- E105 unreadable: missing path, permission denied, or another OS error.
- E106 unsupported: the format needs an optional package (feedparser, fastwarc) that is not installed.
"""

from __future__ import annotations

import codecs
import os
import re

from claimgraph.errors import InputError

__all__ = [
    "BINARY",
    "EMPTY",
    "MALFORMED",
    "TOO_LARGE",
    "UNREADABLE",
    "UNSUPPORTED",
    "binary_reason",
    "decode",
    "read_bytes",
]

EMPTY = "E101"
BINARY = "E102"
TOO_LARGE = "E103"
MALFORMED = "E104"
UNREADABLE = "E105"
UNSUPPORTED = "E106"

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x7fELF", "executable"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Bytes below 0x20 that ordinary text contains: tab, newline, vertical tab, form feed, return, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10

# Both `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)

# WHATWG: pages labelled latin-1 or ascii are decoded as windows-1252 by every browser, and
# their authors typed curly quotes (0x93/0x94) expecting exactly that.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"})


def read_bytes(path: str, max_bytes: int) -> bytes | InputError:
    """The file's bytes, refusing oversized files from their size alone so none is read into memory."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return InputError(path, f"too large ({size} bytes, limit {max_bytes})", code=TOO_LARGE)
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return InputError(path, f"cannot read ({exc.strerror or exc})", code=UNREADABLE)


def _bom(data: bytes) -> str | None:
    return next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (a format name, NUL bytes, control characters), or None when it is text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if _bom(data) in ("utf-16", "utf-32"):
        return None  # NUL bytes are how these encodings write ASCII
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        return "control characters"
    return None


def _declared(data: bytes, http_charset: str | None, html: bool) -> str | None:
    if http_charset:
        return http_charset.strip().strip("\"'").lower()
    if html:
        match = _META_CHARSET.search(data[:_SNIFF_BYTES])
        if match:
            charset = match.group(1).decode("ascii").lower()
            # A <meta> readable as ASCII bytes cannot be UTF-16; browsers read such pages as UTF-8.
            return "utf-8" if charset.startswith(("utf-16", "utf-32")) else charset
    return None


def _normalize(text: str) -> str:
    """One newline convention, so blank-line paragraph splitting works on Windows and old Mac files."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, *, http_charset: str | None = None, html: bool = False) -> tuple[str, list[str]]:
    """Decode `data` and return the text with the warnings a reader should attach to the document.

    `http_charset` is the charset of a Content-Type header (WARC responses); `html` lets a
    `<meta>` charset declaration count. A declared charset that is unknown or does not fit the
    bytes is ignored, with a warning, in favour of the fallbacks.
    """
    warnings: list[str] = []
    bom = _bom(data)
    if bom:
        try:
            return _normalize(data.decode(bom)), warnings
        except UnicodeDecodeError:
            warnings.append(f"invalid {bom} after its byte-order mark")
    declared = _declared(data, http_charset, html)
    if declared:
        encoding = "cp1252" if declared in _AS_CP1252 else declared
        try:
            return _normalize(data.decode(encoding)), warnings
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared charset {declared!r} does not decode the content")
    try:
        return _normalize(data.decode("utf-8")), warnings
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.append(f"decoded as {encoding}")
    return _normalize(text), warnings
