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
- E103 too large: the file is over `Settings.max_input_bytes` (from its size before reading, and counted
  while reading, since a file can grow and /proc files say 0), or a JSON Lines line or WARC record is
  (those files are streamed, one record at a time), or a text is over `Settings.max_text_chars`.
- E104 malformed: HTML with no extractable text, a JSONL line that is not a JSON object with a
  string `text` or is nested too deep, a feed or WARC archive that cannot be parsed.
- E105 unreadable: missing path, permission denied, or another OS error.
- E106 unsupported: the format needs an optional package (feedparser, fastwarc) that is not installed,
  or JSON Lines in UTF-16 or UTF-32.
- E107 not a regular file: a FIFO, socket or device, refused by kind before a byte is read (reading
  a FIFO waits for a writer forever, /dev/zero never ends).
- E108 truncated: a WARC record or gzip member that ends before its declared length.
- E109 unreachable: a URL whose server cannot be reached, does not answer in time, or answers with a
  server error (5xx, 429): worth trying again later. A page the server says is not there (404, 410, 403)
  is E105, as a missing file is.

Text that decoding lets through can still hold what no store accepts: NUL characters (PostgreSQL
refuses them, and the binary check reads only the first 8 KB) and lone UTF-16 surrogates (a JSON
"\ud800" escape; no UTF-8 encoder takes them). `clean_text` removes the one and replaces the other
with U+FFFD, with a warning, for each record on its own.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat

from claimgraph.errors import InputError

__all__ = [
    "BINARY",
    "EMPTY",
    "MALFORMED",
    "NOT_REGULAR",
    "TOO_LARGE",
    "TRUNCATED",
    "UNREACHABLE",
    "UNREADABLE",
    "UNSUPPORTED",
    "binary_reason",
    "clean_text",
    "decode",
    "open_regular",
    "read_bytes",
]

EMPTY = "E101"
BINARY = "E102"
TOO_LARGE = "E103"
MALFORMED = "E104"
UNREADABLE = "E105"
UNSUPPORTED = "E106"
NOT_REGULAR = "E107"
TRUNCATED = "E108"
UNREACHABLE = "E109"

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


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def open_regular(path: str, max_bytes: int | None = None) -> io.BufferedReader | InputError:
    """The file open for reading, or why not: not a regular file (told by kind), or over `max_bytes`.

    The kind is read from the open descriptor, not the path, so a FIFO swapped in after a check cannot
    slip through; opening does not block, even on a FIFO without a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        return InputError(path, f"cannot read ({exc.strerror or exc})", code=UNREADABLE)
    status = os.fstat(descriptor)
    refusal = None
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a plain file")
        refusal = InputError(path, f"not a regular file ({kind})", code=NOT_REGULAR)
    elif max_bytes is not None and status.st_size > max_bytes:
        refusal = InputError(path, f"too large ({status.st_size} bytes, limit {max_bytes})", code=TOO_LARGE)
    if refusal:
        os.close(descriptor)
        return refusal
    return os.fdopen(descriptor, "rb")


def read_bytes(path: str, max_bytes: int) -> bytes | InputError:
    """The file's bytes; a file over `max_bytes` is refused from its size, or once that many are read."""
    handle = open_regular(path, max_bytes)
    if isinstance(handle, InputError):
        return handle
    try:
        with handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return InputError(path, f"cannot read ({exc.strerror or exc})", code=UNREADABLE)
    if len(data) > max_bytes:
        return InputError(path, f"too large (over the limit of {max_bytes} bytes)", code=TOO_LARGE)
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """`text` without NUL characters and with lone surrogates replaced by U+FFFD, and what was changed."""
    warnings = []
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL character{'s' * (nuls > 1)}")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"replaced {surrogates} lone surrogate{'s' * (surrogates > 1)} with U+FFFD")
    return text, warnings


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


def decode(data: bytes, *, http_charset: str | None = None, html: bool = False) -> tuple[str, list[str]]:
    """Decode `data` and return the text with the warnings a reader should attach to the document.

    `http_charset` is the charset of a Content-Type header (WARC responses); `html` lets a
    `<meta>` charset declaration count. A declared charset that is unknown or does not fit the
    bytes is ignored, with a warning, in favour of the fallbacks. The text is cleaned (`clean_text`)
    before any reader parses it: trafilatura drops the rest of a paragraph after a NUL.
    """
    text, warnings = _decoded(data, http_charset, html)
    # one newline convention, so that blank-line paragraph splitting works on Windows and old Mac files
    text, changes = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, warnings + changes


def _decoded(data: bytes, http_charset: str | None, html: bool) -> tuple[str, list[str]]:
    warnings: list[str] = []
    bom = _bom(data)
    if bom:
        try:
            return data.decode(bom), warnings
        except UnicodeDecodeError:
            warnings.append(f"invalid {bom} after its byte-order mark")
    declared = _declared(data, http_charset, html)
    if declared:
        encoding = "cp1252" if declared in _AS_CP1252 else declared
        try:
            return data.decode(encoding), warnings
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared charset {declared!r} does not decode the content")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
        text, encoding = data.decode("latin-1"), "latin-1"
    warnings.append(f"decoded as {encoding}")
    return text, warnings
