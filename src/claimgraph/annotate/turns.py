"""Speaker turns: who holds the floor in a transcript or a parliamentary debate.

A briefing transcript gives each turn a label (`MS. OKAFOR:`, `SECRETARY DOE:`, `Q`), Hansard a name with
a party (`Lord Smith of Example (Lab):`, `The Minister of State (Baroness X) (Con):`) or, on its web pages, a
speaker line (`Photo of Jane Doe Jane Doe The Secretary of State 11:37 am`). Everything up to the next label
is that speaker's speech, so a sentence with no attribution of its own is the speaker's direct speech, "I"
and "we" are the speaker, and a third party's claim the speaker passes on is relayed by the speaker.

Runs before the parser (labels are read off the text, the patterns in annotate/data/turns.json) and starts
a sentence at each label and at the speech after it, so that a label never becomes a sentence's subject.
Writes doc.spans["turns"] (the speech, `Span._.turn` holding the `Turn`) and doc.spans["turn_labels"].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Span._.turn)
from .lexicon import honorifics, lexicon, titles

__all__ = ["Turn", "find_turns", "in_label", "turn_at"]


@dataclass(frozen=True)
class Turn:
    """One speaker's turn, in character offsets of the text."""

    label_start: int
    label_end: int  # the speech starts after this
    end: int  # where the next label starts, or the end of the text
    speaker: str  # the name the label gives, as written ("MS. OKAFOR", "Lord Smith of Example"); may be ""
    role: str | None = None  # the office given with it ("The Attorney-General")
    party: str | None = None
    question: bool = False  # a question from the floor: it asserts nothing itself


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lexicon("turns")
    lines = {k: v for k, v in data["speaker_lines"].items() if not k.startswith("_")}
    return {
        **{name: re.compile(p) for name, p in lines.items()},
        "bracket": re.compile(data["bracket_label"]),
        "caps": re.compile(data["caps_label"]),
        "titled": re.compile(data["titled_label"]),
        "bare_question": re.compile(data["bare_question"]),
    }


def find_turns(text: str) -> list[Turn]:
    """The speaker turns of a text, in order; [] when it is not a transcript or a debate."""
    found: dict[int, Turn] = {}  # by where the speech starts: "MS. LEE:" is not also "LEE:"
    for start in _candidate_starts(text):
        turn = _label_at(text, start)
        if turn is not None:
            found.setdefault(turn.label_end, turn)
    turns = sorted(found.values(), key=lambda t: t.label_start)
    caps = [t for t in turns if t.party is None and t.role is None and t.speaker.isupper()]
    if len(caps) == 1 and not _names_a_speaker(caps[0].speaker):
        turns.remove(caps[0])  # one capitalised word before a colon is a dateline or a heading ("LONDON:")
    titled = [t for t in turns if t.party is None and t.role is None and not t.speaker.isupper() and t.speaker != "Q"]
    if len(titled) == 1 and len(turns) == 1:
        turns.remove(titled[0])  # "President Doe: a profile" is a heading; a transcript has more than one turn
    return [replace(t, end=turns[i + 1].label_start if i + 1 < len(turns) else len(text.rstrip()))
            for i, t in enumerate(turns)]


def _candidate_starts(text: str) -> list[int]:
    """Line starts (after indentation) and sentence starts (turns run together on one line)."""
    starts = [m.end() for m in re.finditer(r"(?:^|\n)[ \t]*", text)]
    starts += [m.end() for m in re.finditer(r"[.?!][\"”’]?[ \t]+(?=[A-Z(])", text)]
    return sorted(set(starts))


