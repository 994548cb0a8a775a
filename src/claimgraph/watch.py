"""`claimgraph watch`: poll feeds, ingest their new entries, and tell what the new articles dispute.

One round reads each feed once, with the validators of its last answer (a 304 ends it there), takes the
entries it has not taken before (`store.feeds` remembers them by id or link), reads each one's linked page
(trafilatura, through `ingest.fetch`), and stores and links it as `claimgraph ingest` does. Then every
relation that storing the article made is news: each one becomes an `Alert`, and so, when a topic is
watched, does each claim of the article on that topic that comes relayed (the governor "via Reuters").
Relays are told only for a topic: unwatched, every relayed claim of every article would be an alert.

A feed that fails (no connection, an error status, a body that is not a feed) is reported and tried
again in the next round; each further failure in a row doubles the rounds it waits (0, 1, 3, 7, then
at most MAX_WAIT_ROUNDS), counted in rounds rather than hours so that `--once` under cron backs off
the same way. A page that cannot be reached now is left for the next round too: the feed's new
validators are then not kept, so the next round reads the whole feed again and finds the entry unseen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import ClaimgraphError, InputError
from .ingest import clean_document
from .ingest.decode import EMPTY, UNREACHABLE
from .ingest.feed import FeedEntry, feed_entries
from .ingest.fetch import NotModified, Validators, get, is_web_url, page_document
from .model import Claim, Document
from .pipeline import ingest
from .settings import Settings
from .store import Store
from .store.feeds import FeedState, feed_state, mark_seen, save_feed_state, seen_entries
from .store.news import RelationNews, Side, newest_relations
from .store.queries import MAX_LIMIT, ClaimFilter, document_id_for_hash, headline, search_claims

__all__ = ["Alert", "FeedReport", "parse_interval", "watch_round"]

MAX_WAIT_ROUNDS = 15  # at the default 15 minutes a round, a feed down for good is tried every four hours


@dataclass
class Alert:
    """A new contradiction, corroboration or (for a watched topic) relayed claim."""

    kind: str  # contradicts | corroborates | relays
    basis: str  # the relation's (quantity, polarity, same point...); "via" for a relay
    explanation: str
    feed: str  # whose entry brought the article that made it news
    proposition: str | None
    sides: list[Side] = field(default_factory=list)  # the two claims; a relay's one

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "basis": self.basis, "explanation": self.explanation, "feed": self.feed,
                "proposition": self.proposition, "claims": [side.to_json() for side in self.sides]}

    def line(self) -> str:
        """`contradicts [quantity] cross: 300 vs 900 — ministry ("Border clash") vs army ("Border clash grows")`."""
        joint = " vs " if self.kind == "contradicts" else " and "
        return (f"{self.kind} [{self.basis}] {self.explanation} — "
                + joint.join(f"{side.source} (“{side.headline}”)" for side in self.sides))


@dataclass
class FeedReport:
    """How one feed fared in a round."""

    url: str
    status: Literal["read", "unchanged", "failed", "waiting"]
    new: int = 0  # entries not taken before
    added: int = 0  # articles stored
    rejected: int = 0  # entries with no article, or one that could not be analysed
    retry: int = 0  # entries whose page could not be reached, tried again next round
    error: str | None = None
    wait: int = 0  # rounds the feed now sits out

    @property
    def failed(self) -> bool:
        return self.status in ("failed", "waiting")

    def line(self) -> str:
        if self.status == "unchanged":
            return f"{self.url}: not modified"
        if self.failed:
            then = "next round" if self.wait == 0 else f"after {self.wait} more round(s)"
            done = "failed" if self.status == "failed" else "skipped, still failing"
            return f"{self.url}: {done}: {self.error}; tried again {then}"
        parts = [f"{self.new} new entries", f"{self.added} added"]
        parts += [f"{self.rejected} rejected"] * bool(self.rejected)
        parts += [f"{self.retry} unreachable, tried again next round"] * bool(self.retry)
        return f"{self.url}: {', '.join(parts)}"


_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smh]?)")


def parse_interval(text: str) -> float:
    """Seconds in "90", "90s", "15m" or "2h"."""
    match = _INTERVAL.fullmatch(text.strip().lower())
    if not match or float(match.group(1)) <= 0:
        raise ClaimgraphError(f"--every takes a positive number of seconds, minutes or hours (30s, 15m, 1h), "
                              f"not {text!r}")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def watch_round(store: Store, feeds: list[str], settings: Settings | None = None,
                topic: str | None = None) -> Iterator[FeedReport | Alert]:
    """Read each feed once; yields each feed's report after the alerts its new articles made."""
    settings = settings or Settings()
    for url in dict.fromkeys(feeds):
        yield from _watch_feed(store, url, settings, topic)


