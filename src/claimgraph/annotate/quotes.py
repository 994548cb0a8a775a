"""Quoted passages: the text between quotation marks, per paragraph.

Pairs “ ” and straight double quotes (and « ») inside each paragraph. News style opens a quote that runs on
into the next paragraph without closing it, so an unclosed quote runs to the end of its paragraph. Single
quotes are left alone: ’ is far more often an apostrophe. The spans (quote marks included) decide direct
vs mixed vs indirect speech and carry a speaker into the following sentences of a quote.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["quoted_share"]

OPENING = {"“", "«", "„"}
CLOSING = {"”", "»"}
STRAIGHT = '"'


@Language.factory("claimgraph_quotes", assigns=["doc.spans"], requires=["doc.spans"])
def make_quotes(nlp: Language, name: str) -> QuoteMarker:
    return QuoteMarker()


class QuoteMarker:
    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for paragraph in doc.spans.get("paragraphs", []):
            spans.extend(_quotes_in(paragraph))
        doc.spans["quotes"] = spans
        return doc


def _is_opening(token_text: str, open_at: int | None) -> bool:
    return token_text in OPENING or (token_text == STRAIGHT and open_at is None)


def _quotes_in(paragraph: Span) -> list[Span]:
    doc = paragraph.doc
    spans = []
    open_at: int | None = None
    for token in paragraph:
        text = token.text
        if open_at is None and _is_opening(text, open_at):
            open_at = token.i
        elif open_at is not None and (text in CLOSING or text == STRAIGHT):
            spans.append(doc[open_at : token.i + 1])
            open_at = None
    if open_at is not None and paragraph.end - open_at > 1:
        spans.append(doc[open_at : paragraph.end])
    return spans


def quoted_share(span: Span) -> float:
    """Share of the span's words that lie inside quotation marks (0.0 to 1.0)."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return 0.0
    quotes = span.doc.spans.get("quotes", [])
    inside = sum(1 for t in words if any(q.start < t.i < q.end for q in quotes))
    return inside / len(words)
