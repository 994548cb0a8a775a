"""`claimgraph watch` against a local web server: a feed that gains an entry, the article pages it links to,
a webhook receiver, and feeds that fail; and `/disputes.atom` over what it stored."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import ClaimgraphError
from claimgraph.present.api import create_app
from claimgraph.store import Store, queries
from claimgraph.watch import parse_interval

runner = CliRunner()
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Site:
    """What the local server answers: path -> (status, content type, body); every request is logged. A feed's
    ETag is a hash of its body, and a request that names it gets a 304."""

    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # method, path, headers
    posted: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)  # path, status answered
    base: str = ""

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.requests if p == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            pass

        def _answer(self, status: int, kind: str = "text/plain", body: bytes = b"", **headers: str) -> None:
            site.statuses.append((self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append(("GET", self.path, dict(self.headers)))
            status, kind, body = site.pages.get(self.path, (404, "text/plain", b"not found"))
            etag = f'"{hashlib.sha1(body).hexdigest()}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self._answer(304)
            else:
                self._answer(status, kind, body, ETag=etag, Last_Modified="Mon, 07 Oct 2024 18:00:00 GMT")

        def do_POST(self) -> None:
            site.requests.append(("POST", self.path, dict(self.headers)))
            site.posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self._answer(204)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))


ONE = ("Border clash", "Mon, 07 Oct 2024 18:00:00 +0000",
       ["The ministry said 300 troops crossed the border on Monday.",
        "Reuters reported that the governor said the bridge at Kalmar was destroyed.",
        "Smoke rose over the café district."])
TWO = ("Border clash grows", "Tue, 08 Oct 2024 09:00:00 +0000",
       ["The army said 900 troops crossed the border on Monday.",
        "The mayor said the bridge at Kalmar was destroyed."])
HARBOUR = ("Harbour reopens", "Tue, 08 Oct 2024 10:00:00 +0000",
           ["Port officials said the harbour at Tarn reopened on Friday after the storm."])


def article(title: str, paragraphs: list[str]) -> bytes:
    """A page as a news site has it, in cp1252 with the charset only in the HTTP header."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode("cp1252")


def publish(site: Site, path: str, *items: tuple[str, str, tuple[str, str, list[str]]]) -> str:
    """Serve an RSS feed at `path` whose items link to pages (name -> story), and those pages."""
    entries = []
    for name, status_page, (title, date, paragraphs) in items:
        status = 503 if status_page == "down" else 200
        site.pages[f"/{name}"] = (status, "text/html; charset=windows-1252", article(title, paragraphs))
        entries.append(f"<item><title>{title}</title><link>{site.base}/{name}</link><guid>{site.base}/{name}</guid>"
                       f"<pubDate>{date}</pubDate><description>{title}.</description></item>")
    feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Frontier Wire</title>"
            f"<link>{site.base}/</link>{''.join(entries)}</channel></rss>")
    site.pages[path] = (200, "application/rss+xml", feed.encode())
    return site.base + path


def watch(db: Path, *args: str) -> Any:
    return runner.invoke(app, ["--db", str(db), "watch", *args, "--once"], catch_exceptions=False)


