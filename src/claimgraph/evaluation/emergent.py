"""Score headline stance on Emergent (Ferreira & Vlachos, NAACL 2016) from claimgraph's ledgers.

Emergent pairs 300 rumoured claims with 2,595 news headlines, each labelled `for` (the headline states the
claim), `against` (it denies or debunks it) or `observing` (it reports the claim without taking a side:
"..., report says", "reportedly", "claims", a question). The split is the paper's: claims in test are
not in train. The published system (logistic regression over hand-built features) reaches 73% accuracy.

Each headline and each claim goes through the whole pipeline as a one-sentence document (closed with a full
stop where it has no closing punctuation, or the pipeline would take it for a heading). What the ledger
says of the headline becomes features (`features`): who asserts it (the author, a named source, "reports"),
with which stance and certainty, direct quotes, the cue and the words claimgraph's own lexicon
(annotate/data/cues.json) knows as hedges, denials and doubts; plus a comparison with the claim's ledger
(a negation the claim lacks, how many of the claim's words the headline shares). A multinomial logistic
regression over these features (`classify`), trained on the train split only by `training/emergent.py`,
gives the label; its weights are `learn/weights/emergent-stance.json`.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..annotate.lexicon import lexicon
from ..errors import InputError
from ..model import CERTAINTIES, Claim, Document, Ledger
from ..settings import Settings

__all__ = [
    "LABELS", "Pair", "accuracy_figures", "as_sentence", "classify", "evaluate", "features", "ledgers_of",
    "load_weights", "read_split",
]

LABELS = ("for", "against", "observing")
WEIGHTS = "emergent-stance.json"
NEGATIONS = {"not", "no", "never", "nor", "none", "nothing", "nobody", "neither"}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Pair:
    claim: str
    headline: str
    label: str
    claim_id: str


def read_split(split: str, data_dir: Path, limit: int | None = None) -> list[Pair]:
    """The pairs of `emergent_clean-<split>.csv`, in file order."""
    path = Path(data_dir) / f"emergent_clean-{split}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))[:limit]
    return [Pair(row["claimHeadline"], row["articleHeadline"], row["articleHeadlineStance"], row["claimId"])
            for row in rows]


def ledgers_of(texts: Iterable[str], settings: Settings | None = None) -> dict[str, Ledger]:
    """Each distinct text's ledger, all texts through one `extract` batch. A text the pipeline cannot
    analyse gets an empty ledger: for a headline that means no claim was found, itself a feature."""
    from ..pipeline import extract

    distinct = list(dict.fromkeys(texts))
    documents = [Document(name=f"emergent-{i}", text=as_sentence(text)) for i, text in enumerate(distinct)]
    return {text: Ledger(documents=[document]) if isinstance(result, InputError) else result
            for text, document, result in zip(distinct, documents, extract(documents, settings), strict=True)}


def as_sentence(headline: str) -> str:
    """The headline closed with a full stop when it has no closing punctuation: the pipeline takes a short
    unpunctuated line for an article's heading and finds no claim in it, but here the headline is the text."""
    stripped = headline.rstrip()
    return stripped if stripped[-1:] in ".?!\"'”’" else stripped + "."


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _has_phrase(words: Sequence[str], phrases: Iterable[str]) -> bool:
    """Any of the phrases, as whole words; a one-word entry also matches its -s, -d, -ed and -es forms, since
    the lexicon lists lemmas ("rumor") and a headline inflects them ("rumored")."""
    joined = f" {' '.join(words)} "
    present = set(words)
    for phrase in phrases:
        if " " in phrase:
            if f" {phrase} " in joined:
                return True
        elif present & {phrase, phrase + "s", phrase + "d", phrase + "ed", phrase + "es"}:
            return True
    return False


def _negation(words: Sequence[str]) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in words)


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text) if w not in _stop_words() and len(w) > 1}


def _negated(ledger: Ledger) -> bool:
    return any(p.negated for claim in ledger.claims for p in claim.predicates)


def _attributed(claim: Claim) -> bool:
    return claim.source.kind != "author"


