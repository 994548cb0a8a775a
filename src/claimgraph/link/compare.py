"""Do two claims contradict or corroborate each other? Pure functions over `model.Claim`.

Three bases of contradiction, each with a one-line explanation:
- quantity: the same thing counted with figures that cannot both hold (12,000 vs 10,000 troops);
- status: the same movement asserted and negated ("have already left" vs "didn't move them"), read from
  the claims' predicates (verb, negation, aspect);
- polarity: one source denies what another asserts or accuses it of.
Claims are only compared when they share enough content words (see keywords.py), so that figures about
different things ("1.2 million troops" in an army, "12,000 troops" sent) are not set against each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from ..annotate.lexicon import lexicon
from ..model import UNKNOWN_AUTHOR, Claim, Quantity
from ..resolve.identity import source_key
from ..resolve.numbers import quantities_conflict
from .events import (
    EventFrame,
    change_verbs,
    conflict,
    describe,
    event_words,
    frame_of,
    kind_of_verb,
    light_verbs,
    opposed,
    verdicts,
)
from .keywords import keywords, link_words, normalize_word

__all__ = [
    "Finding",
    "Kept",
    "Pairing",
    "compare_claims",
    "dismisses_claims",
    "event_class",
    "keep_strongest",
    "quantity_class",
    "shared_words",
    "source_identity",
    "unit_of",
]

# Figures more than this factor apart are counts of different things (an army's size vs a deployment),
# not rival counts of one thing; calibrated on the founding article and the Wikinews dev stories.
MAX_RATIO = 5.0
# Across articles of different dates a running count grows (3 deaths, then 80, then 813): a revision.
MAX_RATIO_OVER_TIME = 30.0
MIN_SHARED_FOR_POLARITY = 3
MIN_SHARED_FOR_DOUBT = 3


@dataclass(frozen=True)
class Finding:
    kind: str  # contradicts | corroborates
    basis: str  # quantity | status | polarity | figure
    explanation: str
    strength: float  # higher is a closer match; only the strongest finding of each group is kept
    group: str = ""  # findings that answer one question ("what does this denial contradict?") share a group


def shared_words(a: Claim, b: Claim) -> frozenset[str]:
    return keywords(a.content) & keywords(b.content)


def unit_of(q: Quantity) -> str | None:
    """What a figure counts, normalized ("soldiers" -> "troop")."""
    return normalize_word(q.unit) if q.unit else None


def _modifiers(q: Quantity, claim: Claim) -> list[str]:
    """The words between a figure and its counted noun, as written: "six Mexican nationals" -> [Mexican]."""
    if q.unit is None:
        return []
    match = re.search(re.escape(q.text) + r"\s+((?:[\w’'-]+\s+){0,3}?)" + re.escape(q.unit.split()[-1][:4]),
                      claim.content, re.I)
    return match.group(1).split() if match else []


def _unit_words(q: Quantity, claim: Claim) -> set[str]:
    """The counted thing with its modifiers: "six Mexican nationals" -> {mexico, national}."""
    if q.unit is None:
        return set()
    return {normalize_word(w) for w in _modifiers(q, claim)} | {normalize_word(w) for w in q.unit.split()}


def _counted_words(q: Quantity, claim: Claim) -> set[str]:
    return {normalize_word(w) for w in (q.unit or "").split()} | _whose(q, claim)


def _whose(q: Quantity, claim: Claim) -> set[str]:
    """The names that say whose the counted things are: "790 Valorian soldiers" -> {valorian}."""
    return {normalize_word(w) for w in _modifiers(q, claim) if w[:1].isupper()}


def _base(q: Quantity, claim: Claim) -> frozenset[str]:
    """What a share is of: "1.5% of the electorate" -> {electorate}; "2.1 percent of the total vote" ->
    {total, vote}."""
    at = claim.content.find(q.text)
    if at < 0 or unit_of(q) != "percent":
        return frozenset()
    match = re.match(r"\s*(?:percent|per cent|%)?\s*(?:of|among)\s+(?:the\s+|all\s+|its\s+|their\s+)?"
                     r"((?:[\w-]+\s+){0,2}[\w-]+)", claim.content[at + len(q.text):], re.I)
    return keywords(match.group(1)) if match else frozenset()


def _difference(q: Quantity, claim: Claim) -> bool:
    """The figure is a change between two values ("rose by 12.5 percent", "was down by about 1.5%")."""
    at = claim.content.find(q.text)
    before = re.search(r"((?:\b[a-z]+\s+){1,2})by\s*$", claim.content[:at].lower()) if at >= 0 else None
    return before is not None and any(w in link_words()["difference_words"] for w in before.group(1).split())


def _year_like(q: Quantity) -> bool:
    """"the 2020 election": a year used as a name, not a count."""
    return re.fullmatch(r"\d{4}", q.text.strip()) is not None and 1800 <= q.value <= 2100


def _scope(q: Quantity, claim: Claim) -> frozenset[str]:
    """Words that narrow what a figure counts: suspected, severe, new, daily..."""
    scoped = set(link_words()["scope_words"])
    words = set(_unit_words(q, claim)) | ({q.event} if q.event else set())
    return frozenset(w for w in words if w in scoped)


def quantity_class(q: Quantity) -> str | None:
    """What kind of count a figure is: deaths, infections, injuries... from its noun, else its verb."""
    return _noun_class(q) or event_class(q.event)


def _class_in(q: Quantity, claim: Claim) -> str | None:
    """What kind of count a figure is, in its claim: its own kind, else, for a bare count of people ("twenty
    people have been confirmed killed", where the figure's verb is "confirm"), the one kind of count the
    claim's verbs name."""
    known = quantity_class(q)
    if known or unit_of(q) not in (None, "person"):
        return known
    kinds = {event_class(p.lemma) for p in claim.predicates if not p.negated} - {None}
    return kinds.pop() if len(kinds) == 1 else None


def _same_thing(x: Quantity, a: Claim, y: Quantity, b: Claim, context: Pairing) -> bool:
    """Both figures count one thing: the same kind of count ("62 killed" and "53 deaths"), else the same
    unit (or an overlapping counted phrase), or, for a bare figure, the same verb ("32 hospitalised")."""
    first, second = _class_in(x, a), _class_in(y, b)
    big, small = max(x.value, y.value), min(x.value, y.value)
    over_time = None not in context.dates and context.dates[0] != context.dates[1]
    limit = MAX_RATIO_OVER_TIME if over_time and first and first == second else MAX_RATIO
    if small <= 0 or big / small > limit or _year_like(x) or _year_like(y):
        return False
    places_a, places_b = _where(x, a), _where(y, b)
    if places_a and places_b and not places_a & places_b:
        return False  # ten dead in Dayton vs three in Gilroy; 126,000 cases worldwide vs 244,000 in the US
    bases, owners = (_base(x, a), _base(y, b)), (_whose(x, a), _whose(y, b))
    if all(bases) and not bases[0] & bases[1]:
        return False  # 1.5% of the electorate vs 2.1 percent of the vote
    if all(owners) and not owners[0] & owners[1]:
        return False  # 790 Valorian soldiers vs 2,300 Orlian soldiers
    if _difference(x, a) != _difference(y, b):
        return False  # "the rate increased by 12.5 percent" is a change; "rates above 50%" a level
    if _scope(x, a) != _scope(y, b):
        return False  # "5,794 suspected cases" vs "79,332 cases": a part, not a rival figure
    # the counted nouns, or the names that qualify them ("six Mexican nationals" / "Mexicans"); not any
    # adjective ("two different sites" / "seven different ways")
    units_alike = unit_of(x) == unit_of(y) or bool(_counted_words(x, a) & _counted_words(y, b))
    if not units_alike and any(_specific(q) and not _noun_class(q) for q in (x, y)):
        return False  # 5,000 people vs 3,000 vehicles, whatever they did
    if first and second:
        return first == second  # 22 killed vs 24 injured: different counts
    return bool(unit_of(x) and unit_of(y) and units_alike)


WORLDWIDE = re.compile(r"\b(worldwide|globally|global|around the world|across the world)\b", re.I)
LOCATIVE = re.compile(r"\b(in|at|near|across|throughout)\s+(the\s+)?$", re.I)
PLACE_JOINER = re.compile(r"\s*(,|and|,\s*and)?\s*")


def _where(q: Quantity, claim: Claim) -> set[str]:
    """Where a figure was counted: the place named "in" (at, near...) nearest to it in its claim, with the
    places written next to that one ("in Dayton, Ohio"); a sentence can give two events' tolls ("22 dead in
    El Paso ... ten in Dayton, Ohio"). Places after "from" or "to" are where things come from or go, so a
    claim without a place named "in" keeps all its places, as does a figure not found in its text."""
    text = claim.content
    at = text.find(q.text)
    mentions = sorted((found.start(), found.end(), p.name.lower()) for p in claim.places
                      for found in re.finditer(re.escape(p.text), text)
                      if LOCATIVE.search(text[max(found.start() - 12, 0) : found.start()]))
    places = {p.name.lower() for p in claim.places}
    if at >= 0 and mentions:
        figure = (at, at + len(q.text))
        nearest = min(range(len(mentions)), key=lambda i: _distance(mentions[i][:2], figure))
        places = {name for _, _, name in _place_run(text, mentions, nearest)}
    return places | ({"world"} if WORLDWIDE.search(claim.evidence or claim.content) else set())


def _place_run(text: str, mentions: list[tuple[int, int, str]], at: int) -> list[tuple[int, int, str]]:
    """The mention `at` with its neighbours joined to it by commas or "and" ("Dayton, Ohio")."""
    first = last = at
    while first > 0 and PLACE_JOINER.fullmatch(text[mentions[first - 1][1] : mentions[first][0]]):
        first -= 1
    while last + 1 < len(mentions) and PLACE_JOINER.fullmatch(text[mentions[last][1] : mentions[last + 1][0]]):
        last += 1
    return mentions[first : last + 1]


def _distance(span: tuple[int, int], figure: tuple[int, int]) -> int:
    return max(span[0] - figure[1], figure[0] - span[1], 0)


def _specific(q: Quantity) -> bool:
    """A figure with a named unit other than plain people ("residents", "civilians" fold into people)."""
    return unit_of(q) not in (None, "person")


def _noun_class(q: Quantity) -> str | None:
    nouns = [normalize_word(w) for w in reversed((q.unit or "").split())]
    return next((event_class(n) for n in nouns if event_class(n)), None)


def event_class(event: str | None) -> str | None:
    if event is None:
        return None
    for name, members in link_words()["event_classes"].items():
        if event in members:
            return name
    return None


def source_identity(claim: Claim) -> str:
    """Who stands behind a claim: a named source, or the unnamed author of that one article.

    A document's own voice named after its author or outlet is that author or outlet wherever it speaks:
    the same byline in two articles is one source (its changed figure a revision, its agreement with
    itself no corroboration), and different bylines are different sources.
    """
    if claim.source.kind == "author" and claim.source.name == UNKNOWN_AUTHOR:
        return f"author of {claim.document}"
    key = source_key(claim.source.name, claim.source.kind)
    # a pronoun names nobody across articles: within its own article it is one voice
    return key if key is not None else f"{claim.source.name.lower()} in {claim.document}"


ASPIRATION = re.compile(r"\b(goal|target|aim|aims|aimed|plan|plans|planned|hope|hopes|expect|expects|"
                        r"expected|want|wants|seek|seeks|intend|intends|pledge|promise)\b", re.I)


AGE = re.compile(r"\b(age|aged|ages|old|younger|older)\b", re.I)


def _age(q: Quantity, claim: Claim) -> bool:
    """"children under 5 years of age": an age bracket, not a count."""
    at = claim.content.find(q.text)
    return (q.unit or "") in ("year", "month") and at >= 0 and AGE.search(claim.content[at : at + 40]) is not None


def _recency(dates: tuple[str | None, str | None]) -> float:
    """1 for the same day, falling with the days between two reports; 0 when a date is not known to the day."""
    try:
        first, second = (date.fromisoformat(d) for d in dates if d is not None and len(d) == 10)
    except ValueError:
        return 0.0
    return 1.0 / (1.0 + abs((second - first).days))


def _aspired(q: Quantity, claim: Claim) -> bool:
    """"the goal was to exceed 90 percent": a figure hoped for, not a figure of what is."""
    at = claim.content.find(q.text)
    return at >= 0 and ASPIRATION.search(claim.content[max(at - 60, 0) : at]) is not None


# A bar to clear, not a count of what happened: "candidates must receive at least 15% of the vote", "the
# cut-off for a category 4 storm is 130 mph", "1,991 delegates are needed to secure the nomination".
REQUIREMENT_BEFORE = re.compile(r"\b(must|threshold|cut-?off|minimum|requires?|required|needs? to|eligible|"
                                r"qualify|qualifies)\b", re.I)
REQUIREMENT_AFTER = re.compile(r"^[^.;]{0,30}?\b(threshold|cut-?off|minimum|(?:are|is|was|were|be) "
                               r"(?:needed|required|necessary))\b", re.I)


def _required(q: Quantity, claim: Claim) -> bool:
    at = claim.content.find(q.text)
    if at < 0:
        return False
    end = at + len(q.text)
    # the requirement may open a long subject ("The cut-off for a category 2 storm, the next stronger
    # classification, is 119 mph"): look back to the start of the figure's sentence or clause
    clause = re.split(r"[.;:!?]\s", claim.content[max(at - 120, 0) : at])[-1]
    return (REQUIREMENT_BEFORE.search(clause) is not None
            or REQUIREMENT_AFTER.search(claim.content[end:]) is not None)


def _rivals(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity]]:
    """The figures of `b` each figure of `a` may be set against. A figure `b` repeats is matched with it
    and with nothing else; figures listed together ("led 49.7 percent to 40.3 percent") are matched by
    rank when both claims list as many of one unit, so a leader's share is not set against the runner-up's."""
    pairs = []
    for x in a.quantities:
        # "50.1 to 42.9 percent": the first figure of a list carries no unit of its own
        mine = [q for q in a.quantities if unit_of(q) in (unit_of(x), None)]
        theirs = [y for y in b.quantities if unit_of(y) in (unit_of(x), None)]
        repeated = next((y for y in theirs if y.value == x.value), None)
        if repeated is not None:
            pairs.append((x, repeated))
        elif len(mine) >= 2 and len(mine) == len(theirs):
            pairs.append((x, theirs[mine.index(x)]))
        else:
            pairs.extend((x, y) for y in b.quantities)
    return pairs


