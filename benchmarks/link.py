"""Time to link one new article against stores of 10k and 100k claims; the ratio must stay <= 2.

What is measured: the wall time of `Linker(store).link(ledger, within=ledger.relations)` for the founding
article (`../shared/corpus/000_6063921b93890a6a.txt`) and of the `Store.add_article` that writes what it
found, as `claimgraph ingest` calls them. That includes embedding the article's claims (about 30), reading
candidates from the index, comparing, and writing the article with its keys, vectors, propositions and
relations in one transaction. Each repetition runs on a
fresh copy of the SQLite file (so the article is never already linked) with a freshly opened `Store`;
the median of `--repeat` runs is reported, after one untimed warm-up run per size. Embedding the
claims is constant (about 0.4 s on a 2-core machine) and hides growth, so it is also timed apart and
the ratio of the rest is printed for information; PASS/FAIL is on the whole of both.

What is not measured: NLP extraction of the article (done once, before), loading the embedding model
(warmed first), copying the database file, and building the stores.

The stored claims are synthetic (running the NLP pipeline over 100k claims would take hours): documents
of 40 claims built from templates, with names drawn from a Zipf-like vocabulary of a few hundred names
(the article's own names, Russia, Ukraine, North Korea, among the frequent ones), figures with units and
events from a small set, and random unit vectors. One document in `STORY_EVERY` is about the article's
story: most of its claims are near-duplicates of the article's claims (their text with another figure,
vectors at cosine 0.55-0.95), so candidate lists hold claims that are actually compared. Keys come from
the real `blocking_keys`; the index is filled with `LinkIndex.add`, `add_document` and `assign`. The
store is built once and grown: measured at each size in `--sizes`, then grown to the next.

Usage: .venv/bin/python benchmarks/link.py [--sizes 10000 100000] [--repeat 5] [--profile]
It prints the numbers and PASS/FAIL; the exit code is 0 either way (a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.ingest import read_inputs
from claimgraph.link.blocking import blocking_keys, top_names
from claimgraph.link.embed import DIMENSIONS, embedder
from claimgraph.link.linker import Linker
from claimgraph.model import Claim, Document, Ledger, Place, PublishedDate, Quantity, Source
from claimgraph.pipeline import extract
from claimgraph.store import Store

ARTICLE = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "000_6063921b93890a6a.txt"
MAX_RATIO = 2.0
CLAIMS_PER_DOCUMENT = 40
STORY_EVERY = 50  # one stored document in 50 reports the article's story
NEAR_DUPLICATES = 0.7  # share of a story document's claims that restate one of the article's
INDEX_BATCH = 250  # documents per LinkIndex.add / assign call
SEED = 20241025

REAL_NAMES = [
    "United States", "China", "Russia", "Washington", "Ukraine", "Europe", "Beijing", "North Korea", "London",
    "Moscow", "India", "Germany", "France", "Japan", "Kyiv", "South Korea", "Israel", "Gaza", "Iran", "Brazil",
    "Joe Biden", "Vladimir Putin", "Xi Jinping", "Volodymyr Zelensky", "Kim Jong Un", "Emmanuel Macron",
    "Narendra Modi", "Olaf Scholz", "Yoon Suk Yeol", "Benjamin Netanyahu", "Mark Rutte", "Antonio Guterres",
    "United Nations", "Nato", "European Union", "World Health Organization", "Red Cross", "Reuters", "Pentagon",
    "Kremlin", "White House", "Parliament", "Supreme Court", "Congress", "Senate", "Police", "Army", "Navy",
    "Pyongyang", "Seoul", "Tokyo", "Paris", "Berlin", "Rome", "Madrid", "Cairo", "Nairobi", "Lagos", "Delhi",
    "Mumbai", "Sydney", "Toronto", "Mexico", "Canada", "Australia", "Turkey", "Syria", "Iraq", "Afghanistan",
    "Pakistan", "Nigeria", "Ethiopia", "Sudan", "Yemen", "Lebanon", "Taiwan", "Philippines", "Indonesia",
    "Vietnam", "Thailand", "Poland", "Hungary", "Italy", "Spain", "Greece", "Sweden", "Finland", "Norway",
    "Donetsk", "Kharkiv", "Crimea", "Samoa", "Wuhan", "Hubei", "California", "Texas", "Florida", "New York",
]
SYLLABLES = ["ka", "ro", "vin", "mal", "te", "sor", "du", "bel", "gra", "no", "lis", "ther", "an", "qu", "mer",
             "zo", "pa", "hel", "dri", "cos", "val", "ur", "fen", "ja"]
SOURCES_OF_PEOPLE = ["officials", "spokesperson", "minister", "police chief", "governor", "analysts"]
# (unit lemma, how the text says it, event lemma or None, the verb in the text)
COUNTS = [
    ("troop", "troops", "send", "sent"), ("troop", "soldiers", "deploy", "deployed"),
    ("person", "people", "kill", "killed"), ("person", "people", "injure", "injured"),
    ("person", "people", "evacuate", "evacuated"), ("person", "people", "arrest", "arrested"),
    ("case", "cases", "confirm", "confirmed"), ("death", "deaths", None, "recorded"),
    ("vote", "votes", None, "counted"), ("house", "houses", "destroy", "destroyed"),
    ("vehicle", "vehicles", None, "seized"), ("patient", "patients", "hospitalise", "hospitalised"),
    ("migrant", "migrants", "rescue", "rescued"), ("worker", "workers", None, "laid off"),
]
TOPICS = ["trade", "security", "the elections", "energy prices", "the ceasefire", "sanctions", "the budget",
          "climate policy", "the outbreak", "refugees", "arms supplies", "the border"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass
class Run:
    seconds: float  # Linker.link and Store.add_article, all of it
    embedding: float  # embedding the article's claims again, outside link (an estimate of its share)
    relations: int


class Synthesizer:
    """Stored documents and claims that look like real ones to the link index."""

    def __init__(self, article: list[Claim], article_vectors: np.ndarray, names: int = 300) -> None:
        self.rng = np.random.default_rng(SEED)
        self.article = article
        self.article_vectors = article_vectors
        vocabulary = list(REAL_NAMES)
        while len(vocabulary) < names:
            word = "".join(self.rng.choice(SYLLABLES, size=int(self.rng.integers(2, 4)))).capitalize()
            if word not in vocabulary:
                vocabulary.append(word)
        self.names = vocabulary
        weights = np.cumsum(1.0 / np.arange(1, len(vocabulary) + 1))  # Zipf, s = 1
        self.cumulative = weights / weights[-1]

    def name(self) -> str:
        return self.names[int(np.searchsorted(self.cumulative, self.rng.random(), side="right"))]

    def pick(self, items: list) -> object:
        return items[int(self.rng.integers(len(items)))]

    def figure(self) -> tuple[str, float]:
        value = min(int(self.rng.zipf(1.6)), 500) * int(self.pick([1, 1, 1, 10, 100, 1000]))
        return f"{value:,}", float(value)

    def random_vector(self) -> np.ndarray:
        vector = self.rng.standard_normal(DIMENSIONS).astype(np.float32)
        return vector / np.linalg.norm(vector)

    def near(self, vector: np.ndarray) -> np.ndarray:
        """A unit vector at cosine 0.55-0.95 from `vector`."""
        cosine = float(self.rng.uniform(0.55, 0.95))
        other = self.random_vector()
        other -= (other @ vector) * vector
        other /= np.linalg.norm(other)
        return (cosine * vector + np.sqrt(1 - cosine**2) * other).astype(np.float32)

    def template_claim(self, document: str) -> Claim:
        a, b, place = self.name(), self.name(), self.name()
        unit, said, event, verb = self.pick(COUNTS)  # type: ignore[misc]
        text, value = self.figure()
        quantity = Quantity(text=text, value=value, unit=unit, event=event)
        kind = int(self.rng.integers(6))
        quantities: list[Quantity] = []
        if kind == 0:
            content, quantities = f"that {text} {said} were {verb} in {place} on {self.pick(WEEKDAYS)}", [quantity]
        elif kind == 1:
            content = f"that {a} met {b} in {place} to discuss {self.pick(TOPICS)}"
        elif kind == 2:
            content, quantities = f"that {a} would have {text} {said} {verb} to {place} by {self.pick(MONTHS)}", [
                quantity]
        elif kind == 3:
            content = f"that the government of {place} denied any role in the attack on {b}"
        elif kind == 4:
            content = f"{text} {said} have been {verb} since {self.pick(MONTHS)}, according to {a}"
            quantities = [quantity]
        else:
            content = f"that {a} called the decision by {b} on {self.pick(TOPICS)} a serious mistake"
        speaker = self.name()
        source = Source(name=speaker, mention=speaker, kind="person") if self.rng.random() < 0.6 else Source.author()
        return Claim(document=document, evidence=f"{speaker} said {content}.", content=content, source=source,
                     cue="said", quantities=quantities, places=[Place(text=place, name=place)])

    def near_duplicate(self, document: str) -> tuple[Claim, np.ndarray]:
        """One of the article's claims told again, with another figure where it has one."""
        index = int(self.rng.integers(len(self.article)))
        original, vector = self.article[index], self.article_vectors[index]
        content, quantities = original.content, []
        for q in original.quantities:
            value = max(1.0, round(q.value * float(self.rng.uniform(0.5, 1.5))))
            text = f"{int(value):,}"
            content = content.replace(q.text, text, 1)
            quantities.append(Quantity(text=text, value=value, unit=q.unit, event=q.event, qualifier=q.qualifier))
        claim = Claim(document=document, evidence=f"Officials said {content}.", content=content,
                      source=copy.deepcopy(original.source), cue=original.cue, stance=original.stance,
                      quantities=quantities, places=copy.deepcopy(original.places))
        return claim, self.near(vector)

    def document(self, number: int) -> tuple[Document, list[Claim], np.ndarray]:
        document_id = f"s{number:06d}"
        story = number % STORY_EVERY == STORY_EVERY - 1
        claims, vectors = [], []
        for _ in range(CLAIMS_PER_DOCUMENT):
            if story and self.rng.random() < NEAR_DUPLICATES:
                claim, vector = self.near_duplicate(document_id)
            else:
                claim, vector = self.template_claim(document_id), self.random_vector()
            claims.append(claim)
            vectors.append(vector)
        year, month, day = 2019 + number % 6, 1 + number % 12, 1 + number % 28
        published = PublishedDate(f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}", "day")
        text = f"Synthetic article {number}.\n\n" + "\n".join(c.evidence for c in claims)
        document = Document(name=f"synthetic-{number:06d}.txt", text=text, title=f"Article {number}",
                            outlet="Synthetic News", published=published, id=document_id)
        return document, claims, np.vstack(vectors)


