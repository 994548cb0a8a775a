"""spaCy component `claimgraph_quantities`: the figures in a Doc and what each counts.

Figures are found token by token rather than from NER alone, because the small model misses number
words and splits ranges ("11,000 to 12,000" comes out as two CARDINALs). A figure is a core of number
tokens ("1.2 million", "twenty-five", "1.5m", "3 000", "tens of thousands", "11,000-12,000", "40%")
grown left over a currency sign and a qualifier ("at least", "about", "between"). Its meaning comes
from `claimgraph.resolve.numbers.parse_quantity`, so the component and the contradiction rules agree.

What a figure counts comes from the dependency parse: the noun it modifies ("12,000 troops" -> troop,
"six North Koreans" -> north korean, "a 10,000-strong force" -> force) or the object of its "of"
("dozens of drones" -> drone). Currency and percent signs override: "$2 billion" -> dollar.

Not figures: numbers inside names, dates and times (any entity that is not CARDINAL, QUANTITY, MONEY
or PERCENT: "2019", "October 3", "5 pm", "Article 5"), ordinals ("third", "2nd"), years written bare
("in 2024"), labels after a noun ("Room 101"), model names ("Su-34"), and "one" unless it counts a
noun ("one of the largest", "no one"). Ages are kept: "a 21-year-old" -> 21, unit year.

Writes doc.spans["quantities"] (label "QUANTITY") and each span's `._.quantity` (a model.Quantity
whose text is the figure, not the noun).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import claimgraph.annotate.extensions  # noqa: F401  (registers Span._.quantity)
from claimgraph.annotate.quantity_events import COUNT_NOUNS, event_of, passed
from claimgraph.model import Quantity
from claimgraph.resolve.numbers import parse_number, parse_quantity, words

__all__ = ["QuantityFinder", "find_quantities"]

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
AGE_UNITS = frozenset({"year", "month", "week", "day"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_SUFFIXES = frozenset({"%", "percent", "pc"})


def _is_number(token: Token) -> bool:
    """Whether a token can be part of a figure: "12,000", "six", "3.5bn", "million", "dozens", "1,000s"."""
    lower = token.lower_
    if lower in words()["ordinals"] or _ORDINAL.fullmatch(lower):
        return False
    return token.like_num or _parses(token.text)


@lru_cache(maxsize=2**16)
def _parses(text: str) -> bool:
    """Whether one token's text reads as a figure. Every token of every article is asked, and most are the
    same few thousand words: parsing each anew took a tenth of `claimgraph extract`'s time (cProfile, 120
    Wikinews articles)."""
    return parse_quantity(text) is not None


def _continues(doc: Doc, j: int, start: int) -> int:
    """How many tokens at j extend the figure that begins at start (0: none)."""
    token, w = doc[j], words()
    before = doc[start - 1].lower_ if start > 0 else ""
    if doc[j - 1].lower_ in _SUFFIXES and not (before == "between" and token.lower_ == "and"):
        return 0  # "down 0.6% to 309,381 yen": a change, not a range
    glued = doc[j - 1].whitespace_ == ""
    if _is_number(token) or token.lower_ in _SUFFIXES or (glued and token.lower_ in w["suffixes"]):
        return 1
    if token.lower_ in w["fractions"]:  # "two thirds"
        return 1
    if token.lower_ == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
        return 2
    if token.lower_ in ("and", "a"):  # "between 10 and 20", "one hundred and five", "two and a half",
        for step in (3, 2):  # "half a million"; not "10 and 20"
            spoken = j + step <= len(doc) and parse_number(doc[start : j + step].text) is not None
            if spoken or (step == 2 and before == "between" and token.lower_ == "and"):
                return step
        return 0
    if j + 1 >= len(doc) or not _is_number(doc[j + 1]):
        return 0
    if token.lower_ == "to":  # "rose from 10 to 20" is two figures
        return 0 if before == "from" else 2
    return 2 if token.lower_ in {"-", "–", "—", "or", "of"} else 0


@cache
def _prefixes() -> frozenset[str]:
    w = words()
    return frozenset([*w["qualifiers"], *w["vague_determiners"], *w["currencies"], "a", "an", "between"])


def _grow_left(doc: Doc, start: int, end: int) -> int:
    """Extend the figure over an article, a vague determiner, a currency sign, then a qualifier."""
    prefixes = _prefixes()
    for _ in range(3):  # article or determiner, currency, qualifier
        for size in (3, 2, 1):
            if start - size < 0:
                continue
            phrase = " ".join(t.lower_ for t in doc[start - size : start])
            if phrase in prefixes and parse_quantity(doc[start - size : end].text) is not None:
                start -= size
                break
        else:
            return start
    return start


def _is_age(doc: Doc, end: int) -> bool:
    """ "21-year-old", "21 years old"."""
    rest = [t.lower_ for t in doc[end : end + 4] if t.text != "-"]
    old = rest[1:2] == ["old"] or rest[1:3] == ["of", "age"]
    return len(rest) >= 2 and rest[0].rstrip("s") in AGE_UNITS and old


def _unit_phrase(noun: Token, figure: Span) -> str:
    """The counted noun's lowercased singular lemma, with the nouns compounded before it."""
    parts = [
        t for t in noun.lefts
        if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") and not (figure.start <= t.i < figure.end)
    ]
    lemma = noun.lemma_.lower()
    if noun.tag_ == "NNPS":  # the lemmatizer leaves plural proper nouns alone: "Koreans"
        lemma = lemma[:-3] + "y" if lemma.endswith("ies") else lemma.removesuffix("s")
    unit = " ".join([*(t.lemma_.lower() for t in parts), lemma])
    return words()["rates"].get(f"{unit} per {period}" if (period := _per_period(noun)) else unit, unit)