def _quantity(a: Claim, b: Claim, overlap: float, context: Pairing, frames: Frames) -> Finding | None:
    same_day = context.dates[0] is not None and context.dates[0] == context.dates[1]
    if frames[0] and frames[1] and conflict(frames[0], frames[1], kinds_matched=True, published=context.dates):
        return None  # a stampede's toll and a crash's, last week's attack and today's, one party's votes and another's
    event = _event_words(frames, context)
    for x, y in _rivals(a, b):
        if any(_aspired(q, c) or _age(q, c) or _required(q, c) for q, c in ((x, a), (y, b))):
            continue
        if not _same_thing(x, a, y, b, context):
            continue
        if not (_class_in(x, a) and _class_in(y, b)) and not _same_holding(frames):
            continue  # "won the primary with 25.7%" vs "came second with 20%"; one ticket's votes vs another's
        sources = "|".join(sorted((source_identity(a), source_identity(b))))
        group = f"{unit_of(x)}:{sources}:{context.documents}"
        if a.document != b.document:
            # across articles, each new figure is set against the stored figures closest to it, a few of
            # each earlier article (see link.linker.RIVALS_PER_ARTICLE)
            group = f"{_class_in(x, a) or unit_of(x)}:{b.id}:{a.document}"
        # the units were matched above, more loosely than the figures' own unit check
        # the rival figure: across articles the one reported closest in time (a timeline links each figure
        # to the one before it), then the closest in meaning
        strength = 1.0 + (overlap if context.similarity is None else context.similarity) + 0.3 * same_day
        strength += _recency(context.dates)
        if quantities_conflict(replace(x, unit=None), replace(y, unit=None)):
            if source_identity(a) == source_identity(b):
                first, then = (x, y) if (context.dates[0] or "") <= (context.dates[1] or "") else (y, x)
                explanation = f"{event}{a.source.name} revised its figure: {first.text} -> {then.text}"
                return Finding("contradicts", "quantity", explanation, strength, f"revision:{group}")
            counted = bool(_class_in(x, a) and _class_in(y, b)) or (unit_of(x) == unit_of(y) and _specific(x))
            if counted and None not in context.dates and context.dates[0] != context.dates[1]:
                # another source's figure for the same count (a toll, a wind speed) on another day: the later
                # one revises it; people counted for different needs are rival figures
                (first, on), (then, later) = sorted(((x, context.dates[0]), (y, context.dates[1])),
                                                    key=lambda item: item[1] or "")
                explanation = f"{event}revised: {first.text} ({_day(on)}) -> {then.text} ({_day(later)})"
                return Finding("contradicts", "quantity", explanation, strength, f"quantity:{group}")
            return Finding("contradicts", "quantity", f"{event}{x.text} vs {y.text}", strength,
                           f"quantity:{group}")
        if source_identity(a) != source_identity(b) and _independent(a, b):
            agreement = f"both give {x.text}" if x.value == y.value else f"{x.text} and {y.text} agree"
            return Finding("corroborates", "figure", f"{event}{agreement}", strength, f"figure:{group}")
    return None