def _watch_feed(store: Store, url: str, settings: Settings, topic: str | None) -> Iterator[FeedReport | Alert]:
    state = feed_state(store, url)
    if state.wait > 0:
        state.wait -= 1
        save_feed_state(store, state)
        yield FeedReport(url, "waiting", error=state.error, wait=state.wait)
        return
    response = get(url, settings.max_input_bytes, Validators(state.etag, state.last_modified))
    if isinstance(response, NotModified):
        save_feed_state(store, FeedState(url, state.etag, state.last_modified))
        yield FeedReport(url, "unchanged")
        return
    if isinstance(response, InputError):
        yield _failed(store, state, response)
        return
    entries = feed_entries(url, response.body)
    if isinstance(entries, InputError):
        if entries.code != EMPTY:
            yield _failed(store, state, entries)
            return
        entries = []
    report = FeedReport(url, "read")
    seen = seen_entries(store, url, [entry.key for entry in entries])
    for entry in (entry for entry in entries if entry.key not in seen):
        report.new += 1
        yield from _take(store, url, entry, settings, topic, report)
    # with an entry left for later, the next round must not be told "not modified"
    kept = response.validators if not report.retry else Validators(state.etag, state.last_modified)
    save_feed_state(store, FeedState(url, kept.etag, kept.last_modified))
    yield report


def _failed(store: Store, state: FeedState, error: InputError) -> FeedReport:
    failures = state.failures + 1
    wait = min(2 ** (failures - 1) - 1, MAX_WAIT_ROUNDS)
    reason = f"{error.reason} [{error.code}]"  # the feed's URL heads the report already
    save_feed_state(store, FeedState(state.url, state.etag, state.last_modified, failures, wait, reason))
    return FeedReport(state.url, "failed", error=reason, wait=wait)


def _article(entry: FeedEntry, feed: str, settings: Settings) -> Document | InputError:
    """The entry's article: its linked page read whole, else (no link, or no article on the page) the entry's
    own text. A page that cannot be reached now is an E109, for the next round."""
    if not (entry.link and is_web_url(entry.link)):
        return entry.document(feed)
    page = page_document(entry.link, settings.max_input_bytes)
    if isinstance(page, Document):
        return entry.dressed(page)
    if page.code == UNREACHABLE:
        return page
    own = entry.document(feed)
    return own if isinstance(own, Document) else page


def _take(store: Store, feed: str, entry: FeedEntry, settings: Settings, topic: str | None,
          report: FeedReport) -> Iterator[Alert]:
    article = _article(entry, feed, settings)
    if isinstance(article, Document):
        article = clean_document(article)
    if isinstance(article, InputError):
        if article.code == UNREACHABLE:
            report.retry += 1
            return
        store.record_rejection(article.path, article.code, article.reason)
        mark_seen(store, feed, entry.key, None)
        report.rejected += 1
        return
    result = next(ingest([article], store, settings), None)  # None: the same text is stored already
    if isinstance(result, InputError):  # recorded as a rejection by `ingest`
        mark_seen(store, feed, entry.key, None)
        report.rejected += 1
        return
    if result is None:
        mark_seen(store, feed, entry.key, document_id_for_hash(store, article.content_hash))
        return
    stored = result.ledger.documents[0]
    mark_seen(store, feed, entry.key, stored.id)
    if result.new:  # False when another process stored the same text meanwhile
        report.added += 1
        yield from _alerts(store, feed, stored, topic)


def _alerts(store: Store, feed: str, document: Document, topic: str | None) -> Iterator[Alert]:
    """The news that storing `document` made, oldest first."""
    for news in reversed(newest_relations(store, topic=topic, documents=[document.id], limit=MAX_LIMIT)):
        yield _relation_alert(news, feed)
    if topic:
        claims, _ = search_claims(store, ClaimFilter(q=topic, document=document.id, limit=MAX_LIMIT))
        relayed = [claim for claim in claims if claim.via]
        homes = store.index.propositions_of([claim.id for claim in relayed])
        for claim in relayed:
            yield _relay_alert(claim, document, feed, homes.get(claim.id))


def _relation_alert(news: RelationNews, feed: str) -> Alert:
    relation = news.relation
    return Alert(relation.kind, relation.basis, relation.explanation, feed, news.proposition, list(news.sides))


def _relay_alert(claim: Claim, document: Document, feed: str, proposition: str | None) -> Alert:
    chain = " → ".join(v.name for v in claim.via)
    side = Side(claim.id, document.id, claim.source.name, claim.evidence, headline(document.title, document.text),
                document.url, document.outlet, document.published.value if document.published else None)
    return Alert("relays", "via", f"{claim.source.name} via {chain}: {claim.content}", feed, proposition,
                 [side])
