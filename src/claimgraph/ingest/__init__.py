"""Ingest: turn input paths into `Document`s, one per article, whatever the format.

`read_inputs` is the only entry point the rest of claimgraph needs. A batch of hundreds of files
should not stop at the first unreadable one, so bad input is yielded as an `InputError` in its
place (codes in `claimgraph.ingest.decode`) and the batch goes on; the caller decides whether to
report, skip or fail.

Format is chosen by extension, then by content, so a page saved as `.txt` is still read as HTML:
`.jsonl`/`.json` are JSON Lines, `.html`/`.htm`/`.xhtml` or text starting with `<!doctype html` or
`<html` are HTML, `.rss`/`.atom` or XML whose root is `<rss>`, `<feed>` or `<rdf:RDF>` are feeds,
`.warc`/`.warc.gz` are web archives, and everything else is plain text.

Every input is bounded before a reader sees it: regular files only, a size limit counted while
reading, JSON nesting and (in the pipeline) text length capped; and every Document that comes out is
cleaned of what no store accepts (`decode.clean_text`), record by record.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from claimgraph.errors import InputError
from claimgraph.ingest.decode import (
    BINARY,
    EMPTY,
    MALFORMED,
    UNREADABLE,
    binary_reason,
    clean_text,
    decode,
    read_bytes,
)
from claimgraph.ingest.feed import feed_documents
from claimgraph.ingest.html import html_document
from claimgraph.ingest.jsonl import json_documents, jsonl_documents
from claimgraph.ingest.text import parse_date_header, text_document
from claimgraph.ingest.warc import warc_documents
from claimgraph.model import Document
from claimgraph.settings import Settings

__all__ = ["clean_document", "parse_date_header", "read_inputs"]

_JSON_EXTENSIONS = (".jsonl", ".json", ".ndjson")
_JSON_LINES_EXTENSIONS = (".jsonl", ".ndjson")
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
_FEED_EXTENSIONS = (".rss", ".atom")
_WARC_EXTENSIONS = (".warc", ".warc.gz")

# An optional XML declaration and comments, then the root element.
_PROLOG = r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
_HTML_START = re.compile(_PROLOG.encode() + rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_FEED_ROOT = re.compile(_PROLOG + r"<(?:rss|feed|rdf:RDF)[\s>]", re.DOTALL)


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Document | InputError]:
    """Yield one Document per article and one InputError per unreadable input, in input order.

    Directories are walked in sorted path order (`a.txt`, `b/1.txt`, `c.txt`). Never raises for bad input.
    """
    settings = settings or Settings()
    for path in paths:
        if os.path.isdir(path):
            for item in _walk(path):
                if isinstance(item, InputError):
                    yield _clean_error(item)
                else:
                    yield from _read_cleaned(item, settings)
        elif os.path.exists(path):
            yield from _read_cleaned(path, settings)
        else:
            yield _clean_error(InputError(path, "no such file or directory", code=UNREADABLE))


def _read_cleaned(path: str, settings: Settings) -> Iterator[Document | InputError]:
    """The file's items, cleaned; a reader that fails in a way no check foresaw costs this file only."""
    try:
        for item in _read_file(path, settings):
            yield clean_document(item) if isinstance(item, Document) else _clean_error(item)
    except Exception as exc:  # whatever it was, the other inputs of the batch go on
        yield _clean_error(InputError(path, f"cannot be read ({type(exc).__name__}: {exc})", code=MALFORMED))


def clean_document(document: Document) -> Document | InputError:
    """`document` with every string storable (see `decode.clean_text`), and a warning for what its text
    lost; a text that was nothing else becomes an InputError."""
    text, warnings = clean_text(document.text)
    if not text.strip():
        return _clean_error(InputError(document.path or document.name, "empty after cleaning", code=EMPTY))
    document.text = text
    document.warnings.extend(warnings)
    for field in ("name", "path", "url", "title", "outlet", "author"):
        value = getattr(document, field)
        if value is not None:
            setattr(document, field, clean_text(value)[0])
    return document


def _clean_error(error: InputError) -> InputError:
    """A file name that is not UTF-8 reaches Python with surrogates in it, and the store would refuse it."""
    path, reason = clean_text(error.path)[0], clean_text(error.reason)[0]
    return error if (path, reason) == (error.path, error.reason) else InputError(path, reason, error.code)


def _walk(directory: str) -> Iterator[str | InputError]:
    """Files under `directory`, sorted, depth first.

    Hidden entries (.git, .DS_Store) are editor and OS litter, not articles. Symlinked folders are
    not followed, which rules out cycles. FIFOs, sockets and devices come out too, for the reader to
    refuse by kind (E107) without blocking on them: skipping them would lose an input without a word.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(directory, f"cannot list ({exc.strerror or exc})", code=UNREADABLE)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif not entry.is_dir():
            yield entry.path


def _read_file(path: str, settings: Settings) -> Iterator[Document | InputError]:
    lower = path.lower()
    if lower.endswith(_WARC_EXTENSIONS):
        # Archives are usually gzip and large: fastwarc streams them record by record.
        yield from warc_documents(path, settings)
        return
    if lower.endswith(_JSON_LINES_EXTENSIONS):
        # corpora of any length: streamed line by line, the size limit held per line
        yield from jsonl_documents(path, settings.max_input_bytes)
        return
    data = read_bytes(path, settings.max_input_bytes)
    if isinstance(data, InputError):
        yield data
        return
    if not data.strip():
        yield InputError(path, "empty", code=EMPTY)
        return
    reason = binary_reason(data)
    if reason:
        yield InputError(path, f"binary content, not text ({reason})", code=BINARY)
        return
    is_json = lower.endswith(_JSON_EXTENSIONS)
    is_html = not is_json and (lower.endswith(_HTML_EXTENSIONS) or bool(_HTML_START.match(data[:1024])))
    if not is_json and not is_html and (lower.endswith(_FEED_EXTENSIONS) or _looks_like_feed(data)):
        yield from feed_documents(path, data)
        return
    text, warnings = decode(data, html=is_html)
    if not text.strip():
        yield InputError(path, "empty", code=EMPTY)
    elif is_json:
        yield from json_documents(path, text, warnings)
    elif is_html or _HTML_START.match(text[:1024].encode("utf-8", "replace")):
        yield html_document(text, name=os.path.basename(path), path=path, warnings=warnings)
    else:
        yield text_document(path, text, warnings)


def _looks_like_feed(data: bytes) -> bool:
    """XML whose root is a feed; feedparser decodes the bytes itself from the XML declaration."""
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff")
    return bool(_FEED_ROOT.match(head))