def _day(value: str | None) -> str:
    """"2019-09-04" -> "Sep 4"; a month or a year as written."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return value or "?"
    return f"{day:%b} {day.day}"


def _same_holding(frames: Frames) -> bool:
    """Figures of no known kind (shares, votes, states with ballot access) are what someone won or holds:
    they count one thing only when their claims name an event in common, verbs or nouns (or one names
    none), and a participant in common (or one names none). A toll or a count of cases is an event's, whoever
    reports it, and is not held to this."""
    first, second = frames
    if not (first and second):
        return True
    happened = first.mentioned - change_verbs(), second.mentioned - change_verbs()
    if all(happened) and not happened[0] & happened[1]:
        return False
    return not (first.participants and second.participants) or bool(first.participants & second.participants)


# particles and adverbs of a movement, which say nothing of what moved ("go back", "going now")
MOVEMENT_WORDS = ("back", "going", "gone", "went", "now", "away", "out", "home", "get")


def _movement(claim: Claim) -> tuple[bool, bool] | None:
    """(negated, has an aspect marker) of the claim's first movement verb ("left", "dispatched", "move")."""
    verbs = set(link_words()["movement_verbs"])
    for predicate in claim.predicates:
        if predicate.lemma in verbs:
            return predicate.negated, predicate.aspect is not None
    return None


