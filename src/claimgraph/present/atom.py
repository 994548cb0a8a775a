"""`/disputes.atom?topic=&kind=`: the newest contradictions and corroborations as an Atom feed (RFC 4287), so a
feed reader follows the disputes of a topic as `claimgraph watch` finds them.

One entry per relation, newest first (`store.news`), linked to its proposition's page. An entry's id is
made of the relation's kind and claim ids, which derive from the articles' content, so it stays the same
when the database is rebuilt from the same articles; its `updated` is when the later article was stored.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..store.news import RelationNews, newest_relations
from .export import evidence_page, proposition_page
from .params import Text

__all__ = ["ENTRIES", "atom_feed", "router"]

ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
_TITLES = {"contradicts": ("Contradiction", "vs"), "corroborates": ("Corroboration", "and")}
# Characters XML 1.0 cannot hold at all, not even escaped; article text has been seen with form feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

router = APIRouter(include_in_schema=False)


@router.get("/disputes.atom")
def disputes_atom(
    request: Request, topic: Text = None,
    kind: Annotated[Literal["contradicts", "corroborates"] | None, Query(description="both when not given")] = None,
) -> Response:
    kinds = (kind,) if kind else ("contradicts", "corroborates")
    found = newest_relations(request.app.state.store, kinds, topic or None, limit=ENTRIES)
    board = request.url_for("disputes_page").include_query_params(**({"topic": topic} if topic else {}))
    body = atom_feed(found, str(request.base_url), str(request.url), str(board), topic or None)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def atom_feed(found: list[RelationNews], base: str, self_url: str, board_url: str, topic: str | None) -> bytes:
    """The feed document; `base` is the server's root URL, which the entries' links are made absolute with."""
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "title", f"claimgraph: disputes on “{topic}”" if topic else "claimgraph: disputes")
    _text(feed, "id", self_url)
    ET.SubElement(feed, "link", rel="self", href=self_url)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=board_url)
    _text(feed, "updated", _stamp(max((news.found for news in found), default=datetime.now(UTC))))
    _text(ET.SubElement(feed, "author"), "name", "claimgraph")
    root = base.rstrip("/")
    for news in found:
        _entry(feed, news, root)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, news: RelationNews, root: str) -> None:
    relation, (a, b) = news.relation, news.sides
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"urn:claimgraph:{relation.kind}:{relation.a}:{relation.b}")
    name, joint = _TITLES[relation.kind]
    _text(entry, "title", f"{name} ({relation.basis}): {a.source} {joint} {b.source}")
    _text(entry, "updated", _stamp(news.found))
    page = proposition_page(news.proposition) if news.proposition else evidence_page(b.document, b.claim)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=root + page)
    lines = [relation.explanation] + [
        f"{side.source} (“{side.headline}”{', ' + side.outlet if side.outlet else ''}"
        f"{', ' + side.date if side.date else ''}): {side.evidence}" for side in (a, b)]
    _text(entry, "summary", "\n\n".join(lines)).set("type", "text")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element


def _stamp(moment: datetime) -> str:
    """RFC 3339 in UTC; SQLite gives back the stored UTC times without their zone."""
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
