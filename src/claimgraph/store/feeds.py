"""What `claimgraph watch` remembers between rounds: each feed's validators and failures, and the entries
it has taken, so that an unchanged feed costs a 304 and an entry is fetched and ingested once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from claimgraph.store import schema as db
from claimgraph.store.store import Store

__all__ = ["FeedState", "feed_state", "mark_seen", "save_feed_state", "seen_entries"]


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # in a row
    wait: int = 0  # rounds to skip before trying again
    error: str | None = None


def feed_state(store: Store, url: str) -> FeedState:
    """The feed's state, or a fresh one for a feed never watched."""
    f = db.feeds.c
    query = sa.select(f.etag, f.last_modified, f.failures, f.wait, f.error).where(f.url == url)
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    return FeedState(url, **row) if row else FeedState(url)


def save_feed_state(store: Store, state: FeedState) -> None:
    row = {"url": state.url, "etag": state.etag, "last_modified": state.last_modified, "failures": state.failures,
           "wait": state.wait, "error": state.error, "checked_at": datetime.now(UTC)}
    with store._write() as conn:
        conn.execute(sa.delete(db.feeds).where(db.feeds.c.url == state.url))
        conn.execute(sa.insert(db.feeds).values(row))


def seen_entries(store: Store, feed: str, keys: list[str]) -> set[str]:
    """Those of `keys` already taken from this feed."""
    e = db.feed_entries.c
    seen: set[str] = set()
    with store.engine.connect() as conn:
        for i in range(0, len(keys), 500):
            query = sa.select(e.entry).where(e.feed == feed, e.entry.in_(keys[i : i + 500]))
            seen.update(conn.execute(query).scalars())
    return seen


def mark_seen(store: Store, feed: str, key: str, document_id: str | None) -> None:
    """Remember an entry as taken: stored as `document_id`, or rejected (None)."""
    row = {"feed": feed, "entry": key, "document_id": document_id, "seen_at": datetime.now(UTC)}
    with store._write() as conn:
        conn.execute(store._insert_ignoring(db.feed_entries, "feed", "entry").values(row))
