"""Score claimgraph on the hand-marked gold sets with the shared scorer, and hold the accuracy floors.

    python eval/gold.py [--shared ../shared] [--check]

Runs the whole pipeline (stored and linked, as `claimgraph extract` does) on the founding article, the 12
Wikinews dev articles, the hand-marked multi-article stories (tests/gold) and the 18 texts across genres of
../shared/gold/genres-dev (transcripts, statements, debate, relaying news), writes the ledgers
to a temporary folder, scores them with ../shared/eval/score_ledger.py and prints its SUMMARY lines.
With --check, exits 1 when a figure falls below the floor pinned in FLOORS (the issue's bars for the
founding article; the measured figures, rounded down, for the dev set).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.model import Document, Ledger
from claimgraph.pipeline import ingest
from claimgraph.store import Store

SEED = "corpus/000_6063921b93890a6a.txt"
# Hand-marked multi-article stories (tests/gold/README.md); the texts are read from ../shared.
STORIES = Path(__file__).resolve().parents[1] / "tests" / "gold" / "stories-dev.json"
WIKINEWS = "corpus/wikinews-2019-2020.jsonl"
GENRES = "gold/genres-dev"
FLOORS = {
    "seed": "strict>=0.9,recall>=0.95,precision>=0.8,caption_leaks<=0,quantities>=0.9,times>=0.8,via>=0.75,"
            "certainty>=0.85,relations>=1.0,extra_contradictions<=3",
    "wikinews-dev": "recall>=0.95,strict>=0.8,stance>=0.9,certainty>=0.9,times>=0.9,caption_leaks<=0,relations>=0.5,"
                    "extra_contradictions<=3",
    "stories-dev": "recall>=0.95,strict>=0.85,caption_leaks<=0,relations>=0.7,extra_contradictions<=12",
    # Floors at the measured figures, rounded down. Corroborations of one stand, one judgement and one event
    # told with other verbs took relations from 9 to 14 of 31 and extra corroborations from 8 to 10 (among the
    # 10, two courts judging the advice unlawful and two governments opposing the incursion, which the gold
    # does not hold).
    "genres-dev": "recall>=0.96,strict>=0.87,source>=0.91,stance>=0.97,certainty>=0.95,via>=0.85,caption_leaks<=0,"
                  "relations>=0.45,extra_contradictions<=5,extra_corroborations<=10",
}


def ledger_for(documents: list[Document]) -> Ledger:
    """What `claimgraph extract` writes for these documents: stored and linked in an in-memory database."""
    with Store("sqlite://") as store:
        for part in ingest(documents, store):
            if isinstance(part, InputError):
                print(f"error: {part}", file=sys.stderr)
        return store.export()


def gold_documents(shared: Path, gold_path: Path) -> list[Document]:
    """The Wikinews articles a gold file names (read from ../shared, never from the repository)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    names = {d["name"] for d in gold["documents"]}
    return [d for d in read_inputs([str(shared / WIKINEWS)])
            if isinstance(d, Document) and d.name.rsplit("/", 1)[-1] in names]


def score(shared: Path, name: str, gold: Path, ledger: Ledger, out: Path, require: str | None) -> int:
    path = out / f"{name}.ledger.json"
    path.write_text(json.dumps(ledger.to_json(), ensure_ascii=False), "utf-8")
    command = [sys.executable, str(shared / "eval" / "score_ledger.py"), str(gold),
               str(path)] + (["--require", require] if require else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f"{name}: {result.stdout.strip()}")
    found = sum(r.kind == "contradicts" for r in ledger.relations)
    false = int(re.search(r"extra_contradictions=(\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    print(f"{name}: {found} contradictions, {found - false} in the gold, {false} not")
    if require and found and false >= found - false:
        print(f"{name}: FAILED more false contradictions than true ones")
        return 1
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    args = parser.parse_args()
    seed = [d for d in read_inputs([str(args.shared / SEED)]) if isinstance(d, Document)]
    genres = [d for d in read_inputs([str(args.shared / GENRES / "articles")]) if isinstance(d, Document)]
    sets = {
        "seed": (args.shared / "gold" / "seed.json", seed),
        "wikinews-dev": (args.shared / "gold" / "wikinews-dev.json", None),
        "stories-dev": (STORIES, None),
        "genres-dev": (args.shared / GENRES / "gold.json", genres),
    }
    codes = []
    with tempfile.TemporaryDirectory() as folder:
        for name, (gold, documents) in sets.items():
            documents = documents if documents is not None else gold_documents(args.shared, gold)
            codes.append(score(args.shared, name, gold, ledger_for(documents), Path(folder),
                               FLOORS[name] if args.check else None))
    return 1 if any(codes) else 0


if __name__ == "__main__":
    sys.exit(main())
