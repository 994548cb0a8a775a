"""Plain-text articles, with an optional header block, and the date grammar all readers share.

Plain text has nowhere else to carry its metadata, so it may start with header lines `key value`
(`date`, `title`, `author`, `outlet`, `url`; any case, an optional colon after the key), ended by a
blank line. The date matters most: later stages resolve "on Friday" or "last month" against it. The
author (else the outlet) is the document's own voice, the source of what the article says unattributed.

A header is read only where it is unambiguous, since a line taken for a header is lost to the text:
a date must be a real calendar date (no month 13, no 30 February) followed by whitespace or the end,
a URL is one word, and the first line that is not such a line (an unknown key, prose, a bad date, a
key given twice) ends the header and stays text. Prose such as "date night ideas" or "Date: tomorrow"
therefore stays text. The founding corpus file starts " date 2024-10 South Korean ...": a date line
may carry the body's first words after the date, which end the header. A month-precision date stays
month precision: inventing a day would turn "October 2024" into a false "1 October".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from claimgraph.errors import InputError
from claimgraph.ingest.decode import EMPTY
from claimgraph.model import Document, PublishedDate

__all__ = ["Header", "parse_date", "parse_date_header", "parse_header", "text_document"]

# A header line's key, at the start of a line: a known key, an optional colon, then spaces or tabs.
_KEY = re.compile(r"(date|title|author|outlet|url):?[ \t]+", re.IGNORECASE)
# A header date, as written after the key: the body may follow on the same line after whitespace.
_HEADER_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?(?=\s|$)")
# Dates as JSONL, HTML metadata and feeds give them: a year, a month, a day, or a full ISO datetime.
_ISO = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ][0-9:.+\-Z]*)?)?)?\s*")


@dataclass(frozen=True)
class Header:
    """What a plain-text header block gave; a field the header did not give is None."""

    date: PublishedDate | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None


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


def parse_header(text: str) -> tuple[Header, str]:
    """Split a leading header block off `text` (see the module docstring for what counts as one).

    Returns the header and the body with the header and the whitespace after it removed; without a
    header, returns an empty Header and `text` unchanged.
    """
    rest = text.removeprefix("\ufeff").lstrip()
    given: dict[str, str] = {}
    date: PublishedDate | None = None
    while rest:
        line, _, following = rest.partition("\n")
        key_match = _KEY.match(line)
        if key_match is None:
            break  # a blank line (the header's end) or text
        key, value = key_match.group(1).lower(), line[key_match.end() :].strip()
        if not value or key in given or (key == "url" and len(value.split()) > 1):
            break
        if key == "date":
            date_match = _HEADER_DATE.match(line, key_match.end())
            date = _published(date_match.group(), *date_match.groups()) if date_match else None
            if date_match is None or date is None:
                break
            given[key] = date_match.group()
            if line[date_match.end() :].strip():
                rest = rest[date_match.end() :]  # " date 2024-10 South Korean ...": the body starts on this line
                break
        else:
            given[key] = value
        rest = following
    if not given:
        return Header(), text
    header = Header(date=date, title=given.get("title"), author=given.get("author"), outlet=given.get("outlet"),
                    url=given.get("url"))
    return header, rest.lstrip()


def parse_date_header(text: str) -> tuple[PublishedDate | None, str]:
    """Split a leading header off `text` and keep only its date (None when it gives none)."""
    header, body = parse_header(text)
    return header.date, body


def text_document(path: str, text: str, warnings: list[str]) -> Document | InputError:
    """A plain-text file as one Document named after the file; a header with no body is empty."""
    header, body = parse_header(text)
    if not body.strip():
        return InputError(path, "empty (no text after the header)", code=EMPTY)
    return Document(
        name=os.path.basename(path), text=body, path=path, url=header.url, title=header.title,
        outlet=header.outlet, author=header.author, published=header.date, warnings=warnings,
    )