def _per_period(noun: Token) -> str | None:
    """The time a rate is per: "miles per hour", "kilometres an hour" -> "hour"."""
    for child in noun.rights:
        if child.lower_ == "per":
            child = next((t for t in child.rights if t.dep_ == "pobj"), child)
        elif not (child.dep_ == "npadvmod" and any(t.lower_ in ("a", "an") for t in child.lefts)):
            continue
        if child.lemma_.lower() in words()["time_units"]:
            return child.lemma_.lower()
    return None


def _counted(figure: Span) -> str | None:
    """What the figure counts: the noun it modifies, or the object of its "of"."""
    root = figure.root
    head = root.head
    if head.lower_ == "strong" and head.head.pos_ == "NOUN":  # "a 10,000-strong force"
        head = head.head
    if head.i >= figure.end and head.pos_ in ("NOUN", "PROPN") and root.dep_ != "appos":
        return _unit_phrase(head, figure)
    for prep in root.rights:
        if prep.lower_ == "of":
            objects = [t for t in prep.rights if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN")]
            if objects:
                return _unit_phrase(objects[0], figure)
    return None


def _is_figure(doc: Doc, start: int, end: int) -> bool:
    """Reject cores that are names, dates, times, bare years, labels or a pronoun "one"."""
    core = doc[start:end]
    counted = _counted(core)
    # The small model tags some counts as DATE ("42 people"): a count of a noun that is no time unit wins.
    counts = counted is not None and counted.split()[-1] not in words()["time_units"]
    labels = {t.ent_type_ for t in core if t.ent_type_ and t.ent_type_ not in NUMERIC_LABELS}
    if labels and not (_is_age(doc, end) or (labels <= {"DATE", "TIME"} and counts)):
        return False
    hyphen = doc[start - 1] if start >= 2 else None
    if hyphen is not None and hyphen.text == "-" and not hyphen.whitespace_ and doc[start - 2].is_alpha:
        return False  # "Su-34"
    root = core.root
    if root.dep_ == "nummod" and root.head.i < start and root.head.lower_ not in words()["currencies"]:
        return False  # "Article 5", "Room 101"; not "USD 200"
    text = core.text
    if re.fullmatch(r"\d{4}", text) and 1000 <= int(text) < 2200 and not counts:
        return False  # a bare year
    return not (core.text.lower() == "one" and root.dep_ != "nummod")


def find_quantities(doc: Doc) -> list[Span]:
    """The figures in `doc`, left to right, each with `._.quantity` set."""
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        if not _is_number(doc[i]):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and (step := _continues(doc, end, i)):
            if parse_quantity(doc[i : end + step].text) is None:
                break
            end += step
        if _is_figure(doc, i, end):
            start = _grow_left(doc, i, end)
            quantity = parse_quantity(doc[start:end].text)
            if quantity is not None:
                spans.append(_annotate(doc, start, end, i, quantity))
        i = end
    return spans


def _annotate(doc: Doc, start: int, end: int, core_start: int, quantity: Quantity) -> Span:
    span = Span(doc, start, end, label="QUANTITY")
    counted = _counted(doc[core_start:end])
    unit = quantity.unit or words()["currencies"].get(counted or "", counted)  # "50 million usd"
    if _is_age(doc, end):
        unit = "year"
    event = event_of(span)
    if event in COUNT_NOUNS:
        unit = event  # "53 measles-related deaths" counts deaths
    quantity = replace(quantity, unit=unit, event=event)
    if quantity.qualifier is None and passed(span):
        # "cases surpassed one million": a lower bound, as "more than one million" would be
        quantity = replace(quantity, qualifier="more than", low=quantity.value, high=None)
    span._.quantity = quantity
    return span


class QuantityFinder:
    """The pipeline component: writes doc.spans[spans_key]."""

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = find_quantities(doc)
        return doc


@Language.factory(
    "claimgraph_quantities", assigns=["doc.spans"], default_config={"spans_key": "quantities"},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantityFinder:
    return QuantityFinder(spans_key)
