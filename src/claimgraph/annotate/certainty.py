"""Certainty of each frame: certain, probable, possible or conditional.

Reads hedges in the frame's content main clause (annotate/data/cues.json): "likely" is probable;
"possibly", "could", "may" are possible; "if confirmed" or an if-clause on the main verb is conditional.
Hedging cue verbs ("suggested that") lend their own certainty. Hedges buried in an embedded clause
("a pact stipulating assistance if either country is attacked") do not hedge the claim.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .frames import Frame
from .lexicon import lexicon

__all__ = ["certainty_of"]

MODALS = {"would", "could", "will", "might", "may", "should", "'d", "’d"}
RANK = {"certain": 0, "probable": 1, "possible": 2, "conditional": 3}
# dependency labels that open an embedded clause: hedges below them belong to that clause, not the claim
EMBEDDING = {"advcl", "acl", "pcomp", "prep", "csubj", "npadvmod"}


@Language.factory("claimgraph_certainty", assigns=["doc._.frames"], requires=["doc._.frames"])
def make_certainty(nlp: Language, name: str) -> CertaintyTagger:
    return CertaintyTagger()


class CertaintyTagger:
    def __call__(self, doc: Doc) -> Doc:
        for frame in doc._.frames or []:
            frame.certainty = certainty_of(doc, frame)
        return doc


def _main_clause(token: Token, start: int, end: int) -> bool:
    """True when the token hangs off the content's root without crossing into an embedded clause or into
    another clause joined to it ("the plant closed, but it may reopen": the "may" is the second clause's)."""
    node = token
    while start <= node.head.i < end and node.head.i != node.i:
        if node.dep_ in EMBEDDING:
            return False
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children
        ):
            return False
        node = node.head
    return True


def _modifies_part(token: Token, start: int, end: int) -> bool:
    """An attributive hedge on a noun that is only part of the claim ("the suspected gunman surrendered");
    one on the noun the content is ("warned of potential flash floods") hedges it."""
    noun = token.head
    return start <= noun.head.i < end and noun.head.i != noun.i


def _purpose(token: Token) -> bool:
    """A modal in a purpose clause ("redirected so he could be treated") states an aim, not a possibility."""
    markers = lexicon("cues")["purpose_markers"]
    head = token.head
    return any(c.dep_ in ("advmod", "mark") and c.i < token.i and (
        c.lower_ in markers or (c.lower_ == "that" and c.i > 0 and c.doc[c.i - 1].lower_ in markers)
    ) for c in head.children)


def certainty_of(doc: Doc, frame: Frame) -> str:
    cues = lexicon("cues")
    hedges: dict[str, list[str]] = cues["hedges"]
    start, end = frame.content
    best = "certain"
    head = frame.cue_head(doc)
    if head is not None:
        best = cues["hedge_cue_verbs"].get(head.lemma_, "certain")
        if frame.stance in ("denies", "doubts", "declines"):
            best = "certain"
    text = " " + " ".join(t.lower_ for t in doc[frame.sentence[0] : frame.sentence[1]]) + " "
    if any(f" {p} " in text for p in hedges["conditional"]) or _conditional_root(doc, start, end):
        return "conditional"
    single = {w: level for level in ("probable", "possible") for w in hedges[level] if " " not in w}
    for token in doc[start:end]:
        level = single.get(token.lower_)
        if level and token.dep_ == "aux" and any(c.dep_ == "neg" for c in token.head.children):
            continue  # "could not corroborate": inability, not possibility
        if level and token.lower_ in MODALS and _purpose(token):
            continue
        if level == "possible" and token.dep_ == "amod" and _modifies_part(token, start, end):
            continue  # "the suspected gunman surrendered": the hedge is the noun's, not the claim's
        if level and _main_clause(token, start, end) and RANK[level] > RANK[best]:
            best = level
    if frame.source is not None:  # "unconfirmed reports say ..."
        for token in doc[frame.source[0] : frame.source[1]]:
            level = cues["hedged_sources"].get(token.lower_)
            if level and RANK[level] > RANK[best]:
                best = level
    for level in ("probable", "possible"):
        for phrase in (p for p in hedges[level] if " " in p):
            if f" {phrase} " in text and RANK[level] > RANK[best]:
                best = level
    return best


def _conditional_root(doc: Doc, start: int, end: int) -> bool:
    """An if-clause on the content's root that governs it: "If X, it would be Y", "Y would follow if X".

    The small parser also hangs embedded conditions ("a pact stipulating aid if either is attacked") on the
    root, so a trailing if-clause counts only when the main verb is modal (would, could, will, might).
    """
    for token in doc[start:end]:
        if token.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            continue
        head = token.head
        if start <= head.head.i < end and head.head.i != head.i:
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children)
        if token.i < head.i or modal:
            return True
    return False
