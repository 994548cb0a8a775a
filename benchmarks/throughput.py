"""Words per second of `claimgraph extract` (with linking) against bare spaCy on the same articles; target
ratio >= 0.8.

What is measured: the wall time of two whole processes over the first `--articles` articles of the Wikinews
corpus (`../shared/corpus/wikinews-2019-2020.jsonl`): bare spaCy (`spacy.load` of the model the pipeline
loads, then `nlp.pipe` over the texts), and `claimgraph extract FILE -o OUT` (every component, the
attribution tagger, claims, links within and across articles, the JSON ledger). Both include starting
Python and loading their models, as a user running them would see. Each runs pinned to one core with
onnxruntime and BLAS on one thread (claimgraph with `--processes N` gets N cores); the settings alternate
`--repeat` times and the best run of each is reported, so that a noisy neighbour slows both alike. Words
are whitespace-separated tokens of the article texts. Peak RSS is that of the largest process of the run
(with worker processes, the largest of the parent and its workers).

`--profile` instead runs `claimgraph extract` once in this process under cProfile, pinned to one core, and
prints each stage's share of its time (the table in the README's "Performance" section) and the top
functions. cProfile's own cost falls on Python calls, so the stages made of many small calls (quantities,
claim building) weigh more there than in a plain run.

Usage: .venv/bin/python benchmarks/throughput.py [--articles 120] [--repeat 3] [--processes 1 [2]] [--profile]
It prints words/s, the ratios and PASS/FAIL; the exit code is 0 either way (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "wikinews-2019-2020.jsonl"
TARGET = 0.8
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
BARE_SPACY = """
import json, sys, spacy
from claimgraph.pipeline import model_name
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(model_name())
for _ in nlp.pipe(texts):
    pass
"""
CLAIMGRAPH = "from claimgraph.cli import run; run()"


@dataclass
class Run:
    seconds: float
    peak_rss_mib: float


def run_process(arguments: list[str], cores: int) -> Run:
    """Wall time and peak RSS of one whole process, pinned to the first `cores` of our CPUs."""
    allowed = sorted(os.sched_getaffinity(0))[:cores]
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen([sys.executable, *arguments], env={**os.environ, **ONE_THREAD},
                                 stdout=subprocess.DEVNULL, stderr=errors,
                                 preexec_fn=lambda: os.sched_setaffinity(0, allowed))
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: an article rejected, still a timed run
            errors.seek(0)
            raise SystemExit(errors.read().decode(errors="replace"))
    return Run(elapsed, usage.ru_maxrss / 1024)  # Linux reports kilobytes


# Stages of the profile, each the time inside these functions (file suffix, function name); none of them
# calls another, so the shares add up. spaCy's own share is what `Language.pipe` spends outside claimgraph's
# components.
STAGES = {
    "claim embeddings": [("link/embed.py", "__call__")],
    "attribution tagger (model)": [("learn/tagger.py", "__call__")],
    "SQL statements": [("sqlalchemy/engine/base.py", "execute")],
    "quantities component": [("annotate/quantities.py", "__call__")],
    "claim building": [("extract/claims.py", "claims_from_doc")],
    "links within articles": [("link/within.py", "link_within_document")],
}


def _cumulative(stats: dict, suffix: str, name: str) -> float:
    return sum(row[3] for (path, _, function), row in stats.items()
               if function == name and path.replace("\\", "/").endswith(suffix))


def profile(corpus: Path) -> None:
    """The time of one in-process `claimgraph extract` by stage, on one core."""
    os.environ.update(ONE_THREAD)
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:1])
    from claimgraph.cli import app
    from claimgraph.pipeline import COMPONENTS, build_nlp

    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder:
        profiler = cProfile.Profile()
        profiler.enable()
        app(["extract", str(corpus), "-o", str(Path(folder) / "ledger.json")], standalone_mode=False)
        profiler.disable()
    nlp = build_nlp()  # loaded by the run above
    component_code = [type(nlp.get_pipe(name)).__call__.__code__ for name in COMPONENTS if nlp.has_pipe(name)]
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())
    shares = {stage: sum(_cumulative(stats, *f) for f in functions) for stage, functions in STAGES.items()}
    inside = sum(_cumulative(stats, code.co_filename, code.co_name) for code in component_code)
    spacy_own = _cumulative(stats, "spacy/language.py", "pipe") - inside
    rows = {"spaCy (tokenizer, tagger, parser, NER, lemmatizer)": spacy_own, **shares}
    tagger = rows["attribution tagger (model)"]
    rows["claimgraph components, other"] = inside - tagger - rows["quantities component"]
    rows["everything else (linking logic, store, JSON, loading)"] = total - sum(rows.values())
    print(f"{total:.1f} s on one core under cProfile, by stage:")
    for stage, seconds in rows.items():
        print(f"  {stage:<56} {seconds:7.1f} s {seconds / total:6.1%}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"claimgraph/", 25)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, nargs="+", default=[1],
                        help="claimgraph's worker processes (and cores) per setting")
    parser.add_argument("--profile", action="store_true", help="profile one in-process run instead of timing")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as lines:
        articles = [line for line, _ in zip(lines, range(args.articles), strict=False)]
    words = sum(len(json.loads(line)["text"].split()) for line in articles)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder:
        corpus, ledger = Path(folder) / "articles.jsonl", Path(folder) / "ledger.json"
        corpus.write_text("".join(articles), encoding="utf-8")
        if args.profile:
            profile(corpus)
            return
        settings = {"bare spaCy": (["-c", BARE_SPACY, str(corpus)], 1)} | {
            f"claimgraph extract, {n} process{'es' if n > 1 else ''}":
                (["-c", CLAIMGRAPH, "--processes", str(n), "extract", str(corpus), "-o", str(ledger)], n)
            for n in args.processes}
        best: dict[str, Run] = {}
        for _ in range(args.repeat):
            for name, (arguments, cores) in settings.items():
                run = run_process(arguments, cores)
                if name not in best or run.seconds < best[name].seconds:
                    best[name] = run
    print(f"{len(articles)} articles, {words:,} words, whole processes, best of {args.repeat}")
    spacy_rate = words / best["bare spaCy"].seconds
    for name, run in best.items():
        rate = words / run.seconds
        print(f"  {name:<34} {rate:7.0f} words/s  ratio {rate / spacy_rate:.2f}  peak RSS {run.peak_rss_mib:5.0f} MiB")
    ours = words / best[next(n for n in settings if n != "bare spaCy")].seconds
    verdict = "PASS" if ours / spacy_rate >= TARGET else "FAIL"
    print(f"{verdict}: claimgraph/spaCy {ours / spacy_rate:.2f} (target >= {TARGET:g})")


if __name__ == "__main__":
    main()
