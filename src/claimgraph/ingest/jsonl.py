"""JSON Lines articles: one object per line with `text` and optional `date`, `url`, `title`, `outlet`, `author`.

Corpora such as ../shared/corpus/wikinews-2019-2020.jsonl hold hundreds of articles in one file, so a
bad line must not cost the others: it becomes an InputError naming `path:line` and reading goes on.
A `.json` file holding one object or an array of objects is read the same way, since exporters
produce both shapes and the fields are the same.

Nesting is measured before parsing: Python's json module recurses once per level and fails with a
RecursionError near a thousand, so a line of `[[[[...` 100,000 deep is refused by a flat scan instead.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import EMPTY, MALFORMED
from claimgraph.ingest.text import parse_date
from claimgraph.model import Document

__all__ = ["MAX_DEPTH", "json_documents"]

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
        if not line.strip():
            continue
        if _too_deep(line):
            yield InputError(f"{path}:{line_no}", f"nested deeper than {MAX_DEPTH} levels", MALFORMED)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{path}:{line_no}", f"invalid JSON ({exc.msg}, column {exc.colno})", MALFORMED)
            continue
        yield _document(record, path, line_no, warnings)