def _label_at(text: str, start: int) -> Turn | None:
    patterns = _patterns()
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip()
    if at_line_start:
        for name in ("photo", "portrait"):
            match = patterns[name].match(text, start, _line_end(text, start))
            if match:
                return Turn(match.start(), match.end(), 0, match["speaker"].strip(),
                            role=(match["role"] or "").strip() or None)
    bracket = patterns["bracket"].match(text, start)
    if bracket and bracket["party"].strip().lower() in lexicon("turns")["parties"]:
        return _bracket_turn(bracket)
    caps = patterns["caps"].match(text, start)
    if caps and _is_caps_label(caps["speaker"]):
        return Turn(caps.start(), caps.end(), 0, caps["speaker"].strip(),
                    question=_is_question(caps["speaker"]))
    titled = patterns["titled"].match(text, start) if at_line_start else None
    if titled and _is_question(titled["speaker"]):
        return Turn(titled.start(), titled.end(), 0, titled["speaker"].strip(), question=True)
    if titled and " " in titled["speaker"] and titled["first"].lower().rstrip(".") in _forms_of_address():
        return Turn(titled.start(), titled.end(), 0, titled["speaker"].strip())
    bare = patterns["bare_question"].match(text, start)
    if bare and at_line_start:
        return Turn(bare.start(), bare.end(), 0, "Q", question=True)
    return None


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _bracket_turn(match: re.Match[str]) -> Turn | None:
    """'Lord Smith of Example (Lab):', 'The Minister of State (Baroness X) (Con):', '(Con):'."""
    before = re.sub(r"\(\s*\)", "", match["before"] or "").strip(" ,")
    inner = re.search(r"\(([^()]+)\)\s*$", before)
    if inner:  # the name in brackets after the office: the office is the role
        speaker, role = inner.group(1).strip(), before[: inner.start()].strip(" ,") or None
    elif before.startswith("The "):  # an office with the name left out
        speaker, role = "", before
    else:
        speaker, role = before, None
    if speaker and not all(w[:1].isupper() or w in _NAME_PARTICLES for w in speaker.replace(",", " ").split()):
        return None  # a sentence that happens to end "(Lab):" is not a label
    return Turn(match.start(), match.end(), 0, speaker, role=role, party=match["party"].strip())


_NAME_PARTICLES = {"of", "the", "for", "and", "de", "van", "von", "der", "la", "le", "du", "da"}


def _words(label: str) -> list[str]:
    return [w.strip(".'’").lower() for w in label.split() if w.strip(".'’")]


def _is_caps_label(label: str) -> bool:
    words = _words(label)
    if not words or " ".join(words) in lexicon("turns")["not_speakers"]:
        return False
    return len("".join(words)) >= 2 or _is_question(label)


def _is_question(label: str) -> bool:
    return " ".join(_words(label)) in lexicon("turns")["question_labels"]


def _forms_of_address() -> frozenset[str]:
    """Honorifics and offices: the words a speaker label opens with ("Mr. Price:", "Secretary Doe:")."""
    return honorifics() | titles()


def _names_a_speaker(label: str) -> bool:
    """A lone label counts when it has a form of address, an office or a speaker's role in it."""
    known = _forms_of_address() | set(lexicon("turns")["anonymous_words"]) | set(lexicon("turns")["question_labels"])
    return bool(set(_words(label)) & known)


@Language.factory("claimgraph_turns", assigns=["doc.spans", "token.is_sent_start"])
def make_turns(nlp: Language, name: str) -> TurnMarker:
    return TurnMarker()


class TurnMarker:
    def __call__(self, doc: Doc) -> Doc:
        return mark_turns(doc)


def mark_turns(doc: Doc) -> Doc:
    speeches, labels = [], []
    for turn in find_turns(doc.text):
        label = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
        speech = doc.char_span(turn.label_end, turn.end, alignment_mode="expand")
        if label is None or speech is None or not len(speech):
            continue
        first = next((t for t in speech if not t.is_space), None)
        if first is None:
            continue
        speech = doc[first.i : speech.end]
        label[0].is_sent_start = True
        first.is_sent_start = True
        speech._.turn = turn
        speeches.append(speech)
        labels.append(label)
    doc.spans["turns"] = speeches
    doc.spans["turn_labels"] = labels
    return doc


def turn_at(doc: Doc, token: int) -> Turn | None:
    """The turn whose speech holds token `token`, if any."""
    for speech in doc.spans.get("turns", []):
        if speech.start <= token < speech.end:
            return speech._.turn  # type: ignore[no-any-return]
    return None


def in_label(doc: Doc, token: int) -> bool:
    return any(label.start <= token < label.end for label in doc.spans.get("turn_labels", []))