def features(claim: Ledger, headline: Ledger) -> dict[str, float]:
    """What the headline's ledger says, and how it compares with the claim's; every value is 0..1."""
    cues = lexicon("cues")
    text = headline.documents[0].text if headline.documents else ""
    words = _words(text)
    found = headline.claims
    certainty = max((CERTAINTIES.index(c.certainty) for c in found), default=0)
    claim_text = claim.documents[0].text if claim.documents else ""
    claim_text_words = _words(claim_text)
    claim_words = _content_words(claim_text)
    shared = len(claim_words & _content_words(text)) / len(claim_words) if claim_words else 0.0
    values = {
        "no claim": not found,
        "author asserts": any(not _attributed(c) and c.stance == "asserts" for c in found),
        "reports": any(c.source.kind == "anonymous" for c in found),
        "named source": any(_attributed(c) and c.source.kind != "anonymous" for c in found),
        "denies": any(c.stance == "denies" for c in found),
        "doubts": any(c.stance == "doubts" for c in found),
        "declines": any(c.stance == "declines" for c in found),
        "probable": certainty == CERTAINTIES.index("probable"),
        "possible": certainty == CERTAINTIES.index("possible"),
        "conditional": certainty == CERTAINTIES.index("conditional"),
        "direct quote": any(c.quote in ("direct", "mixed") for c in found),
        "question": "?" in text,
        "hedge word": _has_phrase(words, (w for level in cues["hedges"].values() for w in level)),
        "hearsay word": _has_phrase(words, cues["passive_hearsay"]) or _has_phrase(words, cues["report_nouns"]),
        "denial word": _has_phrase(words, cues["denial_words"]),
        # a cue verb that denies, doubts or declines, also where the parse of a title-case headline missed the frame
        "denying verb": _has_phrase(words, (v for v, stance in cues["speech_verbs"].items() if stance != "asserts")),
        "doubt phrase": _has_phrase(words, cues["doubt_phrases"]),
        "negated, claim not": _negated(headline) and not _negated(claim),
        "claim negated, headline not": _negated(claim) and not _negated(headline),
        "negation word, claim none": _negation(words) and not _negation(claim_text_words),
        "negation word in both": _negation(words) and _negation(claim_text_words),
        "shared claim words": shared,
        "few shared claim words": shared < 0.25,
    }
    return {name: float(value) for name, value in values.items()}


@cache
def load_weights() -> dict:
    """The trained model: `features` (names, in order), `labels`, `weights` (one row per label) and `bias`."""
    text = resources.files("claimgraph.learn").joinpath("weights", WEIGHTS).read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def probabilities(values: dict[str, float], model: dict) -> list[float]:
    """Softmax over the labels of a linear model in `load_weights`'s format."""
    scores = [bias + sum(w * values[name] for w, name in zip(row, model["features"], strict=True))
              for row, bias in zip(model["weights"], model["bias"], strict=True)]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return [e / sum(exps) for e in exps]


def classify(values: dict[str, float], model: dict | None = None) -> str:
    model = model or load_weights()
    scores = probabilities(values, model)
    return str(model["labels"][scores.index(max(scores))])


def accuracy_figures(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Accuracy and per-label P/R/F1 (0-100), the confusion matrix (gold -> predicted -> count), the counts,
    and the majority-label baseline (always the commonest gold label)."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    total = len(gold)
    correct = sum(confusion[label][label] for label in LABELS)
    per_label = {}
    for label in LABELS:
        tp, in_gold = confusion[label][label], sum(confusion[label].values())
        in_pred = sum(confusion[g][label] for g in LABELS)
        precision = 100 * tp / in_pred if in_pred else 0.0
        recall = 100 * tp / in_gold if in_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"p": round(precision, 2), "r": round(recall, 2), "f1": round(f1, 2), "gold": in_gold}
    commonest = max(LABELS, key=lambda label: sum(confusion[label].values()))
    return {
        "accuracy": round(100 * correct / total, 2) if total else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per_label.values()) / len(LABELS), 2),
        "per_label": per_label,
        "confusion": confusion,
        "pairs": total,
        "majority_baseline": {"label": commonest,
                              "accuracy": round(100 * sum(confusion[commonest].values()) / total, 2) if total else 0.0},
    }


def evaluate(split: str, data_dir: Path, limit: int | None = None, settings: Settings | None = None) -> dict:
    """Figures for one split with the shipped weights."""
    pairs = read_split(split, data_dir, limit)
    ledgers = ledgers_of([text for pair in pairs for text in (pair.claim, pair.headline)], settings)
    predicted = [classify(features(ledgers[pair.claim], ledgers[pair.headline])) for pair in pairs]
    result = accuracy_figures([pair.label for pair in pairs], predicted)
    result["split"] = split
    return result
