"""Whose voice a sentence is in when it names no source: the turn's speaker, or the document's own voice.

A transcript label is a name in capitals with a form of address ("MS. OKAFOR", "ADMINISTRATOR GREEN"); the
text usually gives the full name elsewhere ("Deputy Press Secretary Jane Okafor"), and that is the name the
speaker gets, as "Mr Zelensky" gets "Volodymyr Zelensky". A question from the floor is a reporter's.
Outside turns, the voice is the document's own (`Document.voice`: its author, else its outlet).

Without an author in its metadata, a document's opening lines can name its issuer: "Statement by the
Ministry of X", "Remarks by Ambassador Jane Roe at ...", or a byline that is only a person's name.

A document is in the first person (a government statement, an ambassador's remarks) when its own
sentences, outside quotations and turns, say "we" or "I": then its issuer, not the writer of a news story,
is the one passing on what third parties said, and is recorded as their relay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from ..annotate.lexicon import honorifics, lexicon
from ..annotate.turns import Turn, turn_at
from ..model import Document, Source

__all__ = ["Voices", "speaker_of"]

FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}
# Two sentences in the first person make a first-person document: one can be a slip or a quotation the
# quote marker missed. Checked on the gold sets: no news article there has one such sentence.
FIRST_PERSON_SENTENCES = 2
REPORTER = "reporter"
# A heading that names the issuer is among a page's first lines (title, date line, byline) and is short.
HEADING_PARAGRAPHS = 4
MAX_HEADING_CHARS = 200


@cache
def _issuer_pattern() -> re.Pattern[str]:
    return re.compile(lexicon("turns")["issuer_heading"], re.IGNORECASE)


def speaker_of(turn: Turn, full_names: dict[str, str]) -> Source:
    """The source a turn's label names, resolved to the full name the text gives (`full_names`: surname ->
    full name) when it gives one."""
    label = " ".join(turn.speaker.split())
    if turn.question:
        return Source(REPORTER, label, "media")
    if not label:
        office = (turn.role or "").removeprefix("The ").strip()
        return Source(office or f"unnamed member ({turn.party})", turn.role or f"({turn.party})", "person")
    words = lexicon("turns")
    parts = [w for w in label.split() if w.lower().rstrip(".") not in honorifics()] or label.split()
    if {w.lower().strip(".") for w in parts} & set(words["anonymous_words"]):
        return Source(_sentence_case(parts), label, "anonymous")
    surname = parts[-1].strip(".").lower()
    name = full_names.get(surname) or " ".join(parts)
    return Source(_title_case(name.split()) if name.isupper() else name, label, "person")


def _title_case(words: list[str]) -> str:
    small = {"of", "the", "and", "for", "on", "in", "at", "to"}
    return " ".join(w.lower() if w.lower() in small else w.capitalize() for w in words)


def _sentence_case(words: list[str]) -> str:
    text = " ".join(w.lower() for w in words)
    return text[:1].upper() + text[1:]


@dataclass
class Voices:
    """The voice at each point of one Doc: speakers by turn, the author elsewhere."""

    doc: Doc
    document: Document
    full_names: dict[str, str]
    _speakers: dict[int, Source] = field(default_factory=dict)

    def __post_init__(self) -> None:
        issuer = None if self.document.author else self._issuer_in_heading()
        self.author = Source.author(issuer) if issuer else self.document.voice
        self.first_person = self._first_person_sentences() >= FIRST_PERSON_SENTENCES

    def turn(self, token: int) -> Turn | None:
        return turn_at(self.doc, token)

    def speaker(self, token: int) -> Source | None:
        """The speaker of the turn holding `token`, if it is in one."""
        turn = self.turn(token)
        if turn is None:
            return None
        if turn.label_start not in self._speakers:
            self._speakers[turn.label_start] = speaker_of(turn, self.full_names)
        return self._speakers[turn.label_start]

    def at(self, token: int) -> Source:
        """Who "I" and "we" are at `token` (outside quotations): the turn's speaker, else the author."""
        return self.speaker(token) or self.author

    def _issuer_in_heading(self) -> str | None:
        """Who issues the text, when its opening lines say so: "Statement by the Ministry of X", "Remarks by
        Ambassador Jane Roe at ...", or a line that is nothing but a person's name (a byline)."""
        pattern = _issuer_pattern()
        for paragraph in list(self.doc.spans.get("paragraphs", []))[:HEADING_PARAGRAPHS]:
            text = paragraph.text.strip()
            if "\n" in text or len(text) > MAX_HEADING_CHARS:
                continue
            people = [e for e in paragraph.ents if e.label_ == "PERSON"]
            if len(people) == 1 and people[0].text.strip() == text:
                return self._person(people[0].text)
            match = pattern.match(text)
            if match:
                issuer = self.doc.char_span(paragraph.start_char + match.start("issuer"),
                                            paragraph.start_char + match.end("issuer"), alignment_mode="expand")
                named = [e for e in issuer.ents if e.label_ == "PERSON"] if issuer is not None else []
                return self._person(named[-1].text) if named else match["issuer"].removeprefix("the ").strip()
        return None

    def _person(self, name: str) -> str:
        words = name.split()
        return self.full_names.get(words[-1].lower(), name) if words else name

    def _first_person_sentences(self) -> int:
        quotes = [(q.start, q.end) for q in self.doc.spans.get("quotes", [])]
        count = 0
        for sent in self.doc.sents:
            if turn_at(self.doc, sent.start) is not None:
                continue
            if any(t.lower_ in FIRST_PERSON and not any(a <= t.i < b for a, b in quotes) for t in sent):
                count += 1
        return count
