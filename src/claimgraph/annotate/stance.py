"""Stance of each frame: asserts, denies, doubts or declines.

Starts from the cue's own stance (annotate/data/cues.json: "denied" denies, "question" doubts) and reads
its scope: a negated confirmation or comment ("did not immediately confirm") declines; falsity words in a
describing or calling frame ("describing the claims as fake news") deny; doubt phrases in the content or
cue clause ("have no evidence that", "cannot corroborate") doubt. Withholding ("gave no further details")
is marked by the attribution component as a frame of its own kind.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from .frames import Frame
from .lexicon import lexicon

__all__ = ["stance_of"]

DESCRIBING = {"describe", "call", "characterize", "characterise", "label", "dismiss", "brand"}


@Language.factory("claimgraph_stance", assigns=["doc._.frames"], requires=["doc._.frames"])
def make_stance(nlp: Language, name: str) -> StanceTagger:
    return StanceTagger()


class StanceTagger:
    def __call__(self, doc: Doc) -> Doc:
        for frame in doc._.frames or []:
            frame.stance = stance_of(doc, frame)
        return doc


def _words(doc: Doc, start: int, end: int) -> str:
    return " " + " ".join(t.lower_ for t in doc[start:end]) + " "


def _has_phrase(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"(?<![\w]){re.escape(p)}(?![\w])", text) for p in phrases)


def stance_of(doc: Doc, frame: Frame) -> str:
    cues = lexicon("cues")
    cue = frame.cue_head(doc)
    lemma = cue.lemma_.lower() if cue is not None else ""
    content = _words(doc, *frame.content)
    clause = _words(doc, *frame.sentence)
    if frame.kind in ("declines", "doubts"):
        return frame.kind
    if cue is not None and frame.negated and lemma in cues["declines_when_negated"]:
        return "declines"
    # a frame the learned tagger adds ("Experts debunk ...") has no stance of its own: its cue verb's entry gives it
    own = cues["speech_verbs"].get(lemma, "asserts") if frame.kind == "learned" else frame.stance
    if own == "declines" and cue is not None and not _refuses_to_speak(cue):
        own = "asserts"  # "refused to leave" is an act, not a refusal to comment
    if own in ("denies", "doubts", "declines") and not frame.negated:
        return str(own)
    if lemma in DESCRIBING and _has_phrase(content, cues["denial_words"]):
        return "denies"
    if lemma == "plead" and _has_phrase(clause, ["not guilty", "innocent"]):
        return "denies"  # a plea of not guilty denies the charges
    scope = content if frame.kind != "author" else clause
    if any(re.search(rf"(?<![\w]){p}(?![\w])", scope) for p in cues["declines_phrases"]):
        return "declines"  # "I'm not in a position to confirm", "we'll talk about that another time"
    if _rejects_reading(doc, frame):
        return "denies"
    # the doubt may sit between the cue and the quotation: 'said the alliance "have no evidence that ..."'
    if _has_phrase(scope, cues["doubt_phrases"]) and _doubt_governs(doc, frame):
        return "doubts"
    return "asserts"


def _refuses_to_speak(cue: Token) -> bool:
    """'declined to comment', 'refused to disclose the price', 'declined comment'; not 'refused to leave'."""
    cues = lexicon("cues")
    infinitive = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if infinitive is None:
        return True
    said = infinitive.lemma_.lower()
    return said in cues["speech_verbs"] or said in cues["refused_speech"] or said in cues["declines_when_negated"]


def _rejects_reading(doc: Doc, frame: Frame) -> bool:
    """The content's main clause rejects a claim or a reading of events: "this does not constitute a
    withdrawal", "this cannot be dismissed as a domestic matter", "that is not true", "the claims are lies"."""
    cues = lexicon("cues")
    start, end = frame.content
    roots = [t for t in doc[start:end] if t.head.i == t.i or not (start <= t.head.i < end)]
    for root in roots:
        negated = any(c.dep_ == "neg" for c in root.children)
        if negated and root.lemma_.lower() in cues["reading_verbs"]:
            return True
        if root.lemma_.lower() != "be":
            continue
        parts = [c for c in root.children if c.dep_ in ("nsubj", "attr", "acomp")]
        if any(p.lower_ in cues["denial_words"] or p.lemma_.lower() in cues["denial_words"] for p in parts):
            return True
        if negated and any(p.dep_ in ("acomp", "attr") and p.lower_ in cues["negated_truth"] for p in parts):
            return True
    return False


def _doubt_governs(doc: Doc, frame: Frame) -> bool:
    """A doubt phrase counts when it sits in the content's main clause, not deep in an embedded one."""
    doubt_heads = {"evidence", "proof", "indication", "sign", "signs", "confirmation", "clear", "unclear",
                   "corroborate", "confirm", "verify", "skeptical", "sceptical", "doubtful", "trace", "traces",
                   "record", "found", "doubt"}
    start, end = frame.content
    roots = [t for t in doc[start:end] if t.head.i == t.i or not (start <= t.head.i < end)]
    for token in doc[start:end]:
        if token.lower_ in doubt_heads:
            depth = 0
            node = token
            while node not in roots and node.head.i != node.i and depth < 6:
                if node.dep_ in ("ccomp", "advcl", "relcl", "acl") and node is not token:
                    break
                node = node.head
                depth += 1
            if node in roots:
                return True
    return False
