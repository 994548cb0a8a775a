"""`claimgraph ingest --engine dask`: Dask workers analyse the input, this process links and stores it.

The input is read here, as a stream, and cut into partitions of `Settings.dask_partition` consecutive
documents (a folder's files, a JSONL's or a WARC's records, in input order); documents already stored
are left out before a partition is made, so a run started again after a kill sends only what is left.
Each worker analyses a partition with the whole pipeline, loaded once per worker process (`build_nlp`
and the embedder are cached), and sends back the ledgers with their claims' embeddings: the costly part.

Linking a new article reads every article stored before it, so the order of storing decides the links.
This process therefore links and stores the ledgers one by one in input order, as the serial run does,
and the result is the serial run's, whatever worker analysed what and when it finished. It is also the
only writer, so the database (PostgreSQL for a cluster of machines, SQLite on one) need not be reachable
from the workers; the workers need claimgraph and its models installed, and nothing else.

At most two partitions per worker thread are in flight: enough to keep every worker busy while this
process links, few enough that memory stays flat however long the input.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from typing import Any

from ..errors import ClaimgraphError, InputError
from ..model import Document
from ..pipeline import Analysed, Ingested, analyse, batches, fresh, in_order, store_all
from ..settings import Settings
from ..store import Store

__all__ = ["ClusterError", "connect", "ingest", "ingest_on"]

# how long to wait for a scheduler to answer, and for the workers asked for to join it
CONNECT_TIMEOUT_S = 60


class ClusterError(ClaimgraphError):
    code = "E600"


def ingest(
    documents: Iterable[Document], store: Store, settings: Settings, link: bool = True,
    scheduler: str | None = None, workers: int | None = None,
) -> Iterator[Ingested | InputError]:
    """`pipeline.ingest` with the analysis on a Dask cluster (see `connect`)."""
    with connect(scheduler, workers) as client:
        yield from ingest_on(client, documents, store, settings, link)


def ingest_on(
    client: Any, documents: Iterable[Document], store: Store, settings: Settings, link: bool = True
) -> Iterator[Ingested | InputError]:
    """`ingest` on the cluster of a connected Dask client."""
    threads = sum(client.nthreads().values())
    # a worker runs the pipeline itself: it must not start worker processes of its own
    work = partial(_analyse, settings=replace(settings, processes=1), embed=link)
    parts = batches(fresh(documents, store), settings.dask_partition)
    analysed = in_order(partial(client.submit, work, pure=False), parts, window=2 * threads)
    yield from store_all(analysed, store, link)


# spaCy's pipeline is not safe to share between threads: a worker started with several threads runs
# one partition at a time (start workers with `--nthreads 1` and one per core instead)
_PIPELINE = threading.Lock()


def _analyse(partition: list[Document], settings: Settings, embed: bool) -> list[Analysed | InputError]:
    """On a worker: the partition's ledgers (see `pipeline.analyse`)."""
    with _PIPELINE:
        return list(analyse(partition, settings, embed))


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Dask client of the scheduler at `scheduler`, once `workers` of its workers have joined (one by
    default), else of a cluster of `workers` processes on this machine (one per CPU by default)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError("--engine dask needs Dask: pip install 'claimgraph[dask]'") from error
    if scheduler is None:
        # processes, not threads: the pipeline holds the GIL; no dashboard, and no log below errors
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler!r}: {error}") from error
    with client:
        try:
            client.wait_for_workers(workers or 1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError as error:
            raise ClusterError(f"fewer than {workers or 1} workers joined the scheduler at {scheduler!r} "
                               f"in {CONNECT_TIMEOUT_S} s") from error
        yield client
