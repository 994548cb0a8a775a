"""HTML pages: the article's main text and its metadata, through trafilatura.

A news page is mostly navigation, adverts and related links; claims must come from the article only,
so trafilatura's main-content extraction picks the text, and its metadata pass (htmldate included)
gives title, date, canonical URL, byline (the author) and site name (the outlet). It runs with
`favor_recall`: in its default mode it drops text that sits outside a `<p>` (a `<div><span>` paragraph
on a hand-made or broken page), and a claim lost there is lost for good, while stray boilerplate rarely
holds a source and a reporting verb.
Feeds and WARC archives send their HTML bodies through `html_document` too, so every page is read
the same way.

Paragraphs are rebuilt from trafilatura's structured body rather than its plain-text output, which
puts each line break (`<br>`) and each table cell on its own line: later stages split paragraphs on
blank lines, so a paragraph here must be a paragraph on the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from lxml import etree

from claimgraph.errors import InputError
from claimgraph.ingest.decode import MALFORMED
from claimgraph.ingest.text import parse_date
from claimgraph.model import Document

__all__ = ["html_document"]

# trafilatura's output vocabulary: blocks that hold a paragraph, and containers that hold blocks.
_BLOCKS = frozenset({"head", "p", "item", "row", "code"})
_CONTAINERS = frozenset({"body", "div", "quote", "list", "table"})


def _is_container(element: etree._Element) -> bool:
    return element.tag in _CONTAINERS and any(c.tag in _BLOCKS or c.tag in _CONTAINERS for c in element)


def _paragraphs(element: etree._Element) -> Iterator[str]:
    for child in element:
        if _is_container(child):
            yield from _paragraphs(child)
            continue
        text = " ".join("".join(child.itertext()).split())
        if text:
            yield text


def _body_text(body: etree._Element | None, plain: str) -> str:
    """The page's paragraphs separated by blank lines."""
    if body is None:
        return "\n\n".join(line.strip() for line in plain.split("\n") if line.strip())
    # A line break or a table cell boundary separates words; itertext() alone would glue them.
    for element in body.iter("lb", "cell"):
        element.tail = " " + (element.tail or "")
    return "\n\n".join(_paragraphs(body))


def html_document(
    html: str, *, name: str, path: str | None, url: str | None = None, warnings: list[str] | None = None
) -> Document | InputError:
    """Extract one article from `html`; an InputError (E104) when the page yields no text.

    `url` is where the page came from (a WARC record, a feed entry); the page's own canonical URL
    takes over when it declares one.
    """
    where = path or name
    if "<html" not in html[:2048].lower():
        # A fragment (a feed entry, a saved snippet): trafilatura rejects a one-element fragment
        # as "not valid HTML", so it gets the page around it.
        html = f"<html><body>{html}</body></html>"
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True)
    except Exception as exc:  # lxml and the fallback extractors raise many types on hostile markup
        return InputError(where, f"malformed HTML ({type(exc).__name__}: {exc})", code=MALFORMED)
    if result is None or isinstance(result, dict):
        return InputError(where, "malformed HTML: no article text found", code=MALFORMED)
    text = _body_text(result.body, result.text or "")
    if not text:
        return InputError(where, "malformed HTML: no article text found", code=MALFORMED)
    doc_warnings = list(warnings or [])
    published = None
    if result.date:
        published = parse_date(result.date)
        if published is None:
            doc_warnings.append(f"unrecognised date {result.date!r}")
    return Document(
        name=name,
        text=text,
        path=path,
        url=result.url or url,
        title=result.title or None,
        outlet=result.sitename or None,
        author=result.author or None,
        published=published,
        warnings=doc_warnings,
    )