def _status(a: Claim, b: Claim, shared: frozenset[str], context: Pairing) -> Finding | None:
    first, second = _movement(a), _movement(b)
    # what moved, not the movement: "going", "back", "now" are shared by any two remarks about travel
    moved = shared - {normalize_word(w) for w in [*link_words()["movement_verbs"], *MOVEMENT_WORDS]}
    if not first or not second or first[0] == second[0] or not moved:
        return None
    if not (first[1] or second[1]):
        return None  # a status says how far things have got ("already left", "not moved yet"), not "can't go back"
    if a.stance != "asserts" or b.stance != "asserts":
        return None
    said, unsaid = (a, b) if not first[0] else (b, a)
    aspect = first[1] + second[1]
    return Finding(
        "contradicts", "status",
        f"{said.source.name}: it has happened; {unsaid.source.name}: it has not ({', '.join(sorted(shared)[:3])})",
        0.5 * aspect + len(shared) / 10, f"status:{unsaid.id}:{context.documents}",
    )


def _standing(a: Claim, b: Claim, shared: frozenset[str], context: Pairing, frames: Frames) -> Finding | None:
    """Status read off the event frames, for two assertions of one event's object (an event type in common
    beside the judgement, or a content word in common that names neither the event nor the judgement):
    - opposite judgements on one scale of `verdicts` ("the suspension was unlawful" / "proroguing is legal");
    - across articles, the event negated against the event asserted ("this does not constitute a withdrawal
      from Syria" / "troops would be leaving Syria"), or two events that cannot both hold (`opposed_events`:
      withdraw / stay)."""
    first, second = frames
    if a.stance != "asserts" or b.stance != "asserts" or not (first and second):
        return None
    if conflict(first, second, kinds_matched=True, published=context.dates):
        return None
    objects = shared - event_words()
    event = _event_words(frames, context)
    judged = verdicts(a.content), verdicts(b.content)
    for scale in sorted({s for s, _ in judged[0] | judged[1]}):
        sides = [{affirms for s, affirms in found if s == scale} for found in judged]
        if len(sides[0]) == 1 and len(sides[1]) == 1 and sides[0] != sides[1]:
            if not ((first.mentioned & second.mentioned) - {"judge"} or objects):
                return None
            yes, no = (a, b) if True in sides[0] else (b, a)
            explanation = f"{event}{yes.source.name}: {scale}; {no.source.name}: not {scale}"
            # one answer to each claim that something is lawful, per pair of articles: the closest
            return Finding("contradicts", "status", explanation, 0.5 + len(objects) / 10 + (context.similarity or 0),
                           f"status:{yes.id}:{context.documents}")
    if a.document == b.document or not objects or _days_between(context.dates) > STATUS_DAYS_APART:
        return None  # a state reported days apart may have changed ("remains prorogued", "has not been prorogued")
    same = (first.kinds & second.kinds) - {"judge"}
    said, unsaid = (a, b) if second.negated else (b, a)
    # the event asserted by a verb ("troops would be leaving"), not a noun in passing ("support for the crisis")
    if same and first.negated != second.negated and any(kind_of_verb(p.lemma) in same for p in said.predicates):
        what = ", ".join(sorted(same)[:2])
        explanation = f"{event}{said.source.name}: {what} happened; {unsaid.source.name}: it did not"
        return Finding("contradicts", "status", explanation, 0.5 + len(objects) / 10,
                       f"status:{unsaid.id}:{context.documents}")
    pair = opposed(first, second)
    if pair and not first.negated and not second.negated:
        explanation = f"{a.source.name}: {pair[0]}; {b.source.name}: {pair[1]} ({', '.join(sorted(objects)[:3])})"
        return Finding("contradicts", "status", explanation, 0.5 + len(objects) / 10,
                       f"status:{b.id}:{context.documents}")
    return None


