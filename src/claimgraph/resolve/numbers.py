"""Figures as news writes them, parsed without spaCy: "12,000", "1.2 million", "twenty-five", "3.5bn",
"at least 3,000", "between 11,000 and 12,000", "tens of thousands".

Contradictions are found by comparing figures, so a figure must keep what its words commit to: a
qualifier or a range becomes `low`/`high` bounds on the `Quantity`, and `quantities_conflict` compares
those bounds the way a reader would. The words live in annotate/data/quantities.json so that the spaCy
component and this module agree on them.

Conventions (calibrated on ../shared/data/quantity/probe and news style):

* exact figure: low = high = value.
* "about/around/some N": approximate, bounds N ± `APPROX_TOLERANCE` (10%); "nearly/almost N": [0.9N, N];
  "just over N": [N, 1.1N]. Writers round hedged figures to one or two significant digits, so 10%
  keeps "about 10,000" apart from 12,000 without splitting "about 10,000" from 10,500.
* "at least N": low = N, high None; "more than N" is strict: low = N + 1 for whole numbers (not for
  percentages). "up to N": high = N; "fewer than N": high = N - 1 for whole numbers.
* ranges ("11,000 to 12,000", "11,000-12,000", "between 11,000 and 12,000", "two or three"): bounds are
  the ends, value is the midpoint (a reader's best single figure), approximate, qualifier "between".
* vague plurals ("dozens", "hundreds", "1,000s", "tens of thousands", "several hundred"): "hundreds"
  means 200-999 (100-199 would be "a hundred"), so a plural of magnitude M spans [2M, next power of ten
  - 1]; value is the midpoint, rounded; approximate. `parse_number` returns None for them: they are not
  one figure.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from claimgraph.model import Quantity

__all__ = [
    "APPROX_TOLERANCE",
    "OPEN_BOUND_FACTOR",
    "parse_number",
    "parse_quantity",
    "qualifier_kind",
    "quantities_conflict",
    "ranges_overlap",
    "words",
]

DATA = Path(__file__).resolve().parent.parent / "annotate" / "data" / "quantities.json"
APPROX_TOLERANCE = 0.10
# An open bound is read as near its figure: "at least 3,000" reads as 3,000-3,750, not "any number
# above 3,000", so it conflicts with "about 10,000" although both could be true. 1.25 rather than 2:
# on the Wikinews dev gold, "as many as 32 hospitalised" is marked as disputing "24 people".
OPEN_BOUND_FACTOR = 1.25

_SPACES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SPACED_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?=\.\d|(?![\d,.]))")
_RATIO = re.compile(r"(.+?) (?:over|out of|in) (.+)")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+")
_ATOM = re.compile(r"\d+(?:\.\d+)?e[+-]?\d+|(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:/\d+)?[a-z]*|[a-z]+|\S")
_LITERAL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?([a-z]*)")
_SEPARATOR = re.compile(r" ?(?:\bto\b|-|\bor\b|\band\b) ?")


@cache
def words() -> dict[str, Any]:
    """The number and qualifier vocabulary (annotate/data/quantities.json)."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def _normalize(text: str) -> str:
    text = re.sub(r"\s+", " ", text.translate(_SPACES)).strip().lower().rstrip(".,;:!?")
    return _SPACED_THOUSANDS.sub(lambda m: m.group().replace(" ", ""), text)


