"""Plain-text articles, with an optional `date YYYY-MM[-DD]` header, and the date grammar all readers share.

Plain text has nowhere else to carry its publication date, and later stages resolve "on Friday" or
"last month" against it, so the header matters. It is recognised only when it is unambiguous: the
word `date`, a real calendar date (no month 13, no 30 February), then whitespace or the end. Prose
such as "date night ideas" or "Date: tomorrow" stays text. A month-precision header stays month
precision: inventing a day would turn "October 2024" into a false "1 October".
"""

from __future__ import annotations

import datetime as dt
import os
import re

from claimgraph.errors import InputError
from claimgraph.ingest.decode import EMPTY
from claimgraph.model import Document, PublishedDate

__all__ = ["parse_date", "parse_date_header", "text_document"]

# The founding corpus file starts " date 2024-10 South Korean ...": header and body on one line.
_HEADER = re.compile(r"\ufeff?\s*date:?[ \t]+([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)(?=\s|$)", re.IGNORECASE)
# Dates as JSONL, HTML metadata and feeds give them: a year, a month, a day, or a full ISO datetime.
_ISO = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ][0-9:.+\-Z]*)?)?)?\s*")


def _published(raw: str, year: str, month: str | None, day: str | None) -> PublishedDate | None:
    """The date at the precision it was written in, or None when it is not a calendar date."""
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return PublishedDate(text=raw, value=f"{year}-{month}-{day}", precision="day")
    if month:
        return PublishedDate(text=raw, value=f"{year}-{month}", precision="month")
    return PublishedDate(text=raw, value=year, precision="year")


def parse_date(raw: str) -> PublishedDate | None:
    """Parse an ISO date ("2019", "2019-01", "2019-01-04", "2019-01-04T10:00:00Z").

    A datetime keeps the calendar day as written (no timezone shift): that is the day the outlet
    printed, which is what "yesterday" in the article is relative to.
    """
    match = _ISO.fullmatch(raw)
    if not match:
        return None
    year, month, day = match.groups()
    return _published(raw.strip(), year, month, day)


def parse_date_header(text: str) -> tuple[PublishedDate | None, str]:
    """Split a leading `date YYYY-MM[-DD]` header off `text`.

    Returns the date and the body with the header and the whitespace after it removed; without a
    valid header, returns None and `text` unchanged.
    """
    match = _HEADER.match(text)
    if not match:
        return None, text
    raw = match.group(1)
    published = _published(raw, raw[:4], raw[5:7], raw[8:10] or None)
    if published is None:
        return None, text
    return published, text[match.end() :].lstrip()


def text_document(path: str, text: str, warnings: list[str]) -> Document | InputError:
    """A plain-text file as one Document named after the file; a header with no body is empty."""
    published, body = parse_date_header(text)
    if not body.strip():
        return InputError(path, "empty (no text after the date header)", code=EMPTY)
    return Document(name=os.path.basename(path), text=body, path=path, published=published, warnings=warnings)
