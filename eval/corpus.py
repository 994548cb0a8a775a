"""Run the whole pipeline over a corpus and print claims per article and who the sources are.

    python eval/corpus.py [PATH] [--top 10]

Defaults to ../shared/corpus/wikinews-2019-2020.jsonl (282 articles). Prints, per article, its claims
and the share of claims whose source is resolved to a named, non-author source; then the totals and
words per second. Exits 1 if any article fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.model import Claim, Document
from claimgraph.pipeline import extract


def attributed(claim: Claim) -> bool:
    """A source with a name: not the author's voice, not an unnamed 'reports'."""
    return claim.source.kind not in ("author", "anonymous") and bool(claim.source.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default="../shared/corpus/wikinews-2019-2020.jsonl")
    parser.add_argument("--quiet", action="store_true", help="print the totals only")
    args = parser.parse_args()
    documents: list[Document] = []
    failures = 0
    for item in read_inputs([args.path]):
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            failures += 1
        else:
            documents.append(item)
    started = time.perf_counter()
    claims = named = words = 0
    kinds: Counter[str] = Counter()
    for ledger in extract(documents):
        if isinstance(ledger, InputError):
            print(f"error: {ledger}", file=sys.stderr)
            failures += 1
            continue
        document = ledger.documents[0]
        story = [c for c in ledger.claims if not c.caption]
        share = sum(map(attributed, story)) / max(len(story), 1)
        claims += len(story)
        named += sum(map(attributed, story))
        words += len(document.text.split())
        kinds.update(c.source.kind for c in story)
        if not args.quiet:
            print(f"{len(story):4d} claims  {share:6.1%} named sources  {document.title or document.name}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(documents)} articles, {claims} claims ({claims / max(len(documents), 1):.1f} per article), "
          f"{named / max(claims, 1):.1%} with a resolved, non-author source; {words / elapsed:,.0f} words/s")
    print("source kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
