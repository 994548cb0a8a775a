"""The writer behind `POST /api/documents`: two lanes, each one worker behind a bounded queue.

spaCy's pipeline is not safe to share between threads, and analysis is slow (see `Settings.write_places`).
Each POST used to hold a server thread while it waited on a lock for its turn, so a few large articles could
take every thread of the pool that the reads run on too. Now a POST takes a place in a lane (WriteQueueFull,
at once, when none is free) and waits, holding no thread, at most `write_timeout_s` for its answer
(WriteTimeout). An article accepted into a lane is analysed and stored even when its POST timed out (unless
the server stops first); sending it again later answers 200 with its id.

Articles up to `large_article_bytes` go to a thread that uses the server's pipeline; larger ones to a
process of their own (with its own pipeline, loaded on first use), so a long article never holds up the
short ones. Each worker looks the text up in the store before analysing it, so identical POSTs sent
together get one 201 and then 200s naming the same document, where they got 500s.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial

from ..errors import ClaimgraphError, InputError
from ..model import Document
from ..settings import Settings
from ..store import Store, queries

__all__ = ["LARGE_PLACES", "WriteQueueFull", "WriteTimeout", "Writer", "Written"]

LARGE_PLACES = 2  # one analysing and one waiting: a third large article would wait many minutes


class WriteQueueFull(ClaimgraphError):
    code = "E501"


class WriteTimeout(ClaimgraphError):
    code = "E502"


@dataclass
class Written:
    """Where the article is stored, and whether this POST stored it."""

    id: str
    created: bool
    claims: int = 0
    relations: int = 0


Outcome = Written | InputError


def _ingest(store: Store, settings: Settings, document: Document) -> Outcome:
    from ..pipeline import Ingested, ingest

    stored = queries.document_id_for_hash(store, document.content_hash)
    if stored:
        return Written(stored, created=False)
    for result in ingest([document], store, settings):
        if isinstance(result, InputError):
            return result
        if isinstance(result, Ingested) and result.new:
            return Written(result.ledger.documents[0].id or "", True, result.claims_added, result.cross_relations)
    # stored meanwhile by another writer to the same database
    return Written(queries.document_id_for_hash(store, document.content_hash) or "", created=False)


@cache
def _own_store(db: str) -> Store:
    return Store(db)


def _ingest_apart(settings: Settings, document: Document) -> Outcome:
    """`_ingest` in the large-article process, over its own connection to the database."""
    return _ingest(_own_store(settings.db), settings, document)


class _Lane:
    """One worker and a fixed number of places for the articles it is analysing or that wait for it."""

    def __init__(self, worker: Executor, places: int) -> None:
        self.worker = worker
        self._places = threading.BoundedSemaphore(places)

    def submit(self, work: Callable[[Document], Outcome], document: Document) -> Future[Outcome]:
        if not self._places.acquire(blocking=False):
            raise WriteQueueFull("the write queue is full: send the article again in a while")
        try:
            job = self.worker.submit(work, document)
        except RuntimeError:  # the worker is shut down: the server is stopping
            self._places.release()
            raise
        job.add_done_callback(lambda _: self._places.release())
        return job


class Writer:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self._short = _Lane(ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-writer"),
                            settings.write_places)
        # spawned, not forked: a fork of a server with running threads can inherit a held lock
        self._long = _Lane(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")),
                           LARGE_PLACES)

    async def write(self, document: Document) -> Outcome:
        """Analyse, store and link `document` in its lane, or raise the named error saying why not now."""
        if len(document.text.encode("utf-8")) > self.settings.large_article_bytes:
            job = self._long.submit(partial(_ingest_apart, self.settings), document)
        else:
            job = self._short.submit(partial(_ingest, self.store, self.settings), document)
        # not cancelled on timeout: the article stays accepted, and the worker stores it
        done, _ = await asyncio.wait({asyncio.wrap_future(job)}, timeout=self.settings.write_timeout_s)
        if not done:
            raise WriteTimeout(f"no answer within {self.settings.write_timeout_s} s; the article will be stored: "
                               "send it again later to learn its id")
        return done.pop().result()

    def close(self) -> None:
        """Finish the articles being analysed and drop those still waiting (their POSTs have had 504s)."""
        for lane in (self._short, self._long):
            lane.worker.shutdown(wait=True, cancel_futures=True)
