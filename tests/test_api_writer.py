"""The write API under load: identical POSTs sent together, a full write queue, a write that outlasts its
timeout, reads while the writer is busy, and long articles analysed in a process of their own."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

import claimgraph.pipeline
from claimgraph.present.api import create_app
from claimgraph.settings import Settings
from webapp import AUTH, MONDAY, TOKEN, WEDNESDAY, skip_without_model

ARTICLE = {"text": "The harbour master said the port of Kestrel Bay was closed on Tuesday.", "date": "2023-06-20"}


def serve(tmp_path: Path, **settings: int) -> FastAPI:
    skip_without_model()
    return create_app(str(tmp_path / "w.db"), token=TOKEN, settings=Settings(**settings))


def together(app: FastAPI, *requests: tuple[str, str, dict | None]) -> list[httpx.Response]:
    """Send the requests (method, path, JSON body) at once, in process, and their answers in order."""

    async def send() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
            return list(await asyncio.gather(*(client.request(method, path, json=body, headers=AUTH)
                                               for method, path, body in requests)))

    return asyncio.run(send())


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The pipeline held at its start until the test lets it go: (started, let_go)."""
    started, let_go = threading.Event(), threading.Event()
    real = claimgraph.pipeline.ingest

    def waiting(*args: object, **kwargs: object) -> Iterator[object]:
        started.set()
        let_go.wait(30)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(claimgraph.pipeline, "ingest", waiting)
    yield started, let_go
    let_go.set()



def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", timeout=60)


async def _held_post(client: httpx.AsyncClient, started: threading.Event) -> asyncio.Task[httpx.Response]:
    """POST ARTICLE and return once the writer has started on it (and is held there by the fixture)."""
    task = asyncio.create_task(client.post("/api/documents", json=ARTICLE, headers=AUTH))
    while not started.is_set():
        await asyncio.sleep(0.01)
    return task

def test_identical_posts_sent_together_store_one_document(tmp_path: Path) -> None:
    app = serve(tmp_path)
    answers = together(app, *[("POST", "/api/documents", ARTICLE)] * 5)
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert [a.json()["created"] for a in answers].count(True) == 1
    assert together(app, ("GET", "/api/documents", None))[0].json()["total"] == 1
    app.state.writer.close()


def test_a_full_queue_and_a_slow_write_get_named_errors_while_reads_go_on(
    tmp_path: Path, held: tuple[threading.Event, threading.Event],
) -> None:
    started, let_go = held
    app = serve(tmp_path, write_places=1, write_timeout_s=1)

    async def scenario() -> tuple[httpx.Response, ...]:
        async with _client(app) as client:
            slow = await _held_post(client, started)
            full = await client.post("/api/documents", json=MONDAY, headers=AUTH)
            began = time.perf_counter()
            read = await client.get("/api/documents")
            assert time.perf_counter() - began < 0.5  # reads do not wait for the writer
            timed_out = await slow
            let_go.set()
            while (await client.get("/api/documents")).json()["total"] == 0:  # the article accepted is stored
                await asyncio.sleep(0.05)
            again = await client.post("/api/documents", json=ARTICLE, headers=AUTH)
            return full, read, timed_out, again

    full, read, timed_out, again = asyncio.run(scenario())
    assert full.status_code == 503 and full.json()["code"] == "E501" and full.headers["retry-after"]
    assert read.status_code == 200
    assert timed_out.status_code == 504 and timed_out.json()["code"] == "E502"
    assert "will be stored" in timed_out.json()["detail"]
    assert again.status_code == 200 and again.json()["created"] is False
    app.state.writer.close()


def test_long_articles_are_analysed_apart_while_the_short_lane_is_busy(
    tmp_path: Path, held: tuple[threading.Event, threading.Event],
) -> None:
    started, let_go = held
    app = serve(tmp_path, large_article_bytes=100)  # ARTICLE is shorter, WEDNESDAY's body longer

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        async with _client(app) as client:
            short = await _held_post(client, started)
            # analysed in a spawned process, where the pipeline is not held
            long = await client.post("/api/documents", json=WEDNESDAY, headers=AUTH)
            let_go.set()
            return long, await short

    long, short = asyncio.run(scenario())
    assert long.status_code == 201 and long.json()["claims"] == 2
    assert short.status_code == 201
    app.state.writer.close()
