"""Event frames: what a checkable claim says happened, so that claims are linked by event, not by topic.

A frame holds what happened (event types read off the claim's verbs and event nouns: "sent 5,000 troops"
and "the deployment" are both `deploy`), whether the claim says it did not happen, who and what is named
(normalized proper names: "U.S." and "United States" are one), where (the places it names), the occasion
of a count (a flood, a crash), when it happened (the claim's own event date, if it names one) and whether
a figure runs over time ("the toll", "so far"). Two claims can be about one event only when their frames
are compatible: they share an event type, name no disjoint sets of places, and name no event dates far
apart. Embedding likeness only proposes the pairs; the frame decides. A claim with no frame (no event
verb, no event noun, no figure of a known kind: "Thank you", a bare name, "it") is never linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from ..annotate.lexicon import lexicon
from ..model import Claim
from .keywords import link_words, normalize_word, proper_names

__all__ = ["EventFrame", "change_verbs", "conflict", "describe", "event_words", "frame_of", "kind_of_verb",
           "light_verbs", "opposed", "verdicts"]

# Two events named with dates this many days apart are different events ("killed a week earlier").
MAX_EVENT_DAYS_APART = 2
NEGATION_BEFORE = re.compile(r"\b(no|not|never|without|nor|n't|neither)\b(?:\W+\w+){0,2}\W*$", re.I)
# "no" opens a noun phrase whose head may follow a name: "no U.N. Security Force involvement"
NO_BEFORE_NOUN = re.compile(r"\bno\s+(?:[\w'.-]+\s+){0,3}$", re.I)


@cache
def _data() -> dict[str, Any]:
    return lexicon("events", package="claimgraph.link", folder=".")


@cache
def change_verbs() -> frozenset[str]:
    """Verbs that say a figure moved ("had risen to 55 percent"), not what happened."""
    return frozenset(_data()["change_verbs"])


COPULA_BEFORE = re.compile(r"\b(is|was|were|are|be|been|being|as)\b(?:\W+[\w']+){0,4}\W*$")
PREDICATIVE_AFTER = re.compile(r"\s*($|[,.;:—–)\"'’”-]|(and|or|but|in|under|because|by)\b)")


@cache
def _verdict_words() -> list[tuple[re.Pattern[str], str, bool]]:
    """(pattern, scale, affirms) for each word of each scale of `verdicts` in events.json."""
    return [(re.compile(rf"\b{re.escape(word)}\b"), scale, side == "yes")
            for scale, sides in _data()["verdicts"].items() for side, words in sides.items() for word in words]


@lru_cache(maxsize=65_536)
def verdicts(content: str) -> frozenset[tuple[str, bool]]:
    """The judgements a claim passes, as (scale, affirms): "the suspension was unlawful" is ("lawful",
    False), "is not lawful" too, "legal and necessary" is ("lawful", True). A claim judging both ways
    ("lawful ... not void") keeps both, and is set against nothing on that scale."""
    lower = content.lower()
    found = set()
    for pattern, scale, affirms in _verdict_words():
        for match in pattern.finditer(lower):
            # said of something ("was unlawful", "is the legal and necessary way"), not a kind of thing
            # ("a constitutional outrage", "the legal view")
            if not (COPULA_BEFORE.search(lower[max(match.start() - 40, 0) : match.start()])
                    and PREDICATIVE_AFTER.match(lower[match.end() :])):
                continue
            negated = NEGATION_BEFORE.search(lower[max(match.start() - 30, 0) : match.start()]) is not None
            found.add((scale, affirms != negated))
    return frozenset(found)


@cache
def event_words() -> frozenset[str]:
    """Every word that names an event type or passes a judgement, as keywords() writes them: what two
    claims must share beyond these is the object of the event."""
    words = {w for ws in _data()["event_types"].values() for w in ws if " " not in w}
    words |= {w for sides in _data()["verdicts"].values() for ws in sides.values() for w in ws if " " not in w}
    return frozenset(normalize_word(w) for w in words) | words


@cache
def _opposed() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(pair) for pair in _data()["opposed_events"])


def opposed(a: EventFrame, b: EventFrame) -> tuple[str, str] | None:
    """Two events that cannot both hold of one object ("withdraw" against "stay"), one from each frame."""
    return next(((x, y) for x in sorted(a.kinds) for y in sorted(b.kinds) if frozenset((x, y)) in _opposed()), None)


@cache
def _titles() -> frozenset[str]:
    words = lexicon("sources")
    return frozenset(w.lower() for w in (*words["titles"], *words["honorifics"]))


@cache
def _type_of_word() -> dict[str, str]:
    return {word: kind for kind, words in _data()["event_types"].items() for word in words if " " not in word}


@cache
def light_verbs() -> frozenset[str]:
    """Verbs that say nothing about what happened ("be", "say", "make")."""
    return frozenset(_data()["light_verbs"])


def kind_of_verb(lemma: str) -> str:
    """The event type a verb names ("leave" -> withdraw), or the verb itself outside every type."""
    return _type_of_word().get(lemma, lemma)


@cache
def _phrases() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(word)}\b"), kind)
            for kind, words in _data()["event_types"].items() for word in words if " " in word]


@dataclass(frozen=True)
class EventFrame:
    kinds: frozenset[str]  # what happened: event types ("kill", "deploy") or, outside every type, the verb
    negated: bool  # the claim says it did not (or will not) happen
    names: frozenset[str]  # who and where, as normalized proper names (for the explanation)
    places: frozenset[str]  # where: the places the claim names, normalized ("U.S." is "united state")
    # every event type the claim's verbs and nouns name, even beside an event verb: what a denial or doubt is
    # about ("no traces of poison were found" is about a poisoning)
    mentioned: frozenset[str]
    occasions: frozenset[str]  # the incident a count belongs to ("flood", "crash")
    when: str | None  # the event's own date (YYYY-MM-DD or YYYY-MM) when the claim names one
    cumulative: bool  # a running count ("the toll has risen to"), which later figures revise

    @property
    def participants(self) -> frozenset[str]:
        """Who is named, places and titles aside: the candidates, parties, bodies the claim is about
        ("President" names no one in particular)."""
        return self.names - self.places - _titles()


@lru_cache(maxsize=65_536)  # bounded: a server links claims for months
def _frame(content: str, predicates: tuple[tuple[str, bool, bool], ...], times: tuple[str, ...],
           places: tuple[str, ...], counted: bool) -> EventFrame | None:
    data = _data()
    types = _type_of_word()
    light = set(data["light_verbs"])
    lower = content.lower()
    kinds: set[str] = set()
    background: set[str] = set()  # verbs of clauses that describe a noun ("an agent previously used in ...")
    negated = False
    for lemma, is_negated, modifier in predicates:
        if lemma in light:
            continue
        if modifier:
            background.add(types.get(lemma, lemma))
            continue
        kinds.add(types.get(lemma, lemma))
        negated |= is_negated
    nouns = [(match, types[match.group()]) for match in re.finditer(r"[a-z][a-z'-]*", lower) if match.group() in types]
    nouns += [(match, kind) for pattern, kind in _phrases() for match in [pattern.search(lower)] if match]
    mentioned = kinds | background | {kind for _, kind in nouns}
    if not kinds:
        # no event verb ("caused untold damage", "there will be no involvement"): the event nouns say what
        # happened. Beside a verb they are the background ("discussed the war"), not the event.
        for match, kind in nouns:
            # a negated event noun: "no U.N. Security Force involvement", "not a withdrawal"
            before = lower[: match.start()]
            negated |= kind not in kinds and bool(NEGATION_BEFORE.search(before) or NO_BEFORE_NOUN.search(before))
            kinds.add(kind)
        # with a light verb ("would be responsible for fighters who had been captured"), the clauses of its
        # nouns say what happened too
        kinds |= background
    if not kinds and not counted:
        return None
    generic = set(link_words()["generic_names"])  # weekdays, months, "department": no one's name
    return EventFrame(
        kinds=frozenset(kinds),
        negated=negated,
        names=frozenset(proper_names(content) - generic),
        places=frozenset(name for place in places for name in proper_names(f"in {place}")) - generic,
        mentioned=frozenset(mentioned),
        occasions=_occasions(lower),
        when=next((t for t in times if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", t) or _named_year(t, content)), None),
        cumulative=any(re.search(rf"\b{re.escape(w)}\b", lower) for w in data["cumulative_words"]),
    )


@cache
def _incident_words() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(word)}\b"), kind)
            for kind, words in _data()["incidents"].items() for word in words]


def _occasions(lower: str) -> frozenset[str]:
    """The kinds of incident a claim names: "the hurricane" and "the storm" are one occasion."""
    return frozenset(kind for pattern, kind in _incident_words() if pattern.search(lower))


def _named_year(value: str, content: str) -> bool:
    """A bare year the claim sets its event in ("In 2016, the party received ...", "in his 2012 run"), not a
    figure the times component misread as one ("1846 persons were hospitalised")."""
    return re.fullmatch(r"\d{4}", value) is not None and re.search(
        rf"\b(?:in|during|since|until|by|of)\s+(?:(?:the|a|an|his|her|its|their|our|my)\s+)?{value}\b",
        content, re.I) is not None


def frame_of(claim: Claim) -> EventFrame | None:
    """The claim's event frame, or None when it states no event (a greeting, a bare name, "it")."""
    return _frame(
        claim.content,
        tuple((p.lemma, p.negated, p.modifier) for p in claim.predicates),
        tuple(t.value for t in claim.times if t.role == "event" and t.value),
        tuple(p.name for p in claim.places),
        any(q.unit or q.event for q in claim.quantities),
    )


