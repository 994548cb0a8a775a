"""Score claimgraph's attributions against PolNeAR (Newell et al., 2018), following CofeNet's protocol.

CofeNet (Wang et al., COLING 2022) scores three roles, source, cue and content, as spans: each role's
spans in a text are matched on their own, and a prediction counts when its span is exactly a gold one.
Its released PolNeAR data tags every annotation file as a token sequence (BIO), so what it scores are
the distinct contiguous pieces of each role; nested attributions, shared sources and discontinuous spans
all end up as plain pieces. This module does the same on character offsets, with these choices:

* Fragments. A role's unit is one contiguous fragment, as in CofeNet's BIO spans. A discontinuous cue
  ("cited ... as saying") is two fragments, each matched on its own; in a whole attribution a role
  matches exactly only when all its fragments match. Fragments are trimmed of whitespace and joined when
  only whitespace separates them; each distinct fragment counts once per document (a source shared by
  two attributions is one gold source, as in a BIO sequence). PolNeAR's `Content2` is more content.
* Matching. `exact`: the same character offsets. `overlap`: at least one shared character, one-to-one,
  greedy by the size of the overlap. `exact_trimmed` (not in CofeNet) also strips edge punctuation and
  quote marks, which PolNeAR's annotators place inconsistently, to tell boundary slips from misses.
* Whole attributions: gold and predicted (source, cue, content) triples, one-to-one; all three roles
  must match (a missing source matches only a missing source).
* Content types: a gold content fragment is direct when all its letters and digits lie inside quotation
  marks, indirect when none do, mixed otherwise. Recall counts gold fragments of a type; precision counts
  predictions matched to gold of that type, plus unmatched predictions of that type by their own quotes.
* Annotators. Most articles have one annotation file; a few dev and test articles were annotated by six
  annotators. The main figures take one file per article, the first annotator id in sorted order, so that
  no article weighs six times. CofeNet names each instance after its annotation file, which suggests it
  kept every file; `per_annotator_files` reports that count too (every file its own document).
* Predictions: every claimgraph frame with a cue except "author" frames; a source with an appositive ends on
  the comma that closes the appositive, as PolNeAR's annotators mark it. A continuation quote (a quoted
  sentence with no cue of its own) is, by PolNeAR's guidelines ("content continuations should be included
  in the attribution"), more content of its speaker's attribution, so it joins that content as a fragment.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ROLES", "Article", "Attribution", "attributions_from_doc", "content_type", "evaluate", "normalize",
    "parse_ann", "predict", "read_split", "score",
]

Span = tuple[int, int]
Fragments = tuple[Span, ...]
ROLES = ("source", "cue", "content")
TYPES = ("direct", "mixed", "indirect")
MODES = ("exact", "exact_trimmed", "overlap")
_TRIM = string.whitespace + string.punctuation + "“”‘’«»—–…"
_LINE = re.compile(r"^([TE]\d+)\t(.*)$")


@dataclass(frozen=True)
class Attribution:
    source: Fragments  # () when the source is implicit (PolNeAR's Attribution-no-source)
    cue: Fragments
    content: Fragments


@dataclass
class Article:
    name: str
    text: str
    annotations: dict[str, list[Attribution]] = field(default_factory=dict)  # annotator id -> attributions


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """Attributions of one brat .ann file. Span text may run over several lines: only T/E lines count."""
    spans: dict[str, Fragments] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        ident, rest = match.groups()
        if ident.startswith("T"):
            label_offsets = rest.split("\t", 1)[0]
            offsets = label_offsets.split(" ", 1)[1]
            spans[ident] = tuple(tuple(int(n) for n in part.split()) for part in offsets.split(";"))  # type: ignore[misc]
        else:
            events.append(rest.split())
    found: list[Attribution] = []
    for args in events:
        roles: dict[str, list[Span]] = {role: [] for role in ROLES}
        for arg in args:
            role, _, ref = arg.partition(":")
            role = "content" if role.startswith("Content") else role.lower()
            if role in roles and ref in spans:
                roles[role].extend(spans[ref])
        if roles["content"] or roles["cue"]:
            found.append(Attribution(*(normalize(text, roles[role]) for role in ROLES)))
    return found


def read_split(split: str, data_dir: Path, limit: int | None = None) -> list[Article]:
    """Articles of a split, sorted by name, each with its attributions per annotator (file suffix)."""
    root = Path(data_dir) / split
    articles = []
    for path in sorted((root / "text").glob("*.txt"))[:limit]:
        with path.open(encoding="utf-8", newline="") as file:  # brat offsets count any "\r" too
            text = file.read()
        article = Article(path.stem, text)
        for ann in sorted((root / "attributions").glob(f"{path.stem}_*.ann")):
            annotator = ann.stem[len(path.stem) + 1 :]
            article.annotations[annotator] = parse_ann(ann.read_text(encoding="utf-8"), text)
        articles.append(article)
    return articles


def normalize(text: str, spans: Iterable[Span], chars: str = string.whitespace) -> Fragments:
    """Sorted fragments trimmed of `chars`, joined where only whitespace lies between them."""
    trimmed = []
    for span in sorted(spans):
        start, end = _strip(text, span, chars)
        if start == end and chars != string.whitespace:
            start, end = _strip(text, span, string.whitespace)  # a cue that is only ":" stays ":"
        if start < end:
            trimmed.append((start, end))
    merged: list[Span] = []
    for start, end in trimmed:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _strip(text: str, span: Span, chars: str) -> Span:
    start, end = span
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def attributions_from_doc(doc: Doc) -> list[Attribution]:
    """PolNeAR-style attributions of claimgraph's frames (see the module docstring for the mapping)."""
    text, frames = doc.text, doc._.frames

    def chars(start: int, end: int) -> Span:
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)

    roles: dict[int, tuple[list[Span], list[Span], list[Span]]] = {}
    for i, frame in enumerate(frames):
        if frame.kind in ("author", "continuation") or not frame.cue:
            continue
        spans = frame.marked or frame
        source = [_closing_comma(text, chars(*spans.source))] if spans.source else []
        cue = [chars(t, t + 1) for t in spans.cue]
        roles[i] = (source, cue, [chars(*spans.content)])
    for frame in frames:
        if frame.kind == "continuation" and frame.outer in roles:
            roles[frame.outer][2].append(chars(*(frame.marked or frame).content))
    found = {Attribution(*(normalize(text, spans) for spans in parts)) for parts in roles.values()}
    return sorted(found, key=lambda a: (a.content, a.cue, a.source))