# A negated event and the event asserted, reported this many days apart, may both hold at their time.
STATUS_DAYS_APART = 2


def _days_between(dates: tuple[str | None, str | None]) -> int:
    try:
        first, second = (date.fromisoformat(d or "") for d in dates)
    except ValueError:
        return 0
    return abs((second - first).days)


def _parties(source_name: str) -> set[str]:
    capitals = _capitals()
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", source_name.lower())
    return {capitals.get(p.strip(), p.strip()) for p in parts if p.strip()}


@cache
def _capitals() -> dict[str, str]:
    """Capital cities speaking for their countries ("Moscow denied" is Russia), lower-cased."""
    return {k: v.lower() for k, v in lexicon("sources")["capitals"].items()}


def _polarity(a: Claim, b: Claim, shared: frozenset[str], context: Pairing, frames: Frames) -> Finding | None:
    denial, other = (a, b) if a.stance in ("denies", "doubts") else (b, a)
    if denial.stance not in ("denies", "doubts") or other.stance != "asserts":
        return None
    said, answered = frames if denial is a else frames[::-1]
    if said and answered and answered.negated and not said.negated and said.kinds & answered.kinds:
        return None  # "the lie that ISIS is defeated" against "ISIS is not defeated": they agree
    # a denial or doubt answers an assertion of the same event, whose words it need not repeat ("no evidence
    # to support the claims of fraud"): its shared words say what it answers, its frame must not name other
    # participants, another incident or another date
    # (one that points at claims, "no evidence to support the claims of fraud", answers them whatever they name)
    points = POINTERS.search(denial.content.lower()) is not None
    # "challenging President Roe", "questioned the citizenship of X": no event, no claims pointed at; such a
    # denial answers only what names its source as the doer ("pleaded not guilty")
    unanchored = said is None and not points
    if (denial.document != other.document and (context.story or 0) < STORY_SIMILARITY and not _anchored(frames)
            and not _dismisses_claims_of(denial, other)):
        return None  # outside one story, a denial answers an account of its own names or incident only
    same_event = not (frames[0] and frames[1] and (
        conflict(frames[0], frames[1], kinds_matched=True, published=context.dates)
        or not (points or _same_subject(frames))))
    # "whether Vell was running to help Roe defeat Quill" doubts what Vell does: an assertion that never
    # names Vell is about someone else
    doer = _doer(denial.content)
    same_event = same_event and (doer is None or doer in keywords(other.content) | keywords(other.evidence))
    if denial.stance == "doubts" and other.source.kind == "author":
        return None  # a doubt answers what someone claimed, not the article's own narration
    if denial.stance == "doubts":
        # "no evidence of widespread voter fraud" against the claim of it: a doubt needs a closer match,
        # and must doubt that something is so, not how much or why ("question how much it would help")
        degree = re.match(r"(how|why|when|what)\b", denial.content.lower())
        # within one story, close sentences may share a single word ("no traces of poison" / "poisoned")
        in_story = (context.story or 0) >= STORY_SIMILARITY
        relief = 2 if in_story and (context.similarity or 0) >= STORY_DOUBT_SIMILARITY else min(_closeness(context), 1)
        # within one story, the very predicate doubted asserted ("no traces of poison were found" / "found
        # Novichok in his blood") needs one word less
        relief = max(relief, int(in_story and _same_verb(denial, other)))
        if len(shared) < MIN_SHARED_FOR_DOUBT - relief or degree or not same_event or unanchored:
            return None
        explanation = f"{denial.source.name} doubts what {other.source.name} asserts ({', '.join(sorted(shared)[:4])})"
        # the assertion of the very predicate doubted ("no traces of poison were found" / "found Novichok in
        # his blood") answers it in its own right, beside the closest assertion of its event ("he was poisoned")
        predicate = ":verb" if _same_verb(denial, other) else ""
        return Finding("contradicts", "polarity", explanation, len(shared) / 10 + (context.similarity or 0),
                       f"polarity:{denial.id}:{context.documents}{predicate}")
    group = f"polarity:{denial.id}:{context.documents}"
    accusation = any(w in (other.cue or "").lower().split() for w in link_words()["accusation_cues"])
    if accusation and any(other.content.lower().startswith(p) for p in _parties(denial.source.name)):
        return Finding("contradicts", "polarity",
                       f"{denial.source.name} denies what {other.source.name} accuses it of", 2.0, group)
    if _dismisses_claims_of(denial, other):
        return Finding("contradicts", "polarity",
                       f"{denial.source.name} dismisses what {other.source.name} says", 1.5 + (context.similarity or 0),
                       group)
    if other.source.kind != "author" and _names_the_denier(denial, other):
        explanation = f"{denial.source.name} denies what {other.source.name} says of them"
        return Finding("contradicts", "polarity", explanation, 1.2 + (context.similarity or 0), group)
    if same_event and not unanchored and len(shared) >= MIN_SHARED_FOR_POLARITY - _closeness(context):
        return Finding("contradicts", "polarity",
                       f"{denial.source.name} denies; {other.source.name} asserts ({', '.join(sorted(shared)[:4])})",
                       len(shared) / 10 + (context.similarity or 0), f"polarity:{denial.id}:{context.documents}")
    return None


