"""What happened to what a figure counts: "killed", "hospitalised", "the death toll rose to 21".

Quantities that count the same kind of thing (deaths, cases, injuries) are compared across claims and
articles; the counted noun alone is not enough ("24 people" were hospitalised, "14 people" were killed).
The quantities component calls `event_of` and `passed` when it builds each figure.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["COUNT_NOUNS", "event_of", "passed"]


def passed(span: Span) -> bool:
    head = span.root.head
    if head.dep_ == "prep" and head.lower_ in ("to", "past", "beyond", "above"):
        head = head.head
    return head.lemma_.lower() in ("surpass", "exceed", "top", "pass", "cross", "break")


CHANGE_VERBS = {"rise", "climb", "increase", "reach", "grow", "jump", "stand", "hit", "surpass", "top", "exceed",
                "pass", "total", "soar", "mount"}
TALLY_NOUNS = {"toll", "number", "count", "tally", "total", "figure"}
COUNT_NOUNS = {"death", "fatality", "case", "infection", "injury", "casualty", "victim", "arrest"}


def _changing_count(verb: Token) -> str | None:
    """'The death toll rose to 21' -> death; 'the number of cases reached 900' -> case; 'cases rose' -> case."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lemma_.lower() not in TALLY_NOUNS:
        return subject.lemma_.lower() if subject.pos_ == "NOUN" else None
    for child in subject.children:  # "the total number of cases": what is counted follows "of"
        if child.dep_ == "prep" and child.lower_ == "of":
            counted = next((g for g in child.children if g.dep_ == "pobj"), None)
            if counted is not None:
                return counted.lemma_.lower()
    for child in subject.children:  # "the death toll"
        if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN":
            return child.lemma_.lower()
    return "death" if subject.lemma_.lower() == "toll" else None


def event_of(span: Span) -> str | None:
    """The verb or participle that says what happened to the counted thing: "24 people were hospitalised"
    -> hospitalise; "the death toll rose to 22" -> death (the noun a toll belongs to)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ in ("VBN", "VBD") and after.lemma_.lower() not in ("be", "have", "say"):
        return after.lemma_.lower()  # "as many as 65 evacuated": a participle right after a bare figure
    node = span.root
    for _ in range(4):
        if node is not span.root and node.pos_ == "NOUN" and node.lemma_.lower() in COUNT_NOUNS:
            return node.lemma_.lower()  # "53 measles-related deaths": the count is of deaths
        if node.pos_ == "VERB":
            state = next((c for c in node.children if c.dep_ in ("oprd", "acomp") and c.pos_ == "ADJ"), None)
            if state is not None:
                return state.lemma_.lower()  # "left seven motorcyclists dead"
        if node.lemma_.lower() in CHANGE_VERBS:
            counted = _changing_count(node)
            if counted is not None:
                return counted
        if (node.pos_ in ("VERB", "ADJ") and node.tag_ in ("VBN", "VBD", "VBZ", "VBP", "VBG", "VB", "JJ")
                and node.lemma_.lower() not in ("be", "have", "say", "report", "more", "other")):
            return node.lemma_.lower()
        if node.lemma_.lower() == "toll":
            compound = next((c for c in node.children if c.dep_ in ("compound", "amod")), None)
            return compound.lemma_.lower() if compound is not None else "death"
        if node.head.i == node.i:
            break
        node = node.head
    return None
