"""p95 latency of the disputes board and of claim search with 100k claims stored on SQLite; target <= 200 ms.

What is measured: the wall time, at the client, of HTTP requests to a real uvicorn server (a child process
running `uvicorn.run(create_app(db))` on 127.0.0.1, one worker, as `claimgraph serve` starts it) sent one at a
time with `httpx` over a kept-alive connection: `GET /disputes` (the HTML board), `GET /api/disputes`,
`GET /api/claims?q=<word>` and `GET /search?q=<word>`, `--requests` of each after `--warmup` untimed ones,
the search words cycling through frequent, rare, absent and two-word queries. Each endpoint's p50, p95 and
max are printed with PASS/FAIL of its p95 against 200 ms. That includes routing, the store queries, building
the JSON or rendering the template, and sending the whole body over loopback.

What is not measured: building the store, starting the server, concurrent load (one request in flight at a
time), PostgreSQL, and the other pages. `--profile` then runs each endpoint over the target once more in
this process (through the app with FastAPI's TestClient, not over a socket) under cProfile and with every SQL statement
timed, and prints where the time goes.

The stored claims are synthetic, made by `Synthesizer` of `benchmarks/link.py` (documents of 40 claims from
templates, a Zipf-like vocabulary of names), stored with `Store.add`. Blocking keys and vectors are not
indexed (these pages do not read them). For the disputes board, `--propositions` groups of 3-10 claims from
different documents become propositions (`LinkIndex.assign`; every other claim is its own proposition, as
the linker leaves it) and `--relations` contradictions, Zipf-distributed over the groups, plus about a third
as many corroborations are stored with `Store.add_relations`.

Usage: .venv/bin/python benchmarks/web.py [--claims 100000] [--requests 50] [--profile] [--keep DB]
It exits 0 whatever the latencies (a benchmark, not a test); read the PASS/FAIL lines.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
import numpy as np
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link import CLAIMS_PER_DOCUMENT, Synthesizer

from claimgraph.link.embed import DIMENSIONS
from claimgraph.model import Ledger, Relation
from claimgraph.store import Store

TARGET_MS = 200.0
BATCH = 250  # documents per LinkIndex.assign call
SEED = 20241026
# frequent words, a real name, rare made-up syllables, a word absent from the store, two words
WORDS = ["people", "Russia", "killed", "met", "Kharkiv", "mistake", "vin", "zebra", "troops sent", "denied"]
SERVER = """
import sys, uvicorn
from claimgraph.present.api import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def build(path: Path, claims: int, propositions: int, relations: int) -> dict[str, int]:
    """A store of about `claims` synthetic claims with disputed propositions; returns what it holds."""
    synthesizer = Synthesizer([], np.zeros((0, DIMENSIONS), dtype=np.float32))
    synthesizer.article = [synthesizer.template_claim("article") for _ in range(30)]
    synthesizer.article_vectors = np.vstack([synthesizer.random_vector() for _ in synthesizer.article])
    rng = np.random.default_rng(SEED)
    documents = -(-claims // CLAIMS_PER_DOCUMENT)
    ids: list[list[str]] = []  # claim ids per document
    with Store(str(path)) as store:
        index = store.index
        for first in range(0, documents, BATCH):
            batch: list[str] = []
            for number in range(first, min(first + BATCH, documents)):
                document, document_claims, _ = synthesizer.document(number)
                store.add(Ledger(documents=[document], claims=document_claims))
                ids.append([c.id for c in document_claims])
                batch.extend(c.id for c in document_claims)
            index.assign({c: f"p-{c}" for c in batch}, {f"p-{c}": c for c in batch})
        # disputed propositions: claims of different documents grouped, contradictions Zipf over the groups
        groups: list[list[str]] = []
        for _ in range(propositions):
            chosen = rng.choice(documents, size=int(rng.integers(3, 11)), replace=False)
            groups.append([ids[d][int(rng.integers(len(ids[d])))] for d in chosen])
        members = {c: f"g{n:05d}" for n, group in enumerate(groups) for c in group}
        labels = {f"g{n:05d}": f"proposition {n}: {group[0]}" for n, group in enumerate(groups)}
        index.assign(members, labels)
        weights = 1.0 / np.arange(1, propositions + 1)
        per_group = np.bincount(rng.choice(propositions, size=relations, p=weights / weights.sum()),
                                minlength=propositions)
        new: list[Relation] = []
        for group, count in zip(groups, per_group, strict=True):
            pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]]
            picked = rng.permutation(len(pairs))
            for n, p in enumerate(picked[: int(count) + int(count) // 3]):
                a, b = pairs[p]
                if n < count:
                    new.append(Relation("contradicts", a, b, "quantity", f"{a} and {b} give different figures"))
                else:
                    new.append(Relation("corroborates", a, b, "same report", "independent sources agree"))
        added = store.add_relations(new)
        with store.engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT count(*) FROM claims")).scalar() or 0
            contradictions = conn.execute(
                sa.text("SELECT count(*) FROM relations WHERE kind = 'contradicts'")).scalar() or 0
    return {"claims": int(stored), "documents": documents, "relations": added,
            "contradictions": int(contradictions), "propositions": propositions}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def paths(requests: int) -> dict[str, list[str]]:
    words = [WORDS[n % len(WORDS)] for n in range(requests)]
    return {"GET /disputes": ["/disputes"] * requests, "GET /api/disputes": ["/api/disputes"] * requests,
            "GET /api/claims?q=": [f"/api/claims?q={w}" for w in words],
            "GET /search?q=": [f"/search?q={w}" for w in words]}


def measure(db: Path, requests: int, warmup: int) -> dict[str, tuple[list[float], int]]:
    """Milliseconds per request and the last body's size, per endpoint, against a uvicorn child process."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)])
    out: dict[str, tuple[list[float], int]] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for _ in range(300):
                try:
                    client.get("/api/documents?limit=1")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for name, urls in paths(requests).items():
                for url in urls[:warmup]:
                    client.get(url).raise_for_status()
                times, size = [], 0
                for url in urls:
                    began = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - began) * 1000)
                    response.raise_for_status()
                    size = len(response.content)
                out[name] = (times, size)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def profile(db: Path, slow: list[str]) -> None:
    """Run each slow endpoint's code path once in this process: cProfile, then the SQL statements by time."""
    from fastapi.testclient import TestClient

    from claimgraph.present import api

    store = Store(str(db))
    statements: dict[str, list[float]] = defaultdict(list)

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        conn.info["began"] = time.perf_counter()

    @sa.event.listens_for(store.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        statements[" ".join(statement.split())[:160]].append(time.perf_counter() - conn.info["began"])

    word = WORDS[0]
    # through the app in process: the pages and the API build their paging links from the request
    client = TestClient(api.create_app(str(db)))
    urls = {"GET /disputes": "/disputes", "GET /api/disputes": "/api/disputes", "GET /api/claims?q=":
            f"/api/claims?q={word}", "GET /search?q=": f"/search?q={word}"}
    calls = {name: (lambda url=url: client.get(url).raise_for_status()) for name, url in urls.items()}
    try:
        for name in slow:
            statements.clear()
            profiler = cProfile.Profile()
            began = time.perf_counter()
            profiler.runcall(calls[name])
            total = (time.perf_counter() - began) * 1000
            sql = sum(sum(v) for v in statements.values()) * 1000
            print(f"\n=== profile of {name} (q={word!r} for searches): {total:.0f} ms under cProfile, "
                  f"{sum(len(v) for v in statements.values())} SQL statements taking {sql:.0f} ms ===")
            for statement, times in sorted(statements.items(), key=lambda kv: -sum(kv[1]))[:6]:
                print(f"  {sum(times) * 1000:8.1f} ms  x{len(times):<5} {statement}")
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(25)
            print("\n".join(text.getvalue().splitlines()[4:]))
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="stored claims")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per endpoint first")
    parser.add_argument("--propositions", type=int, default=1500, help="disputed propositions")
    parser.add_argument("--relations", type=int, default=3000, help="contradictions stored")
    parser.add_argument("--profile", action="store_true", help="cProfile the endpoints over the target")
    parser.add_argument("--keep", type=Path, help="build (or reuse, when it exists) the store at this path")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="claimgraph-web-") as folder:
        db = args.keep or Path(folder) / "web.db"
        if not db.exists():
            began = time.perf_counter()
            held = build(db, args.claims, args.propositions, args.relations)
            print(f"built {held['claims']:,} claims in {held['documents']:,} documents, {held['relations']:,} "
                  f"relations ({held['contradictions']:,} contradictions over {held['propositions']:,} "
                  f"propositions) in {time.perf_counter() - began:.1f} s; file {db.stat().st_size / 2**20:.0f} MiB")
        else:
            print(f"reusing {db}")
        results = measure(db, args.requests, args.warmup)
        slow = []
        print(f"\n{'endpoint':<20} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'body KiB':>9}  (target p95 <= "
              f"{TARGET_MS:g} ms, {args.requests} requests each)")
        for name, (times, size) in results.items():
            verdict = "PASS" if p95(times) <= TARGET_MS else "FAIL"
            if verdict == "FAIL":
                slow.append(name)
            print(f"{name:<20} {statistics.median(times):8.1f} {p95(times):8.1f} {max(times):8.1f} "
                  f"{size / 1024:9.0f}  {verdict}")
        if args.profile and slow:
            profile(db, slow)
    return 0


if __name__ == "__main__":
    sys.exit(main())