def _same_verb(a: Claim, b: Claim) -> bool:
    """Both claims' content turns on one verb that names something happening ("find", not "be" or "say")."""
    lemmas = [{p.lemma for p in c.predicates} - light_verbs() for c in (a, b)]
    return bool(lemmas[0] & lemmas[1])


# A clause's opening words before its subject: the capitals after them are a name, not a sentence's first word
CLAUSE_OPENING = re.compile(r"^(?:that|whether|if)\s+(?:(?:the|a|an|former|then)\s+)*", re.I)


def _doer(content: str) -> str | None:
    """The name a denied or doubted clause opens with, as its subject ("whether Vell was running ..." ->
    "vell"); None when it opens otherwise ("no traces of poison were found")."""
    opening = CLAUSE_OPENING.match(content)
    if opening is None:
        return None
    match = re.match(r"([A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)*", content[opening.end():])
    if match is None:
        return None
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", match.group()) if w.capitalize() not in _title_words()]
    words = keywords(names[-1]) if names else frozenset()
    return next(iter(words)) if len(words) == 1 else None


def _same_subject(frames: Frames) -> bool:
    """A denial or doubt and an assertion are about one thing when the events they name meet, nouns
    included ("no traces of poison were found" and "he had been poisoned"); either naming no event leaves
    it to their words. "No evidence that medicine can cure the disease" is not about a count of cases."""
    first, second = frames
    return not (first and second and first.mentioned and second.mentioned) or bool(first.mentioned & second.mentioned)


def _closeness(context: Pairing) -> int:
    """Fewer shared words are enough for sentences that are close in meaning."""
    similarity = context.similarity or 0
    return 2 if similarity >= CLOSE_SIMILARITY else 1 if similarity >= POLARITY_SIMILARITY else 0


POINTERS = re.compile(r"\b(claims?|allegations?|accusations?|reports?|charges?|statements?|assertions?|accounts?)\b")
GENERIC_PARTY_WORDS = {"government", "ministry", "office", "official", "authority", "spokesman", "spokeswoman",
                       "spokesperson", "state", "media", "president", "minister", "foreign", "federal", "national",
                       "chancellor", "prime", "premier", "cabinet", "embassy", "ambassador", "secretary", "department"}


def _party_words(text: str) -> set[str]:
    """Who a name stands for: "Berlin" and "the German government" are both Germany."""
    capitals = _capitals()
    return {capitals.get(w, w) for w in keywords(text)} - GENERIC_PARTY_WORDS


def dismisses_claims(claim: Claim) -> bool:
    """A denial that points at what others claim ("dismissed the claim from Valoria", "rejected the
    allegations") rather than at an event."""
    return claim.stance == "denies" and POINTERS.search(claim.content.lower()) is not None


def _dismisses_claims_of(denial: Claim, other: Claim) -> bool:
    """'dismissed the claim from Berlin as groundless', 'rejected Berlin's accusations': a denial that points
    at claims it names the author of. A party named in what the claims say ("allegations his candidacy is
    meant to help Trump") is their subject, not their author."""
    if denial.stance != "denies":
        return False
    text = denial.content
    for match in POINTERS.finditer(text.lower()):
        after = re.match(r"\s+(?:made\s+)?(?:by|from|of)\s+((?:the\s+)?(?:\S+\s+){0,3}\S+)", text[match.end():])
        before = re.search(r"(\S+(?:\s+\S+)?)['’]s?\s+(?:\w+\s+)?$", text[: match.start()])
        author = " ".join(m.group(1) for m in (after, before) if m)
        if author and _party_words(author) & _party_words(other.source.name):
            return True
    return False


def _names_the_denier(denial: Claim, other: Claim) -> bool:
    """'X pleaded not guilty' against an account of what X did: the account names the one who denies as
    the doer, near its start ("Khan stabbed ...", not "Harris attacked Biden"), and not under another
    given name ("Joe Biden" is not Hunter Biden)."""
    if denial.stance != "denies" or denial.source.kind not in ("person", "organization"):
        return False
    words = denial.source.name.split()
    surname = words[-1] if words else ""
    if len(surname) < 4:
        return False
    for match in re.finditer(rf"\b{re.escape(surname)}\b", other.content):
        before = other.content[: match.start()].split()
        given = re.search(r"\b([A-Z][a-z]+)\s+$", other.content[: match.start()])
        if given and len(words) > 1 and given.group(1) != words[-2] and given.group(1) not in _title_words():
            continue
        # the doer is the subject: only its titles and names before it ("The former Navy SEAL Eddie
        # Gallagher stabbed ..."), not "would not vote for Roe" or "testify at the Roe impeachment"
        if len(before) <= SUBJECT_WORDS and all(w[:1].isupper() or w.lower() in SUBJECT_LEAD
                                                or w.capitalize() in _title_words() for w in before):
            return True
    return False


# The doer of an account is named in its first words ("The former Navy SEAL Eddie Gallagher stabbed ...").
SUBJECT_WORDS = 8
SUBJECT_LEAD = {"the", "a", "an", "former", "then", "then-", "ex", "late", "of", "and"}