def grow(path: Path, synthesizer: Synthesizer, start: int, stop: int) -> dict[str, float]:
    """Add documents `start`..`stop-1` to the store at `path`: store, then index them. Returns timings."""
    timings = {"store": 0.0, "keys": 0.0, "index": 0.0}
    store = Store(str(path))
    index = store.index
    try:
        for first in range(start, stop, INDEX_BATCH):
            keys: dict[str, set[str]] = {}
            vectors: dict[str, np.ndarray] = {}
            documents = []
            for number in range(first, min(first + INDEX_BATCH, stop)):
                document, claims, claim_vectors = synthesizer.document(number)
                began = time.perf_counter()
                store.add(Ledger(documents=[document], claims=claims))
                timings["store"] += time.perf_counter() - began
                began = time.perf_counter()
                for claim, vector in zip(claims, claim_vectors, strict=True):
                    keys[claim.id] = blocking_keys(claim, vector)
                    vectors[claim.id] = vector
                mean = claim_vectors.mean(axis=0)
                documents.append((document.id, mean / np.linalg.norm(mean), top_names(claims)))
                timings["keys"] += time.perf_counter() - began
            began = time.perf_counter()
            index.add(keys, vectors)
            for document_id, vector, names in documents:
                index.add_document(document_id, vector, names)
            # each claim its own proposition
            index.assign({c: f"p-{c}" for c in keys}, {f"p-{c}": c for c in keys})
            timings["index"] += time.perf_counter() - began
    finally:
        store.close()  # the last connection to close checkpoints the WAL into the file
    return timings


