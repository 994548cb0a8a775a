"""The unit every later component annotates: a `Frame`, one claim-sized piece of a sentence.

A frame is either an attribution (a source, a cue and the content they introduce) or a sentence in the
author's own voice. Frames are plain, picklable records of token offsets so that Docs cross process
boundaries (nlp.pipe with n_process > 1) intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

__all__ = ["Frame", "Marked", "continuation_of", "frame_span", "sort_frames", "word_bounds"]


@dataclass
class Marked:
    """Where annotators would put an attribution's spans (PolNeAR's conventions: "that" and quotation marks
    inside the content, a source's appositive with its closing comma), as the learned tagger marks them.
    The frame's own offsets stay what claimgraph compares; these are what an attribution benchmark scores."""

    cue: list[int]
    source: tuple[int, int] | None
    content: tuple[int, int]


@dataclass
class Frame:
    kind: str  # "verb" | "according" | "passive" | "continuation" | "author" | "declines"
    sentence: tuple[int, int]  # token offsets of the sentence the frame is read from
    content: tuple[int, int]  # token offsets of what is claimed
    cue: list[int] = field(default_factory=list)  # token indices of the cue words ("cited ... as saying")
    source: tuple[int, int] | None = None  # token offsets of the source mention; None: author or unnamed
    relays: list[tuple[int, int]] = field(default_factory=list)  # mentions that relay it, nearest to the article first
    outer: int | None = None  # index of the frame this one is nested in (its relay), if any
    nested: bool = False  # True when another frame reports through this one: it is a relay, not a claim
    negated: bool = False
    stance: str = "asserts"
    certainty: str = "certain"
    speaker_of: int | None = None  # continuation quotes: index of the frame whose speaker goes on
    marked: Marked | None = None  # the learned tagger's spans for this frame, where it found them

    @property
    def is_claim(self) -> bool:
        return not self.nested

    def cue_head(self, doc: Doc) -> Token | None:
        """The cue word whose lemma carries its stance and hedge: the last verb ("told" in "told reporters",
        "saying" in "cited ... as saying"), else the last word ("to" in "according to")."""
        if not self.cue:
            return None
        verbs = [i for i in self.cue if doc[i].pos_ == "VERB"]
        return doc[(verbs or self.cue)[-1]]

    def cue_text(self, doc: Doc) -> str | None:
        if not self.cue:
            return None
        parts: list[str] = []
        previous = None
        for i in sorted(self.cue):
            if previous is not None and i != previous + 1:
                parts.append("...")
            parts.append(doc[i].text)
            previous = i
        return " ".join(parts)


def frame_span(doc: Doc, offsets: tuple[int, int]) -> Span:
    return doc[offsets[0] : offsets[1]]


def word_bounds(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """doc[start:end] from its first word to its last (edge punctuation and spaces left out); None when it
    has no word."""
    words = [t.i for t in doc[start:end] if not (t.is_punct or t.is_space)]
    return (words[0], words[-1] + 1) if words else None


def continuation_of(speaker: Frame, sentence: tuple[int, int], content: tuple[int, int],
                    speaker_of: int | None = None) -> Frame:
    """A sentence with no cue of its own that goes on with `speaker` (a quotation's next sentence)."""
    return Frame(kind="continuation", sentence=sentence, content=content, source=speaker.source,
                 relays=list(speaker.relays), speaker_of=speaker_of)


def sort_frames(frames: list[Frame], speakers: list[Frame | None]) -> None:
    """Sort frames in reading order; each continuation frame's `outer` then points at its speaker's frame,
    given per frame (in the order before sorting) in `speakers`."""
    pairs = sorted(zip(frames, speakers, strict=True), key=lambda p: (p[0].sentence[0], p[0].content[0]))
    order = {id(f): i for i, (f, _) in enumerate(pairs)}
    frames[:] = [f for f, _ in pairs]
    for frame, speaker in pairs:
        frame.outer = order[id(speaker)] if speaker is not None and id(speaker) in order else None
