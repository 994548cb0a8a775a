"""RSS and Atom feeds, through feedparser: one Document per entry.

Entries carry their article as an HTML fragment (full content, or a summary when that is all the
feed gives); it goes through `html_document` like any page, so paragraphs come out the same way.
The entry's own title, link, date, author and the feed's title (as outlet) win over whatever trafilatura
guesses from a fragment that has no metadata of its own, and over what the linked page says when a
reader fetches it (`FeedEntry.dressed`; `claimgraph watch` does).

feedparser is imported lazily: without it only feeds are refused (E106), not the whole ingest.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.decode import EMPTY, MALFORMED, UNSUPPORTED
from claimgraph.ingest.html import html_document
from claimgraph.ingest.text import parse_date
from claimgraph.model import Document, PublishedDate

__all__ = ["FeedEntry", "feed_documents", "feed_entries"]

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


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a parsed feed, for a reader that fetches the page it links to (`claimgraph watch`)."""

    key: str  # what names it across reads of the feed: its id, else its link, else a hash of its title and body
    link: str | None
    number: int  # its position in this read of the feed, for error messages only
    outlet: str | None  # the feed's title
    entry: Any  # feedparser's entry

    def document(self, path: str) -> Document | InputError:
        """The article as the entry itself carries it (full content, else the summary)."""
        where = f"{path}:{self.number}"
        body, mime = _entry_body(self.entry)
        if not body.strip():
            return InputError(where, "feed entry has no text", code=EMPTY)
        name = self.link or self.entry.get("id") or f"{os.path.basename(path)}:{self.number}"
        if mime == "text/plain" or "<" not in body:
            doc: Document | InputError = Document(name=name, text=body.strip(), path=path, url=self.link)
        else:
            doc = html_document(body, name=name, path=path, url=self.link)
        if isinstance(doc, InputError):
            return InputError(where, doc.reason, code=doc.code)
        return self.dressed(doc)

    def dressed(self, doc: Document) -> Document:
        """`doc` (from the entry's body or its linked page) with the entry's title, link, date, author and
        the feed's title as outlet, which win over whatever trafilatura guessed."""
        return replace(
            doc,
            title=self.entry.get("title") or doc.title,
            url=self.link or doc.url,
            outlet=self.outlet or doc.outlet,
            author=_entry_author(self.entry) or doc.author,
            published=_entry_date(self.entry) or doc.published,
        )


def _entry_key(entry: Any) -> str:
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    body, _ = _entry_body(entry)
    return "sha1:" + hashlib.sha1(f"{entry.get('title', '')}\n{body}".encode()).hexdigest()


def feed_entries(path: str, data: bytes) -> list[FeedEntry] | InputError:
    """The entries of the feed in `data`, or why there are none: malformed (E104), no entries (E101), or
    feedparser missing (E106)."""
    try:
        import feedparser
    except ImportError:
        return InputError(path, "reading feeds needs the feedparser package", code=UNSUPPORTED)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"malformed feed ({problem})" if problem else "feed has no entries"
        return InputError(path, reason, code=MALFORMED if problem else EMPTY)
    outlet = parsed.feed.get("title") or None
    return [FeedEntry(_entry_key(entry), entry.get("link") or None, number, outlet, entry)
            for number, entry in enumerate(parsed.entries, start=1)]


def feed_documents(path: str, data: bytes) -> Iterator[Document | InputError]:
    """One Document per entry of the feed in `data`; entries without text become InputErrors.

    A Document's name is the entry's link (or id), else `basename:entry_number`; an error names the
    entry as `path:entry_number`.
    """
    entries = feed_entries(path, data)
    if isinstance(entries, InputError):
        yield entries
        return
    for entry in entries:
        yield entry.document(path)