def _closing_comma(text: str, span: Span) -> Span:
    """PolNeAR's annotators end a source with an appositive on the comma that closes it ("Phil Lovas, the
    state's campaign chairman,"); claimgraph's mention stops before it. Only the span's edge moves."""
    start, end = span
    if "," in text[start:end] and text[end : end + 1] == ",":
        return start, end + 1
    return span


def predict(nlp: Language, text: str) -> list[Attribution]:
    return attributions_from_doc(nlp(text))


def _shared(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _greedy(gold: list, pred: list, weight: Callable) -> list[tuple[int, int]]:
    """One-to-one pairs, heaviest first; `weight` gives a positive number for a possible pair, else None."""
    pairs = []
    for g, x in enumerate(gold):
        for p, y in enumerate(pred):
            w = weight(x, y)
            if w is not None:
                pairs.append((-w, g, p))
    used_g, used_p, matched = set(), set(), []
    for _, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g), used_p.add(p)
            matched.append((g, p))
    return matched


def _role_weight(mode: str) -> Callable[[Fragments, Fragments], float | None]:
    if mode == "overlap":
        return lambda a, b: _shared(a, b) or None
    return lambda a, b: 1.0 if a == b else None


def _attribution_weight(mode: str) -> Callable[[Attribution, Attribution], float | None]:
    def weight(a: Attribution, b: Attribution) -> float | None:
        total = 0.0
        for role in ROLES:
            x, y = getattr(a, role), getattr(b, role)
            if not x and not y:
                continue
            w = _role_weight(mode)(x, y) if x and y else None
            if w is None:
                return None
            total += w
        return total

    return weight


def content_type(text: str, fragments: Fragments) -> str:
    """direct / mixed / indirect by how many of the letters and digits lie inside quotation marks."""
    inside = total = 0
    mask = _quoted(text)
    for start, end in fragments:
        for i in range(start, end):
            if text[i].isalnum():
                total += 1
                inside += mask[i]
    if total and inside == total:
        return "direct"
    return "mixed" if inside else "indirect"