@cache
def _title_words() -> frozenset[str]:
    words = lexicon("sources")
    return frozenset(w.capitalize() for w in (*words["titles"], *words["honorifics"]))


@dataclass(frozen=True)
class Pairing:
    """What is known about a pair beyond the two claims: their vectors' similarity (None within one
    document, where words suffice), their documents' dates (for revisions) and a key for the pair of
    documents, so that each pair of articles can hold its own relation."""

    similarity: float | None = None
    dates: tuple[str | None, str | None] = (None, None)
    documents: str = ""
    story: float | None = None  # similarity of the two articles as wholes: same story or not


# Two claims this close in meaning, by the same stance, from different sources, say the same thing.
# Calibrated by reading pairs of the Wikinews corpus: above 0.8 they are paraphrases or the same report.
CORROBORATION_SIMILARITY = 0.8
# Within one story, two sources sharing the point's words need less: "Navalny was poisoned" (associates)
# and "Navalny was poisoned with Novichok" (the German government) score 0.49.
STORY_CORROBORATION_SIMILARITY = 0.45
# Within one story, one event told with different verbs or none ("was the victim of an attack with a nerve
# agent" / "... of a chemical attack"): on genres dev, statements of one event in other words score 0.74 to
# 0.78, and pairs of one story's different points fall below 0.7.
STORY_EVENT_CORROBORATION_SIMILARITY = 0.7
# Polarity across articles: fewer shared words suffice when the sentences are this close in meaning.
POLARITY_SIMILARITY = 0.6
CLOSE_SIMILARITY = 0.68
# Two articles this close (mean claim vectors) report one story: their figures may be compared even when
# the sentences differ ("62 killed" in one, "81 have lost their lives" in the next).
STORY_SIMILARITY = 0.6
# Within one story a doubt meets the claim it doubts at this similarity with one shared word ("no traces of
# poison were found" / "he had been poisoned": 0.48 and 0.56 on the stories dev gold).
STORY_DOUBT_SIMILARITY = 0.45
# Outside one story, figures of two articles are compared only for sentences this close: "5,667 measles cases"
# and "2,741 confirmed cases" of another disease score 0.5-0.65.
CROSS_STORY_SIMILARITY = 0.72


def _corroboration(a: Claim, b: Claim, context: Pairing, frames: Frames) -> Finding | None:
    if context.similarity is None or not frames[0] or not frames[1]:
        return None
    if _counts(a) and _counts(b):
        return None  # two claims with figures of a kind agree by their figures or not at all (see _quantity)
    if _same_stand(a, b):
        # one stand taken on one event ("does not endorse any Orlian operation" / "do not endorse [cue] an
        # Orlian operation"): the event is what they stand on, whatever verb carries the stand
        if conflict(frames[0], frames[1], kinds_matched=True, published=context.dates):
            return None
        if not (frames[0].mentioned & frames[1].mentioned) - _attitude_kinds():
            return None
    # likeness proposes, the event decides: the same event, said to have happened (or not) by both
    elif conflict(frames[0], frames[1], published=context.dates) or frames[0].negated != frames[1].negated:
        return None
    elif not a.predicates or not b.predicates:
        return None  # a bare noun phrase ("an Orlian operation in the north") says nothing to agree with
    # within a story, sentences share the story's names; the same point needs the same verb too, or, said
    # with another verb or none ("was the victim of an attack with a nerve agent"), a closer likeness
    verbs = ({p.lemma for p in a.predicates} & {p.lemma for p in b.predicates}) - {"be", "have", "say", "do"}
    in_story = (context.story or 0) >= STORY_SIMILARITY and len(shared_words(a, b)) >= 2
    needed = (CORROBORATION_SIMILARITY if not in_story else STORY_CORROBORATION_SIMILARITY if verbs
              else STORY_EVENT_CORROBORATION_SIMILARITY)
    if context.similarity < needed:
        return None
    if a.stance != b.stance or source_identity(a) == source_identity(b):
        return None
    if not _independent(a, b):
        return None
    event = _event_words(frames, context)
    return Finding("corroborates", "same point", f"{event}{a.source.name} and {b.source.name} say the same",
                   context.similarity, f"same:{min(a.id, b.id)}:{context.documents}")


def _stand(claim: Claim) -> bool | None:
    """For (True) or against (False) what the claim introduces, by its cue ("we oppose", "do not endorse")
    or by the verb its content opens with ("that the United States does not endorse any operation"); None
    when neither takes a stand."""
    attitudes = link_words()["attitude_cues"]
    words = (claim.cue or "").lower().replace("n't", " not").split()
    stands = {side == "for" for side, cues in attitudes.items() for word in words if word in cues}
    negated = any(word in ("not", "never", "no") for word in words)
    if not stands and claim.predicates:
        opening = claim.predicates[0]
        stands = {side == "for" for side, cues in attitudes.items() if opening.lemma in cues}
        negated = opening.negated
    if len(stands) != 1:
        return None
    return stands.pop() != negated


@cache
def _attitude_kinds() -> frozenset[str]:
    """The event types of the verbs that take a stand ("support", "oppose"): the stand, not its object."""
    return frozenset(kind_of_verb(word) for words in link_words()["attitude_cues"].values() for word in words)


def _same_stand(a: Claim, b: Claim) -> bool:
    """Both take the same stand on what they introduce: "do not support any incursion by Orlia" and "oppose
    Orlia's decision to launch an incursion"."""
    first = _stand(a)
    return first is not None and first == _stand(b)


