"""A cap on sentence length: a long run of words without a full stop is cut into sentences before parsing.

The attribution rules walk each sentence's parse tree from every cue, which costs about the cube of the
sentence's length: a 3,400-token "sentence" (20 KB of text without punctuation) took 74 s there, and a
200 KB one nearly four minutes. Text like that is not prose (a keyword dump, a table flattened to one
line, a transcript without punctuation), so cutting it every `MAX_SENTENCE_TOKENS` tokens loses nothing
a reader would call a sentence, and keeps the work per token flat.

Runs before the parser, which keeps sentence starts set before it (as it does the paragraph starts).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MAX_SENTENCE_TOKENS", "cap_sentences"]

# The longest run of tokens between sentence-final marks in the shared corpora (Wikinews 2019-2020,
# PolNeAR, genres-dev: 1,309 articles) is 199 tokens; at 300 the rules take about 0.02 s per sentence.
MAX_SENTENCE_TOKENS = 300
# Marks that end a sentence in the languages of those corpora (the danda ends Hindi sentences).
_FINAL = frozenset(".!?…।。؟")


@Language.factory("claimgraph_sentence_cap", assigns=["token.is_sent_start"])
def make_sentence_cap(nlp: Language, name: str) -> SentenceCap:
    return SentenceCap()


class SentenceCap:
    def __call__(self, doc: Doc) -> Doc:
        return cap_sentences(doc)


def cap_sentences(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> Doc:
    """Start a sentence at every `limit`-th token of a run with no sentence start and no final mark."""
    run = 0
    for token in doc:
        if token.is_sent_start:
            run = 0
        elif run >= limit:
            token.is_sent_start = True
            run = 0
        run += 1
        if token.text[-1:] in _FINAL:
            run = 0
    return doc
