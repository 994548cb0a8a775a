"""Draw contradictions at random from the Wikinews corpus, for a person to judge whether each is real.

    python eval/disputes_sample.py [--shared ../shared] [--extracted /tmp/claimgraph-wikinews.db]
                                   [--count 30] [--seed 30]

Extraction of the 282 articles takes minutes and does not depend on the link stage, so its claims are
kept in a SQLite database (`--extracted`, made on the first run with `ingest(..., link=False)`). Every
run links those stored claims afresh, article by article in ingestion order, exactly as `claimgraph
ingest` does (within-article relations, then the incremental linker against everything stored before),
so a change to link/ is judged on a new draw in seconds. It then draws `--count` contradictions (within
and across articles) with a fixed seed and prints each pair: sources, stance, evidence, the explanation,
documents and dates. The judging rule and the counts are in the README ("Accuracy").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.link.linker import Linker
from claimgraph.link.within import link_within_document
from claimgraph.model import Claim, Document, Ledger, Relation
from claimgraph.pipeline import ingest
from claimgraph.store import Store

CORPUS = "corpus/wikinews-2019-2020.jsonl"


def extracted(shared: Path, path: Path) -> Store:
    """The corpus's documents and claims, unlinked; extracted on the first run and reused afterwards."""
    fresh = not path.exists()
    store = Store(str(path))
    if fresh:
        documents = [d for d in read_inputs([str(shared / CORPUS)]) if isinstance(d, Document)]
        for part in ingest(documents, store, link=False):
            if isinstance(part, InputError):
                print(f"error: {part}", file=sys.stderr)
    return store


def relink(source: Store, target: Store) -> None:
    """Store and link each article of `source` into `target` in order, as ingestion does."""
    linker = Linker(target)
    for document in source.documents():
        claims = source.claims(document=document.id)
        part = Ledger(documents=[document], claims=claims, relations=link_within_document(claims))
        target.add_article(part, linker.link(part, within=part.relations))


def show(number: int, relation: Relation, claims: dict[str, Claim], documents: dict[str, Document]) -> str:
    lines = [f"#{number} {relation.kind} ({relation.basis}): {relation.explanation}"]
    for claim in (claims[relation.a], claims[relation.b]):
        document = documents[claim.document]
        date = document.published.value if document.published else "no date"
        lines.append(f"  [{claim.source.name} | {claim.stance} | {document.id} {date} | {document.title}]")
        lines.append(f"    {' '.join(claim.evidence.split())}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--extracted", default=Path(tempfile.gettempdir()) / "claimgraph-wikinews.db", type=Path)
    parser.add_argument("--count", default=30, type=int)
    parser.add_argument("--seed", default=30, type=int)
    parser.add_argument("--ledger", type=Path, help="also write the linked ledger (claimgraph/v1 JSON) here")
    args = parser.parse_args()
    with extracted(args.shared, args.extracted) as source, Store("sqlite://") as linked:
        relink(source, linked)
        ledger = linked.export()
    if args.ledger:
        args.ledger.write_text(json.dumps(ledger.to_json(), ensure_ascii=False), "utf-8")
    claims = {c.id: c for c in ledger.claims}
    documents = {d.id: d for d in ledger.documents}
    contradictions = sorted((r for r in ledger.relations if r.kind == "contradicts"), key=lambda r: (r.a, r.b))
    corroborations = sum(r.kind == "corroborates" for r in ledger.relations)
    across = sum(claims[r.a].document != claims[r.b].document for r in contradictions)
    bases = Counter(r.basis for r in contradictions)
    print(f"{len(documents)} articles, {len(claims)} claims; {len(contradictions)} contradictions ({across} across "
          f"articles; {', '.join(f'{b} {n}' for b, n in sorted(bases.items()))}), {corroborations} corroborations")
    drawn = random.Random(args.seed).sample(contradictions, min(args.count, len(contradictions)))
    for number, relation in enumerate(drawn, start=1):
        print()
        print(show(number, relation, claims, documents))
    return 0


if __name__ == "__main__":
    sys.exit(main())