def _days_apart(first: str, second: str) -> int | None:
    if len(first) != 10 or len(second) != 10:
        return None
    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)
    except ValueError:
        return None


def conflict(a: EventFrame, b: EventFrame, kinds_matched: bool = False,
             published: tuple[str | None, str | None] = (None, None)) -> str | None:
    """Why two frames cannot be one event (None when they can). When the caller has matched what happened
    already (`kinds_matched`: the kind of two counts; what a denial answers), the event types need not
    meet; the occasion, places and dates must. `published` are the claims' document dates,
    which stand for the year of a claim that names none."""
    if not kinds_matched and not a.kinds & b.kinds:
        return "different events"
    if a.occasions and b.occasions and not a.occasions & b.occasions:
        return "different incidents"
    if a.places and b.places and not a.places & b.places:
        return "different places"
    if _years_apart(a, b, published):
        return "different years"  # "in 2016 the party received ..." vs "in 2012 ...", or vs this year's report
    if a.when and b.when and not (a.cumulative or b.cumulative):
        apart = _days_apart(a.when, b.when)
        if apart is not None and apart > MAX_EVENT_DAYS_APART:
            return "different dates"
    return None


def _years_apart(a: EventFrame, b: EventFrame, published: tuple[str | None, str | None]) -> bool:
    """A claim that names a bare year ("in 2016") is about another event than one of another year, named or
    (when it names no date) its report's. Finer dates are left to the day check: a running count
    "since October" goes on into the next year."""
    if not any(frame.when and len(frame.when) == 4 for frame in (a, b)):
        return False
    years = [(frame.when or date or "")[:4] for frame, date in zip((a, b), published, strict=True)]
    return all(years) and years[0] != years[1]


def describe(a: EventFrame, b: EventFrame, when: str | None = None) -> str:
    """The shared event in a few words, for a relation's explanation: "kill, flood, ravenna, as of 2022-03-08"."""
    parts = sorted(a.kinds & b.kinds)[:2] + sorted(a.occasions & b.occasions)[:1] + sorted(a.names & b.names)[:3]
    text = ", ".join(parts)
    day = when or a.when or b.when
    return f"{text}, as of {day}" if text and day else text