def test_a_new_entry_is_ingested_once_and_its_dispute_printed_and_posted(site: Site, tmp_path: Path) -> None:
    db, hook = tmp_path / "watch.db", f"{site.base}/hook"
    feed = publish(site, "/feed.xml", ("one.html", "up", ONE))
    first = watch(db, feed, "--webhook", hook)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "" and site.posted == []  # one article disputes nothing
    assert "1 new entries, 1 added" in first.stderr

    publish(site, "/feed.xml", ("one.html", "up", ONE), ("two.html", "up", TWO))
    second = watch(db, feed, "--webhook", hook)
    assert second.exit_code == 0, second.stderr
    assert "1 new entries, 1 added" in second.stderr
    lines = second.stdout.splitlines()
    contradiction = next(line for line in lines if line.startswith("contradicts"))
    assert "[quantity]" in contradiction and "300 vs 900" in contradiction
    assert "ministry (“Border clash”)" in contradiction and "army (“Border clash grows”)" in contradiction
    assert any(line.startswith("corroborates [same point]") for line in lines)
    assert len(site.posted) == len(lines)
    posted = next(alert for alert in site.posted if alert["kind"] == "contradicts")
    assert posted["basis"] == "quantity" and posted["feed"] == feed and posted["proposition"].startswith("p-")
    assert [(c["source"], c["title"], c["url"]) for c in posted["claims"]] == [
        ("ministry", "Border clash", f"{site.base}/one.html"), ("army", "Border clash grows", f"{site.base}/two.html")]
    assert site.hits("/one.html") == site.hits("/two.html") == 1  # the page of an entry taken is not fetched again

    mirror = publish(site, "/mirror.xml", ("one.html", "up", ONE), ("copy.html", "up", TWO))
    third = watch(db, feed, mirror, "--webhook", hook)
    assert third.exit_code == 0 and third.stdout == "" and f"{feed}: not modified" in third.stderr
    assert f"{mirror}: 2 new entries, 0 added" in third.stderr  # the same articles under other links
    assert watch(db, mirror).stderr.strip().endswith(f"{mirror}: not modified")
    asked = [headers for _, path, headers in site.requests if path == "/feed.xml"][-1]
    assert asked["If-None-Match"] == f'"{hashlib.sha1(site.pages["/feed.xml"][2]).hexdigest()}"'
    assert asked["If-Modified-Since"] == "Mon, 07 Oct 2024 18:00:00 GMT"
    assert ("/feed.xml", 304) in site.statuses and len(site.posted) == len(lines)
    with Store(str(db)) as store:
        stored = store.documents()
    assert sorted(d.title for d in stored) == ["Border clash", "Border clash grows"]
    assert "Smoke rose over the café district." in stored[0].text + stored[1].text  # cp1252 from the HTTP header
    assert {d.outlet for d in stored} == {"Frontier Wire"}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_failing_feed_is_reported_retried_with_backoff_and_stops_no_other(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    good = publish(site, "/good.xml", ("one.html", "up", ONE), ("harbour.html", "down", HARBOUR))
    bad, refused = f"{site.base}/bad.xml", f"http://127.0.0.1:{_closed_port()}/feed.xml"
    site.pages["/bad.xml"] = (500, "text/plain", b"oops")

    first = watch(db, bad, good, refused)
    assert first.exit_code == 1
    assert f"error: {bad}: failed: HTTP 500 Internal Server Error [E109]; tried again next round" in first.stderr
    assert f"error: {refused}: failed: cannot connect (Connection refused) [E109]" in first.stderr
    assert f"{good}: 2 new entries, 1 added, 1 unreachable, tried again next round" in first.stderr

    site.pages["/bad.xml"] = (200, "application/rss+xml", b"this is no feed <<<")
    site.pages["/harbour.html"] = (200, *site.pages["/harbour.html"][1:])
    second = watch(db, bad, good, refused)
    assert second.exit_code == 1
    assert f"{bad}: failed: malformed feed" in second.stderr and "after 1 more round(s)" in second.stderr
    # the entry left over made the feed be read whole again, not answered "not modified"
    assert ("/good.xml", 200) in site.statuses[-4:] and f"{good}: 1 new entries, 1 added" in second.stderr

    hits = site.hits("/bad.xml")
    third = watch(db, bad, good, refused)
    assert site.hits("/bad.xml") == hits and f"{bad}: skipped, still failing" in third.stderr
    assert f"{good}: not modified" in third.stderr and third.exit_code == 1

    publish(site, "/bad.xml", ("two.html", "up", TWO))
    fourth = watch(db, bad, good)
    assert fourth.exit_code == 0, fourth.stderr
    assert f"{bad}: 1 new entries, 1 added" in fourth.stderr
    assert any(line.startswith("contradicts [quantity]") for line in fourth.stdout.splitlines())
    with Store(str(db)) as store:
        assert queries.counts(store)["documents"] == 3


def test_a_topic_keeps_its_own_news_and_adds_relayed_claims(site: Site, tmp_path: Path) -> None:
    feed = publish(site, "/feed.xml", ("one.html", "up", ONE), ("two.html", "up", TWO))
    result = watch(tmp_path / "watch.db", feed, "--topic", "Kalmar bridge")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("relays [via] governor via Reuters: the bridge at Kalmar was destroyed — "
                        "governor (“Border clash”)")
    assert lines[1].startswith("corroborates [same point]") and len(lines) == 2  # not the troops' contradiction


def test_the_disputes_atom_feed_lists_the_newest_relations_linked_to_their_propositions(
        site: Site, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    watch(db, publish(site, "/feed.xml", ("one.html", "up", ONE), ("two.html", "up", TWO)))
    with TestClient(create_app(str(db))) as client:
        answer = client.get("/disputes.atom", params={"topic": "troops"})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(answer.content)
        assert feed.findtext(f"{ATOM}title") == "claimgraph: disputes on “troops”"
        [entry] = feed.findall(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == "Contradiction (quantity): ministry vs army"
        assert entry.findtext(f"{ATOM}updated", "").endswith("Z")
        assert "300 vs 900" in entry.findtext(f"{ATOM}summary", "")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith("http://testserver/propositions/p-")
        assert client.get(link.get("href", "")).status_code == 200

        everything = ET.fromstring(client.get("/disputes.atom").content).findall(f"{ATOM}entry")
        assert sorted(e.findtext(f"{ATOM}title", "") for e in everything) == [
            "Contradiction (quantity): ministry vs army", "Corroboration (same point): governor and mayor"]
        only = ET.fromstring(client.get("/disputes.atom?kind=contradicts&topic=bridge").content)
        assert only.findall(f"{ATOM}entry") == []


def test_every_takes_seconds_minutes_and_hours() -> None:
    assert [parse_interval(t) for t in ("45", "30s", "15m", "1.5h")] == [45, 30, 900, 5400]
    for wrong in ("15x", "0m", "m", "-5s"):
        with pytest.raises(ClaimgraphError, match="--every takes"):
            parse_interval(wrong)
