"""Whole-pipeline speed on one core, with and without the learned attribution tagger; target >= 1,000 words/s
with it.

What is measured: the wall time of `claimgraph.pipeline.extract` (spaCy's parser and NER, every claimgraph
component, claims and within-article links) over the first `--articles` articles of the Wikinews corpus
(`../shared/corpus/wikinews-2019-2020.jsonl`), one process, onnxruntime and BLAS on one thread. Words are
whitespace-separated tokens of the article texts. Each setting runs once over the same articles, after an
untimed warm-up article that loads its models; the two settings alternate `--repeat` times and the best
run of each is reported, so that a noisy neighbour slows both alike.

Usage: .venv/bin/python benchmarks/attribution.py [--articles 60] [--repeat 2]
It prints words/s for each setting, their ratio and PASS/FAIL; the exit code is 0 either way.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

from claimgraph.ingest import read_inputs  # noqa: E402
from claimgraph.model import Document  # noqa: E402
from claimgraph.pipeline import extract  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "wikinews-2019-2020.jsonl"
TARGET = 1000


def words_of(documents: list[Document]) -> int:
    return sum(len(d.text.split()) for d in documents)


def words_per_second(documents: list[Document], settings: Settings) -> float:
    words, started = words_of(documents), time.perf_counter()
    for _ in extract([replace(d, id="") for d in documents], settings):
        pass
    return words / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    documents = [d for d in read_inputs([str(args.corpus)]) if isinstance(d, Document)][: args.articles + 1]
    warm, documents = documents[:1], documents[1:]
    settings = {"without the model": Settings(attribution_model=False, processes=1),
                "with the model": Settings(attribution_model=True, processes=1)}
    for setting in settings.values():
        words_per_second(warm, setting)
    best = dict.fromkeys(settings, 0.0)
    for _ in range(args.repeat):
        for name, setting in settings.items():
            best[name] = max(best[name], words_per_second(documents, setting))
    print(f"{len(documents)} articles, {words_of(documents):,} words, one core, best of {args.repeat}")
    for name, rate in best.items():
        print(f"  {name:<18} {rate:7.0f} words/s")
    with_model = best["with the model"]
    print(f"  ratio with/without {with_model / best['without the model']:.2f}")
    print(f"{'PASS' if with_model >= TARGET else 'FAIL'}: {with_model:.0f} words/s with the model (target >= {TARGET})")


if __name__ == "__main__":
    main()