def link_once(base: Path, work: Path, ledger: Ledger, profile: cProfile.Profile | None = None) -> Run:
    """Link a fresh copy of the article into a fresh copy of the store."""
    shutil.copyfile(base, work)
    os.sync()  # write the copy out now, not while link runs
    article = copy.deepcopy(ledger)
    with Store(str(work)) as store:
        linker = Linker(store)
        if profile:
            profile.enable()
        began = time.perf_counter()
        result = linker.link(article, within=article.relations)
        store.add_article(article, result)
        elapsed = time.perf_counter() - began
        if profile:
            profile.disable()
    # the embedding inside `link` costs the same at any store size: timed apart, to show the rest
    began = time.perf_counter()
    embedder()([c.content for c in article.claims if not c.caption])
    return Run(elapsed, time.perf_counter() - began, len(result.relations))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="stored claims")
    parser.add_argument("--repeat", type=int, default=5, help="timed links per size (median reported)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one link per size")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))

    embedder()([""])  # load the model outside the timings
    documents = [d for d in read_inputs([str(ARTICLE)]) if isinstance(d, Document)]
    ledger = next(extract(documents))
    if not isinstance(ledger, Ledger):
        raise SystemExit(f"cannot analyse {ARTICLE}: {ledger}")
    claims = [c for c in ledger.claims if not c.caption]
    synthesizer = Synthesizer(claims, embedder()([c.content for c in claims]))
    print(f"article: {ARTICLE.name}, {len(ledger.claims)} claims ({len(claims)} linked)")

    medians: dict[int, float] = {}
    rests: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder:
        base, work = Path(folder) / "base.db", Path(folder) / "work.db"
        stored = 0
        for size in sizes:
            count = -(-size // CLAIMS_PER_DOCUMENT)
            began = time.perf_counter()
            timings = grow(base, synthesizer, stored // CLAIMS_PER_DOCUMENT, count)
            stored = count * CLAIMS_PER_DOCUMENT
            print(f"built {stored:,} claims in {time.perf_counter() - began:.1f} s "
                  f"(Store.add {timings['store']:.1f} s, synthesis+keys {timings['keys']:.1f} s, "
                  f"index {timings['index']:.1f} s); file {base.stat().st_size / 2**20:.0f} MiB")
            link_once(base, work, ledger)  # warm-up, untimed
            runs = [link_once(base, work, ledger) for _ in range(args.repeat)]
            medians[size] = statistics.median(r.seconds for r in runs)
            embedding = statistics.median(r.embedding for r in runs)
            rests[size] = max(medians[size] - embedding, 1e-9)
            print(f"{stored:>9,} claims stored: link median {medians[size] * 1000:.1f} ms "
                  f"(runs {', '.join(f'{r.seconds * 1000:.0f}' for r in runs)} ms; {runs[0].relations} relations); "
                  f"embedding ~{embedding * 1000:.0f} ms of it, the rest ~{rests[size] * 1000:.0f} ms")
            if args.profile:
                profile = cProfile.Profile()
                link_once(base, work, ledger, profile)
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"claimgraph/", 30)
                print(out.getvalue())

    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = medians[large] / medians[small]
        verdict = "PASS" if ratio <= MAX_RATIO else "FAIL"
        print(f"ratio {large:,} / {small:,}: {ratio:.2f} (target <= {MAX_RATIO:g}): {verdict}")
        print(f"ratio without the embedding (for information): {rests[large] / rests[small]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