@lru_cache(maxsize=8)
def _quoted(text: str) -> list[bool]:
    """Per character: inside a quotation? Curly quotes open and close; a straight one toggles; a line
    break ends any quotation (a quotation running over paragraphs opens again in each)."""
    mask, inside = [False] * len(text), False
    for i, ch in enumerate(text):
        if ch == "\n" or ch in "”»":
            inside = False
        elif ch in "“«":
            inside = True
        elif ch == '"':
            inside = not inside
        else:
            mask[i] = inside
    return mask


def _units(text: str, attributions: list[Attribution], role: str, mode: str) -> list[Fragments]:
    """Distinct single fragments of one role (CofeNet's BIO spans), trimmed for `exact_trimmed`."""
    chars = _TRIM if mode == "exact_trimmed" else string.whitespace
    units = {normalize(text, [span], chars) for a in attributions for span in getattr(a, role)}
    return sorted(u for u in units if u)


def _trimmed(text: str, a: Attribution) -> Attribution:
    return Attribution(*(normalize(text, getattr(a, role), _TRIM) for role in ROLES))


def score(documents: Iterable[tuple[str, list[Attribution], list[Attribution]]]) -> dict:
    """Micro-averaged P/R/F1 (0-100) over (text, gold, predicted) documents, per mode, role and type."""
    counts = {m: {r: [0, 0, 0] for r in (*ROLES, "attribution")} for m in MODES}  # tp, gold, pred
    types = {m: {t: [0, 0, 0] for t in TYPES} for m in MODES}
    for text, gold, pred in documents:
        for mode in MODES:
            for role in ROLES:
                g, p = _units(text, gold, role, mode), _units(text, pred, role, mode)
                matched = _greedy(g, p, _role_weight(mode))
                _add(counts[mode][role], len(matched), len(g), len(p))
                if role == "content":
                    _add_types(types[mode], text, g, p, matched)
            g_att, p_att = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
            if mode == "exact_trimmed":
                g_att, p_att = [_trimmed(text, a) for a in g_att], [_trimmed(text, a) for a in p_att]
            matched = _greedy(g_att, p_att, _attribution_weight(mode))
            _add(counts[mode]["attribution"], len(matched), len(g_att), len(p_att))
    result: dict = {m: {r: _prf(*c) for r, c in roles.items()} for m, roles in counts.items()}
    result["content_types"] = {m: {t: {**_prf(*c), "gold": c[1], "pred": c[2]} for t, c in ts.items()}
                               for m, ts in types.items()}
    result["counts"] = {"gold": {r: c[1] for r, c in counts["exact"].items()},
                        "pred": {r: c[2] for r, c in counts["exact"].items()}}
    return result


def _add(total: list[int], *numbers: int) -> None:  # [tp, gold, pred] += numbers
    total[:] = [a + b for a, b in zip(total, numbers, strict=True)]


def _add_types(total: dict, text: str, gold: list, pred: list, matched: list[tuple[int, int]]) -> None:
    paired = dict((p, g) for g, p in matched)
    for unit in gold:
        total[content_type(text, unit)][1] += 1
    for p, unit in enumerate(pred):
        kind = content_type(text, gold[paired[p]] if p in paired else unit)
        total[kind][2] += 1
        total[kind][0] += p in paired


def _prf(tp: int, gold: int, pred: int) -> dict[str, float]:
    p = 100 * tp / pred if pred else 0.0
    r = 100 * tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 2), "r": round(r, 2), "f1": round(f1, 2)}


def evaluate(split: str, data_dir: Path, nlp: Language | None = None, limit: int | None = None) -> dict:
    """Figures for one split: the main ones on one annotation file per article (the first annotator id in
    sorted order), and `per_annotator_files` with every file counted as its own document."""
    if nlp is None:
        from ..pipeline import build_nlp

        nlp = build_nlp()
    articles = read_split(split, data_dir, limit)
    predicted = [attributions_from_doc(doc) for doc in nlp.pipe(a.text for a in articles)]
    first = [(a.text, a.annotations[min(a.annotations)], p) for a, p in zip(articles, predicted, strict=True)
             if a.annotations]
    every = [(a.text, gold, p) for a, p in zip(articles, predicted, strict=True) for gold in a.annotations.values()]
    result = score(first)
    result["counts"].update(articles=len(first), annotation_files=sum(len(a.annotations) for a in articles))
    result["per_annotator_files"] = score(every)
    result["per_annotator_files"]["counts"]["documents"] = len(every)
    result["split"] = split
    return result
