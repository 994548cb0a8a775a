"""JSON Lines articles: one object per line with `text` and optional `date`, `url`, `title`, `outlet`, `author`.

Corpora such as ../shared/corpus/wikinews-2019-2020.jsonl hold hundreds of articles in one file, so a
bad line must not cost the others: it becomes an InputError naming `path:line` and reading goes on.
A `.json` file holding one object or an array of objects is read the same way, since exporters
produce both shapes and the fields are the same.

A `.jsonl` or `.ndjson` file is streamed (`jsonl_documents`): read a line at a time, each line decoded
on its own (a cp1252 record among UTF-8 ones is told apart) and held to the size limit on its own, as a
WARC record is, so that a corpus of any length takes the memory of one record. JSON Lines are UTF-8
by definition, so a UTF-16 or UTF-32 one is refused (E106). A `.json` file is read whole (an array has
to be), within the size limit.

Nesting is measured before parsing: Python's json module recurses once per level and fails with a
RecursionError near a thousand, so a line of `[[[[...` 100,000 deep is refused by a flat scan instead.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
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
    open_regular,
)
from claimgraph.ingest.text import parse_date
from claimgraph.model import Document

__all__ = ["MAX_DEPTH", "json_documents", "jsonl_documents"]

# An article record is an object of strings, in an array at most (depth 2); exporters that nest
# metadata reach 4 or 5. Far below the json module's recursion limit.
MAX_DEPTH = 64
# A JSON string (escapes included) or a bracket: brackets inside strings do not nest.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _document(record: Any, path: str, line_no: int, warnings: list[str]) -> Document | InputError:
    where = f"{path}:{line_no}"
    if not isinstance(record, dict):
        return InputError(where, f"expected a JSON object, got {type(record).__name__}", code=MALFORMED)
    text = record.get("text")
    if not isinstance(text, str):
        return InputError(where, "no string field 'text'", code=MALFORMED)
    if not text.strip():
        return InputError(where, "empty 'text'", code=EMPTY)
    url = _optional_str(record, "url")
    raw_date = _optional_str(record, "date")
    published = parse_date(raw_date) if raw_date else None
    doc_warnings = list(warnings)
    if raw_date and published is None:
        doc_warnings.append(f"unrecognised date {raw_date!r}")
    return Document(
        name=url or f"{os.path.basename(path)}:{line_no}",
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        path=path,
        url=url,
        title=_optional_str(record, "title"),
        outlet=_optional_str(record, "outlet"),
        author=_optional_str(record, "author"),
        published=published,
        warnings=doc_warnings,
    )


def _too_deep(text: str) -> bool:
    """Whether arrays and objects in `text` nest deeper than MAX_DEPTH, read without parsing it."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif bracket in ("]", "}"):
            depth -= 1
    return False


def _whole_json(text: str) -> list[Any] | None:
    """The records of a `.json` file that is one object or one array, or None when it is JSON Lines
    (or nested too deep: then each line is refused on its own, with its number)."""
    if _too_deep(text):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, list) else [data]


def json_documents(path: str, text: str, warnings: list[str]) -> Iterator[Document | InputError]:
    """One Document per record, one InputError per bad record, in file order.

    Line numbers are 1-based file lines for JSON Lines and 1-based record positions for a JSON array.
    Blank lines are skipped silently: a trailing newline or spacing between records is not an error.
    """
    records = _whole_json(text) if path.lower().endswith(".json") else None
    if records is not None:
        for index, record in enumerate(records, start=1):
            yield _document(record, path, index, warnings)
        return
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _line_document(line, path, line_no, warnings)


def _line_document(line: str, path: str, line_no: int, warnings: list[str]) -> Document | InputError:
    if _too_deep(line):
        return InputError(f"{path}:{line_no}", f"nested deeper than {MAX_DEPTH} levels", MALFORMED)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"{path}:{line_no}", f"invalid JSON ({exc.msg}, column {exc.colno})", MALFORMED)
    return _document(record, path, line_no, warnings)


_HEAD = 8192  # what the binary check reads, as for a whole file
# UTF-16 and UTF-32 byte-order marks (the UTF-32-LE one starts with the UTF-16-LE one)
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
# how many bytes of a line too long are skipped at a time, looking for its end
_SKIP = 1 << 20


def jsonl_documents(path: str, max_bytes: int) -> Iterator[Document | InputError]:
    """`json_documents` of a JSON Lines file, read line by line; a line over `max_bytes` is refused (E103)
    and the next one read. JSON Lines are UTF-8 by definition: a UTF-16 or UTF-32 file, whose lines
    cannot be told apart by their bytes, is refused (E106)."""
    handle = open_regular(path)
    if isinstance(handle, InputError):
        yield handle
        return
    with handle:
        head = handle.peek(_HEAD)[:_HEAD]
        reason = binary_reason(head)
        if reason:
            yield InputError(path, f"binary content, not text ({reason})", code=BINARY)
        elif head.startswith(_WIDE_BOMS):
            yield InputError(path, "JSON Lines in UTF-16 or UTF-32: convert the file to UTF-8", code=UNSUPPORTED)
        else:
            try:
                yield from _lines(handle, path, max_bytes)
            except OSError as exc:
                yield InputError(path, f"cannot read ({exc.strerror or exc})", code=UNREADABLE)


def _lines(handle: io.BufferedReader, path: str, max_bytes: int) -> Iterator[Document | InputError]:
    line_no, found = 0, False
    while raw := handle.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            line_no += 1
            found = True
            yield InputError(f"{path}:{line_no}", f"too large (a line over the limit of {max_bytes} bytes)", TOO_LARGE)
            while (rest := handle.readline(_SKIP)) and not rest.endswith(b"\n"):
                pass
            continue
        # decoding turns a lone carriage return into a newline, as it does for a whole file: one raw line
        # may hold several
        text, warnings = decode(raw)
        for line in text.removesuffix("\n").split("\n"):
            line_no += 1
            if line.strip():
                found = True
                yield _line_document(line, path, line_no, warnings)
    if not found:
        yield InputError(path, "empty", code=EMPTY)
