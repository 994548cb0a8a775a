"""RSS and Atom feeds, through feedparser: one Document per entry.

Entries carry their article as an HTML fragment (full content, or a summary when that is all the
feed gives); it goes through `html_document` like any page, so paragraphs come out the same way.
The entry's own title, link, date, author and the feed's title (as outlet) win over whatever trafilatura
guesses from a fragment that has no metadata of its own.

feedparser is imported lazily: without it only feeds are refused (E106), not the whole ingest.
"""

from __future__ import annotations

import email.utils
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import EMPTY, MALFORMED, UNSUPPORTED
from claimgraph.ingest.html import html_document
from claimgraph.ingest.text import parse_date
from claimgraph.model import Document, PublishedDate

__all__ = ["feed_documents"]

# A name beside an e-mail address, either way round: "jane@example.com (Jane Doe)", "Jane Doe (jane@example.com)".
_ADDRESSED_NAME = re.compile(r"\S+@\S+\s+\((?P<after>[^()]+)\)|(?P<before>[^()]+?)\s+\(\S+@\S+\)")


def _entry_date(entry: Any) -> PublishedDate | None:
    """The date as the feed wrote it: ISO 8601 (Atom) or RFC 822 (RSS), in the publisher's timezone.

    feedparser's `published_parsed` is converted to UTC, which can move an evening article to the
    next day, so the raw string is parsed here instead.
    """
    raw = entry.get("published") or entry.get("updated") or entry.get("dc_date")
    if not raw:
        return None
    published = parse_date(raw)
    if published is None:
        try:
            day = email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError):
            return None
        published = PublishedDate(text=raw, value=day, precision="day")
    return published


def _entry_author(entry: Any) -> str | None:
    """The entry's author by name, without the e-mail address RSS and feedparser write beside it.

    RSS writes "jane@example.com (Jane Doe)", feedparser renders an Atom author as "Jane Doe (jane@...)";
    feedparser's own `author_detail` split misreads addresses with a long top-level domain.
    """
    raw = (entry.get("author") or "").strip()
    addressed = _ADDRESSED_NAME.fullmatch(raw)
    return (addressed.group("after") or addressed.group("before")).strip() if addressed else raw or None


def _entry_body(entry: Any) -> tuple[str, str]:
    """The fullest body the entry has, with its MIME type: content beats summary."""
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"], content.get("type", "text/html")
    summary = entry.get("summary_detail") or {}
    return entry.get("summary", ""), summary.get("type", "text/html")


def _entry_document(entry: Any, path: str, number: int, outlet: str | None) -> Document | InputError:
    where = f"{path}:{number}"
    body, mime = _entry_body(entry)
    if not body.strip():
        return InputError(where, "feed entry has no text", code=EMPTY)
    url = entry.get("link") or None
    name = url or entry.get("id") or f"{os.path.basename(path)}:{number}"
    if mime == "text/plain" or "<" not in body:
        doc: Document | InputError = Document(name=name, text=body.strip(), path=path, url=url)
    else:
        doc = html_document(body, name=name, path=path, url=url)
    if isinstance(doc, InputError):
        return InputError(where, doc.reason, code=doc.code)
    return replace(
        doc,
        title=entry.get("title") or doc.title,
        url=url or doc.url,
        outlet=outlet or doc.outlet,
        author=_entry_author(entry) or doc.author,
        published=_entry_date(entry) or doc.published,
    )


def feed_documents(path: str, data: bytes) -> Iterator[Document | InputError]:
    """One Document per entry of the feed in `data`; entries without text become InputErrors.

    A Document's name is the entry's link (or id), else `basename:entry_number`; an error names the
    entry as `path:entry_number`.
    """
    try:
        import feedparser
    except ImportError:
        yield InputError(path, "reading feeds needs the feedparser package", code=UNSUPPORTED)
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"malformed feed ({problem})" if problem else "feed has no entries"
        yield InputError(path, reason, code=MALFORMED if problem else EMPTY)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_document(entry, path, number, outlet)
