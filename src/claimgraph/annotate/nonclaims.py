"""Sentences that assert nothing: questions, commands, courtesies, headings and page chrome.

A transcript opens with "Good afternoon, everybody" and "Thank you, Madam President"; a government page
with "An official website of the United States Government"; a statement with its heading and the issuer's
name on a line of its own. None of these states something that could be true or false, so none is a
claim, and none may be linked to anything. The kinds, each a class of sentence rather than a list of
texts:
- a question (ends in "?" outside a quotation): it asks, it does not assert;
- a command ("Go ahead.", "Share this page"): an imperative root with no subject;
- a courtesy: nothing but greetings, thanks and forms of address ("Great, thank you. Thanks, Morgan.");
- an expressive act in the speaker's own voice: thanking, condoling, congratulating ("I want to extend
  sincere condolences to ..."; "the minister thanked the rescuers" reports an act and stays a claim);
- a heading or byline: a short single-line paragraph with no closing punctuation;
- page chrome ("Official websites use .gov"), by the patterns in annotate/data/nonclaims.json.
Writes doc.spans["nonclaims"] (whole sentences); extract/ leaves frames on them out of the ledger.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .lexicon import lexicon

__all__ = ["is_nonclaim", "nonclaim_at"]

# A heading is short: the longest headline in the Wikinews corpus has 19 words.
HEADING_WORDS = 20
# Chrome sentences are short; a long sentence that mentions cookies is story text.
CHROME_WORDS = 25
CLOSING = tuple(".!?…:;\"”’)]")


@Language.factory("claimgraph_nonclaims", assigns=["doc.spans"], requires=["token.dep", "doc.spans"])
def make_nonclaims(nlp: Language, name: str) -> NonclaimMarker:
    return NonclaimMarker()


class NonclaimMarker:
    def __call__(self, doc: Doc) -> Doc:
        headings = [p for p in doc.spans.get("paragraphs", []) if _is_heading(p)]
        doc.spans["nonclaims"] = [s for s in doc.sents if is_nonclaim(s) or _inside(s, headings)]
        return doc


def nonclaim_at(doc: Doc, token: int) -> bool:
    """True when the sentence holding token `token` asserts nothing."""
    return any(s.start <= token < s.end for s in doc.spans.get("nonclaims", []))


def is_nonclaim(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha]
    if not words:
        return False
    return _asks(sent) or _commands(sent) or _courtesy(words) or _expressive(sent) or _chrome(sent, words)


def _inside(sent: Span, paragraphs: list[Span]) -> bool:
    return any(p.start <= sent.start < p.end for p in paragraphs)


def _asks(sent: Span) -> bool:
    last = next((t for t in reversed(sent) if not (t.is_space or t.text in "\"”’'")), None)
    if last is None or last.text != "?":
        return False
    return not any(q.start <= last.i < q.end for q in sent.doc.spans.get("quotes", []))


def _commands(sent: Span) -> bool:
    """An imperative: the sentence opens with its root, a bare verb with no subject ("Go ahead.").
    "Let me say ..." introduces what follows rather than commanding, so it stays."""
    first = next((t for t in sent if t.is_alpha), None)
    root = sent.root
    if first is None or root.tag_ != "VB" or root.lemma_ == "let":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return False
    return first.i == root.i or (first.lower_ == "please" and first.i + 1 == root.i)


def _courtesy(words: list[Token]) -> bool:
    courtesy = set(lexicon("nonclaims")["courtesy_words"])
    return all(t.lower_ in courtesy or t.pos_ == "PROPN" for t in words)


def _expressive(sent: Span) -> bool:
    """Thanking, condoling, congratulating in the speaker's own voice: the main verb (or what "want to",
    "would like to" governs) with "I", "we" or no subject. "The minister thanked the rescuers" reports an
    act, and stays a claim."""
    data = lexicon("nonclaims")
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lower_ not in ("i", "we") for s in subjects):
        return False
    verbs = [root] + [c for c in root.children if c.dep_ == "xcomp"]
    if any(v.lemma_.lower() in data["expressive_verbs"] for v in verbs):
        return True
    nouns = set(data["expressive_nouns"])
    return any(c.dep_ == "dobj" and c.lower_ in nouns for v in verbs for c in v.children)


@cache
def _chrome_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("nonclaims")["chrome"]), re.IGNORECASE)


def _chrome(sent: Span, words: list[Token]) -> bool:
    return len(words) <= CHROME_WORDS and bool(_chrome_pattern().search(sent.text))


def _is_heading(paragraph: Span) -> bool:
    text = paragraph.text.strip()
    if not text or "\n" in text or text.endswith(CLOSING):
        return False
    return sum(1 for t in paragraph if t.is_alpha) <= HEADING_WORDS