def _same_judgement(a: Claim, b: Claim, shared: frozenset[str], context: Pairing, frames: Frames) -> Finding | None:
    """Two independent sources judging one object the same way on a scale of `verdicts` ("the advice was
    unlawful and of no effect" / "the advice ... was unlawful, void and of no effect"): within one story,
    with a word of the object in common that names neither the event nor the judgement."""
    first, second = frames
    if not (first and second) or (context.story or 0) < STORY_SIMILARITY:
        return None
    if a.stance != "asserts" or b.stance != "asserts":
        return None
    if conflict(first, second, kinds_matched=True, published=context.dates) or not (shared - event_words()):
        return None
    if source_identity(a) == source_identity(b) or not _independent(a, b):
        return None
    judged_a, judged_b = verdicts(a.content), verdicts(b.content)
    # a claim judging both ways on a scale ("lawful ... not void") agrees with nothing on it
    agreed = [(scale, affirms) for scale, affirms in sorted(judged_a & judged_b)
              if (scale, not affirms) not in judged_a | judged_b]
    if not agreed:
        return None
    scale, affirms = agreed[0]
    judged = scale if affirms else f"not {scale}"
    return Finding("corroborates", "same point",
                   f"{_event_words(frames, context)}{a.source.name} and {b.source.name} judge it {judged}",
                   1.0 + (context.similarity or 0), f"same:{min(a.id, b.id)}:{context.documents}")


def _anchored(frames: Frames) -> bool:
    """Outside one story, two claims are about one event only when they name someone, somewhere or an
    incident in common: "four victims were from one family" and "two victims died" may be any two attacks."""
    first, second = frames
    return bool(first and second and (first.names & second.names or first.occasions & second.occasions))


def _counts(claim: Claim) -> bool:
    return any(quantity_class(q) or unit_of(q) for q in claim.quantities)


def _independent(a: Claim, b: Claim) -> bool:
    """Neither relays the other, they are not one source under two names ("Roe", "President Roe"), and
    not two offices of one state ("the Valorian Chancellor", "the Valorian government")."""
    relays_a = {source_key(v.name, v.kind) for v in a.via}
    relays_b = {source_key(v.name, v.kind) for v in b.via}
    return source_identity(b) not in relays_a and source_identity(a) not in relays_b and not _one_state(a, b)


def _one_state(a: Claim, b: Claim) -> bool:
    """Both sources are offices of one country and nothing else: their names, offices aside, are the country."""
    parties = _party_words(a.source.name), _party_words(b.source.name)
    countries = {*link_words()["demonyms"].values(), *_capitals().values()}
    return len(parties[0]) == 1 and parties[0] == parties[1] and parties[0] <= countries


def _event_words(frames: Frames, context: Pairing) -> str:
    """The shared event, to open an explanation: "kill, flood, ravenna, as of 2022-03-08: "."""
    if not frames[0] or not frames[1]:
        return ""
    text = describe(frames[0], frames[1], max((d for d in context.dates if d), default=None))
    return f"{text}: " if text else ""



Kept = dict[str, list[tuple[Finding, Claim, Claim]]]
Frames = tuple[EventFrame | None, EventFrame | None]


def keep_strongest(kept: Kept, finding: Finding, a: Claim, b: Claim, limit: int = 1) -> None:
    """Keep the `limit` strongest findings of the finding's group: one disagreement reported once."""
    ranked = sorted([*kept.get(finding.group, []), (finding, a, b)], key=lambda item: -item[0].strength)
    kept[finding.group] = ranked[:limit]


def _directive(claim: Claim) -> bool:
    """A call or demand ("called for a 100% immunization rate"): its figures are a goal, not a count."""
    cue = f" {(claim.cue or '').lower()} "
    return any(f" {phrase} " in cue for phrase in link_words()["directive_cues"])


def compare_claims(a: Claim, b: Claim, context: Pairing | None = None) -> list[Finding]:
    """Every relation between two claims, best first; empty when they are about different things."""
    if a.caption or b.caption:
        return []
    context = context or Pairing()
    frames = frame_of(a), frame_of(b)
    # "Thank you, Madam Chair", a bare name, "it": no event to agree or disagree about. A denial or a doubt
    # may name no event of its own ("denied the existence of a deal", "no evidence of it"): it answers another's.
    if any(frame is None and claim.stance == "asserts" for frame, claim in zip(frames, (a, b), strict=True)):
        return []
    shared = shared_words(a, b)
    overlap = len(shared) / max(len(keywords(a.content) | keywords(b.content)), 1)
    same_source = source_identity(a) == source_identity(b)
    similarity, story = context.similarity or 0, context.story or 0
    if a.document != b.document:
        # two articles' figures are compared only within one story, or when the sentences are near twins
        related = story >= STORY_SIMILARITY or (similarity >= CROSS_STORY_SIMILARITY and _anchored(frames))
    else:
        related = bool(shared) or similarity >= 0.5
    if _directive(a) or _directive(b):
        return [f for f in [_corroboration(a, b, context, frames)] if f]
    findings = [_quantity(a, b, overlap, context, frames) if related else None]
    if not same_source:
        findings += [_status(a, b, shared, context), _polarity(a, b, shared, context, frames),
                     _standing(a, b, shared, context, frames)]
    found = [f for f in findings if f]
    if not any(f.kind == "contradicts" for f in found):
        found.append(_corroboration(a, b, context, frames) or _same_judgement(a, b, shared, context, frames))  # type: ignore[arg-type]
    return sorted((f for f in found if f), key=lambda f: -f.strength)
