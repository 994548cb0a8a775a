"""Paragraphs, and sentence starts at paragraph starts.

Runs before the parser, so that the parser never joins the end of one paragraph to the next: a caption
between two paragraphs must stay a sentence of its own. Paragraphs are separated by blank lines; a text
with no blank line at all has one paragraph per line, unless its lines are hard-wrapped (most of them stop
mid-sentence, as in printed Hansard or e-mail): then line ends mean nothing and the text is one paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["mark_paragraphs"]


@Language.factory("claimgraph_paragraphs", assigns=["doc.spans", "token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphMarker:
    return ParagraphMarker()


class ParagraphMarker:
    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraphs(doc)


# Hard-wrapped when at least half of the line ends fall mid-sentence; a text of one paragraph per line has
# nearly all its lines ending in a stop, a heading being the odd one out.
WRAPPED_SHARE = 0.5
SENTENCE_ENDS = tuple(".!?…:;\"”’)]")


def mark_paragraphs(doc: Doc) -> Doc:
    """Write doc.spans["paragraphs"] and force a sentence start at each paragraph's first token."""
    text = doc.text.replace("\r", "").replace(" \n", "\n")
    separator = "\n\n" if "\n\n" in text else ("" if _hard_wrapped(text) else "\n")
    spans = []
    start: int | None = None
    for token in doc:
        breaks = bool(separator) and token.is_space and separator in token.text.replace("\r", "").replace(" ", "")
        breaks = breaks or (bool(separator) and separator in token.whitespace_ and not token.is_space)
        if not token.is_space and start is None:
            start = token.i
        if breaks and start is not None:
            end = token.i if token.is_space else token.i + 1
            spans.append(doc[start:end])
            start = None
    if start is not None:
        end = len(doc)
        while end > start and doc[end - 1].is_space:
            end -= 1
        spans.append(doc[start:end])
    for span in spans:
        span[0].is_sent_start = True
        for token in span[1:]:
            # a paragraph's inner sentence starts are left to the parser, except a plain full stop
            if _after_full_stop(token):
                token.is_sent_start = True
            elif token.is_sent_start:
                token.is_sent_start = None  # type: ignore[assignment]
    doc.spans["paragraphs"] = spans
    return doc


def _after_full_stop(token: Token) -> bool:
    """'... the speed of the response. Can he assure ...': a capitalised word after a full stop that ends a
    lower-case word of three letters or more starts a sentence. The parser sometimes runs on there, most of
    all where a line break follows; abbreviations ("Gen. Lee", "No. 10", "vs. Smith") end in a capital or
    are shorter, and "a.m." is one token."""
    doc = token.doc
    if token.i < 2 or not (token.is_alpha and token.text[:1].isupper()):
        return False
    stop, word = doc[token.i - 1], doc[token.i - 2]
    return stop.text == "." and word.is_alpha and word.is_lower and len(word) >= 3 and stop.whitespace_ != ""


def _hard_wrapped(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    open_ends = sum(1 for line in lines[:-1] if not line.endswith(SENTENCE_ENDS))
    return open_ends / (len(lines) - 1) >= WRAPPED_SHARE