@cache
def _unit_signs() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Currency signs and words with their units, and percent signs, longest first ("us$" before "$")."""
    w = words()
    currencies = tuple(sorted(w["currencies"].items(), key=lambda kv: -len(kv[0])))
    return currencies, tuple(sorted(w["percent"], key=len, reverse=True))


def _strip_unit(text: str) -> tuple[str, str | None]:
    """Split a currency sign/word or a percent sign/word off the figure: "$2 billion" -> "2 billion"."""
    currencies, percent = _unit_signs()
    for sign, unit in currencies:
        if not sign.isalpha() and text.startswith(sign):
            return text[len(sign):].strip(), unit
        if sign.isalpha() and text.endswith(" " + sign):
            return text[: -len(sign)].strip(), unit
        if sign.isalpha() and len(sign) == 3 and text.startswith(sign + " "):  # "usd 200"
            return text[len(sign):].strip(), unit
    for sign in percent:
        if text.endswith(sign) and (not sign.isalpha() or text[: -len(sign)].endswith((" ", *"0123456789"))):
            return text[: -len(sign)].strip(), "percent"
    return text, None


def _literal(atom: str) -> float | None:
    """A written-in-digits number, with a news suffix: "12,000", "18.9", ".08", "3.5bn", "1/2"."""
    if "/" in atom:
        num, _, den = atom.partition("/")
        return float(num) / float(den) if num.isdigit() and den.isdigit() and float(den) else None
    if _SCIENTIFIC.fullmatch(atom):
        return float(atom)
    match = _LITERAL.fullmatch(atom)
    if not match or not (match.group(1) or match.group(2)):
        return None
    scale = words()["suffixes"].get(match.group(3), 1 if not match.group(3) else None)
    if scale is None:
        return None
    return float((match.group(1) or "0").replace(",", "") + (match.group(2) or "")) * scale


def _evaluate(atoms: list[str]) -> float | None:
    """Fold number atoms left to right, the way English groups them.

    Small numbers add ("twenty five"), "hundred" multiplies, a big scale ("thousand") closes a group.
    "and" opens a part that a fraction or "dozen" applies to alone ("one hundred and three quarters" is
    100.75); right after a big scale the fraction is of that scale ("three million and a half").
    """
    w = words()
    big = {**w["scales"], **{k: v for k, v in w["suffixes"].items() if len(k) > 1}}  # "3.5 bn"
    total = current = base = of_scale = pending = 0.0
    started, prev, after_tens, needs_fraction = False, "", False, False
    for i, atom in enumerate(atoms):
        follows = atoms[i + 1] if i + 1 < len(atoms) else ""
        if atom in ("and", "-"):
            if not started or not follows:
                return None
            if atom == "and":  # "hundred and five", "two and a half"; "two and three" is two numbers
                needs_fraction = needs_fraction or prev not in ("scale", "big")
                base, prev, pending = current, "and", of_scale  # "million and a half": of the million
            continue
        if atom in ("a", "an"):
            if not (follows in big or follows in w["collectives"] or follows in w["fractions"]):
                return None  # "a" counts one only before "dozen", "hundred", "third"
            current, prev = (current if started else 1.0), "article"
            continue
        tens = atom in w["tens"]
        if atom in w["units"] or tens:
            value = float(w["units"].get(atom, w["tens"].get(atom, 0)))
            if prev == "digits" or (prev == "unit" and not (after_tens and value < 10)):
                return None  # "twenty five" but not "five five"
            current, prev = current + value, "unit"
        elif atom in w["collectives"]:
            if atom in w["vague"] and prev not in ("unit", "digits", "article"):
                return None  # "dozens" alone is a vague plural, not a number
            current, prev = base + ((current - base) or 1.0) * w["collectives"][atom], "scale"
        elif atom in big:
            current, prev = (current or 1.0) * big[atom], "scale"
            if big[atom] >= 1000:
                total, current, base, of_scale, pending = total + current, 0.0, 0.0, float(big[atom]), 0.0
                started, after_tens, prev = True, False, "big"
                continue  # keeps of_scale
        elif atom in w["fractions"]:
            if prev not in ("unit", "digits", "article") and atom != "half" and follows not in big:
                return None  # "third" alone is an ordinal
            part = ((current - base) or 1.0) / w["fractions"][atom]
            if pending and follows not in big:
                total, current = total + part * pending, base
            else:
                current = base + part
            prev, needs_fraction = "fraction", False
        elif len(atom) == 1 and not atom.isdigit() and unicodedata.numeric(atom, -1.0) >= 0:
            current, prev = current + unicodedata.numeric(atom), "fraction"  # "½", "2½"
        else:
            value_or_none = _literal(atom)
            if value_or_none is None or (prev in ("digits", "unit") and not 0 < value_or_none < 1):
                return None
            current, prev = current + value_or_none, "digits"
        started, after_tens, of_scale = True, tens, 0.0
    result = total + current
    ok = started and prev != "article" and not needs_fraction and math.isfinite(result)
    return result if ok else None


def _point(body: str) -> float | None:
    """Decimals said in words: "five point five", "nine point nought four"."""
    whole_text, _, digits_text = body.partition(" point ")
    whole = parse_number(whole_text)
    units = words()["units"]
    digits = digits_text.split()
    if all(units.get(d, 10) < 10 for d in digits):
        fraction = "".join(str(units[d]) for d in digits)
    else:
        spoken = parse_number(digits_text)
        fraction = str(int(spoken)) if spoken is not None and spoken.is_integer() and spoken >= 0 else ""
    return None if whole is None or not fraction else whole + float("0." + fraction)


def parse_number(text: str) -> float | None:
    """The number a figure states, or None: "1.2 million" -> 1200000, "a dozen" -> 12, "$2 billion" -> 2e9.

    Also decimals and ratios in words ("five point five", "one in five"). Vague plurals ("hundreds",
    "1,000s") and ordinals ("third", "2nd") are not numbers: None.
    """
    body, _ = _strip_unit(_normalize(text))
    sign = -1.0 if body.startswith(("-", "minus ", "negative ")) else 1.0
    body = re.sub(r"^(?:minus |negative |-)", "", body).strip()
    if " point " in body:
        value = _point(body)
    elif ratio := _RATIO.fullmatch(body):
        numerator, denominator = parse_number(ratio.group(1)), parse_number(ratio.group(2))
        value = numerator / denominator if numerator is not None and denominator else None
    else:
        atoms = _ATOM.findall(body)
        value = _evaluate(atoms) if atoms else None
    return None if value is None else sign * value


def _vague_bounds(text: str) -> tuple[float, float] | None:
    """Bounds of a vague plural: "hundreds" -> (200, 999), "tens of thousands" -> (20000, 99999)."""
    w = words()
    for det in w["vague_determiners"]:
        if text.startswith(det + " ") and text[len(det) + 1:] in w["scales"]:
            text = text[len(det) + 1:] + "s"  # "several hundred" reads as "hundreds"
    magnitudes = []
    for part in text.split(" of "):
        literal = _literal(part[:-1]) if part.endswith("s") and part[:1].isdigit() else None
        magnitude = w["vague"].get(part, literal)
        if not magnitude or not 0 < magnitude < 1e15:
            return None
        magnitudes.append(float(magnitude))
    first, rest = magnitudes[0], math.prod(magnitudes[1:])
    return 2 * first * rest, 10.0 ** (math.floor(math.log10(first)) + 1) * rest - 1


@cache
def _qualifiers_longest_first() -> tuple[str, ...]:
    return tuple(sorted(words()["qualifiers"], key=len, reverse=True))


def _qualifier(text: str) -> tuple[str | None, dict[str, Any], str]:
    """The longest qualifier that opens the text, its definition, and the rest."""
    for phrase in _qualifiers_longest_first():
        if text.startswith(phrase + " "):
            return phrase, words()["qualifiers"][phrase], text[len(phrase) + 1:]
    return None, {}, text


def _range(text: str) -> tuple[float, float] | None:
    """The ends of "11,000 to 12,000", "11,000-12,000", "between 11,000 and 12,000", "1.2 to 1.5 million"."""
    if parse_number(text) is not None:  # "twenty-five", "one hundred and five"
        return None
    text = text.removeprefix("between ").removeprefix("from ")
    for separator in _SEPARATOR.finditer(text):
        left, right = text[: separator.start()], text[separator.end():]
        low, high = parse_number(left), parse_number(right)
        scale = right.rsplit(" ", 1)[-1]
        if low is not None and scale in words()["scales"] and scale not in left:
            low = parse_number(f"{left} {scale}")  # the scale of "1.2 to 1.5 million" applies to both ends
        if low is not None and high is not None and low < high:
            return low, high
    return None


def _clean(x: float) -> float:
    """Drop float noise from computed bounds: 10000 * 1.1 is 11000, not 11000.000000000002."""
    return float(f"{x:.12g}")


def parse_quantity(text: str) -> Quantity | None:
    """A figure with its qualifier and bounds: "at least 3,000" -> value 3000, low 3000, high None.

    `text` is the figure ("about $2 billion", "dozens of"), not the noun it counts: the unit is only
    set from currency and percent signs; the spaCy component finds the counted noun.
    """
    body = _normalize(text).removesuffix(" of")
    qualifier, definition, rest = _qualifier(body)
    rest, unit = _strip_unit(rest)
    vague = _vague_bounds(rest)
    if vague:
        middle = float(round((vague[0] + vague[1]) / 2))
        return Quantity(text, middle, unit, True, qualifier or rest, vague[0], vague[1])
    ends = _range(rest)
    if ends:
        middle = _clean((ends[0] + ends[1]) / 2)
        return Quantity(text, middle, unit, True, qualifier or "between", ends[0], ends[1])
    number = parse_number(rest)
    if number is None:
        return None
    value = number
    step = 1.0 if definition.get("strict") and value.is_integer() and unit != "percent" else 0.0
    kind = definition.get("kind", "exact")
    tol = APPROX_TOLERANCE * abs(value)
    bounds: dict[str, tuple[float | None, float | None]] = {
        "exact": (value, value),
        "lower_bound": (value + step, None),
        "upper_bound": (None, value - step),
        "approx": (_clean(value - tol), _clean(value + tol)),
        "approx_upper": (_clean(value - tol), value),
        "approx_lower": (value, _clean(value + tol)),
    }
    low, high = bounds[kind]
    return Quantity(text, value, unit, kind.startswith("approx"), qualifier, low, high)


def qualifier_kind(q: Quantity) -> str:
    """exact, lower_bound, upper_bound, approx, approx_upper, approx_lower, range or vague."""
    if q.qualifier is None:
        return "exact"
    if q.qualifier in words()["qualifiers"]:
        return str(words()["qualifiers"][q.qualifier]["kind"])
    return "range" if q.qualifier == "between" else "vague"


def _bounds(q: Quantity) -> tuple[float, float]:
    """Stored bounds, open ends infinite; a Quantity built without bounds is its value (± tolerance)."""
    if q.low is None and q.high is None:
        tol = APPROX_TOLERANCE * abs(q.value) if q.approximate else 0.0
        return q.value - tol, q.value + tol
    return (-math.inf if q.low is None else q.low), (math.inf if q.high is None else q.high)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def ranges_overlap(a: Quantity, b: Quantity) -> bool:
    """Whether both figures can be true at once: "at least 3,000" overlaps "about 10,000"."""
    return _overlap(_bounds(a), _bounds(b))


def _reading(q: Quantity) -> tuple[float, float]:
    """Bounds as a reader takes them: an open end closes at `OPEN_BOUND_FACTOR` from the figure."""
    low, high = _bounds(q)
    if math.isinf(high):
        high = max(low, q.value) * OPEN_BOUND_FACTOR
    if math.isinf(low):
        low = min(high, q.value) / OPEN_BOUND_FACTOR
    return low, high


def quantities_conflict(a: Quantity, b: Quantity) -> bool:
    """Whether a reader would call the two figures different: 12,000 vs 10,000 troops.

    One rule: their reader's bounds (`_reading`) do not overlap. Two exact figures conflict when they
    differ; "11,000 to 12,000" and 12,000 do not; "at least 3,000" and "about 10,000" do. Figures that
    count different things (units both set and unequal) never conflict.
    """
    if a.unit and b.unit and a.unit != b.unit:
        return False
    return not _overlap(_reading(a), _reading(b))
