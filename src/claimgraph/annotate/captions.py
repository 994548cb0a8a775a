"""Photo captions and credits: paragraphs that describe a picture, not the story.

A caption's text names people and places like a claim would ("Putin and Kim exchange documents ... on
June 19 (Name, Agency Photo via AP, File)"), so it must be marked before attribution runs and kept out of
the ledger's story claims. Signals (annotate/data/captions.json): a trailing parenthetical or bracket holding
credit words ("(AP Photo/...)", "[State Department photo by ...]", "Getty", "File"), a leading label
("Photo:"), a credit line ("Photo by ...", "... UN Photo/Name"), a trailing "Credit: ...", and the dash-led
attribution line of a pull-quote box ("—Name on ...").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import lexicon

__all__ = ["caption_of", "is_caption"]


@Language.factory("claimgraph_captions", assigns=["doc.spans"], requires=["doc.spans"])
def make_captions(nlp: Language, name: str) -> CaptionMarker:
    return CaptionMarker()


class CaptionMarker:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans["captions"] = [p for p in doc.spans.get("paragraphs", []) if is_caption(p.text)]
        return doc


def is_caption(paragraph: str) -> bool:
    """True when the paragraph reads as a photo caption or credit line."""
    data = lexicon("captions")
    text = paragraph.strip()
    if not text:
        return False
    if re.search(data["leading_label"], text, re.I) or re.search(data["quote_box_attribution"], text):
        return True
    if len(text) < 400 and re.search(data["credit_line"], text, re.I):
        return True
    if re.search(data["trailing_label"], text, re.I) and len(text) < 400:
        return True
    credit = re.search(data["trailing_credit"], text)
    if credit:
        words = set(re.findall(r"[a-z]+", credit.group(1).lower()))
        return bool(words & set(data["credit_words"]))
    return False


def caption_of(span: Span) -> bool:
    """True when `span` lies inside a caption paragraph of its Doc."""
    return any(c.start <= span.start < c.end for c in span.doc.spans.get("captions", []))
