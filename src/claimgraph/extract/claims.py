"""A finished spaCy Doc -> the document's Claims.

Reads only what the components declared: doc._.frames (attribution, stance, certainty), doc.spans["times"],
doc.spans["quantities"], doc.spans["captions"] and the entities. No parsing happens here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..annotate.frames import Frame
from ..annotate.nonclaims import nonclaim_at
from ..annotate.quotes import quoted_share
from ..annotate.turns import in_label
from ..model import Claim, Document, Place, Predicate, Quantity, QuoteKind, Source, Time
from ..resolve.sources import SourceResolver
from ..resolve.voices import Voices

__all__ = ["claims_from_doc"]

PLACE_LABELS = ("GPE", "LOC", "FAC")
UNNAMED_REPORTS = Source("reports", "", "anonymous")


def claims_from_doc(doc: Doc, document: Document) -> list[Claim]:
    """Every claim of one document, captions included (marked `caption=True`), in reading order."""
    resolver = SourceResolver(doc)
    voices = Voices(doc, document, resolver.full_names)
    resolver.voice = voices.at
    layout = _Layout(list(doc.spans.get("paragraphs", [])), [e for e in doc.ents if e.label_ in PLACE_LABELS])
    frames: list[Frame] = doc._.frames or []
    resolved: list[Source | None] = []
    claims: list[Claim] = []
    for frame in frames:
        source = resolver.resolve(frame.source)
        if frame.kind == "continuation" and frame.outer is not None and frame.outer < len(resolved):
            source = resolved[frame.outer] or source
        resolved.append(source)
        if not frame.is_claim or in_label(doc, frame.sentence[0]) or nonclaim_at(doc, _said_at(frame)):
            continue
        via = [v for v in (resolver.resolve(r) for r in frame.relays) if v is not None]
        voiced = _in_voice(voices, frame, source, via)
        if voiced is None:
            continue
        source, via, own_voice = voiced
        claim = _claim(doc, document, frame, source, via, layout)
        if own_voice:
            claim.quote = "direct"  # a turn's own words are the speaker's, verbatim
        claims.append(claim)
    for caption in doc.spans.get("captions", []):
        claims.append(_caption_claim(doc, document, caption, layout))
    claims.sort(key=lambda c: (c.start, not c.caption))
    for n, claim in enumerate(claims, start=1):
        claim.id = f"{document.id}-c{n}"
    return claims


def _said_at(frame: Frame) -> int:
    """The token whose sentence says the frame: its cue's (a frame can take in the sentence before its cue),
    else its first."""
    return frame.cue[0] if frame.cue else frame.sentence[0]


def _in_voice(
    voices: Voices, frame: Frame, source: Source | None, via: list[Source]
) -> tuple[Source, list[Source], bool] | None:
    """The claim's source and relays once the voice it is spoken in is known, and whether it is the turn
    speaker's own; None for a sentence of a reporter's question, which asserts nothing of its own."""
    turn = voices.turn(frame.sentence[0])
    speaker = voices.speaker(frame.sentence[0])
    if source is None and frame.kind == "author":
        if turn is not None and turn.question:
            return None
        return speaker or voices.author, via, speaker is not None
    if source is None:  # "reportedly", "is said to": unnamed reports, passed on by whoever speaks here
        source = UNNAMED_REPORTS
    if speaker is not None:
        if source.name == speaker.name:
            return source, via, True
        return source, _relayed_by(speaker, via), False  # the speaker passes on what a third party said
    if voices.first_person and source.kind != "author":
        return source, _relayed_by(voices.author, via), False  # a statement's issuer passes on a third party's
    return source, via, False


def _relayed_by(relay: Source, via: list[Source]) -> list[Source]:
    """`relay` outermost, once ("We have received word from X" already names the issuer as the relay)."""
    return [relay, *(v for v in via if v.name != relay.name)]


def _claim(
    doc: Doc, document: Document, frame: Frame, source: Source, via: list[Source], layout: _Layout
) -> Claim:
    sentence = doc[frame.sentence[0] : frame.sentence[1]]
    content = doc[frame.content[0] : frame.content[1]]
    evidence, start, end = _evidence(sentence)
    return Claim(
        document=document.id,
        evidence=evidence,
        content=content.text.strip(" “”\"‘’,").removesuffix("."),
        source=source,
        via=via,
        cue=frame.cue_text(doc),
        stance=frame.stance,  # type: ignore[arg-type]
        certainty=frame.certainty,  # type: ignore[arg-type]
        quote=_quote_kind(frame, content),
        quantities=_quantities(doc, frame),
        times=_times(doc, frame, sentence),
        places=layout.places_in(content),
        predicates=_predicates(doc[_scope(frame)[0] : _scope(frame)[1]]),
        start=start,
        end=end,
        paragraph=layout.paragraph_of(sentence.start),
        sentence=frame.sentence[0],
    )


def _caption_claim(doc: Doc, document: Document, caption: Span, layout: _Layout) -> Claim:
    evidence, start, end = _evidence(caption)
    return Claim(
        document=document.id, evidence=evidence, content=evidence, source=document.voice,
        caption=True, start=start, end=end, paragraph=layout.paragraph_of(caption.start),
        sentence=caption.start,
        times=[Time(t.text, t._.timex) for t in doc.spans.get("times", []) if caption.start <= t.start < caption.end],
        places=layout.places_in(caption),
    )


@dataclass(frozen=True)
class _Layout:
    """What every claim of a document looks up, listed once: spaCy builds `doc.ents` anew on each call (and
    `doc.text` from every token), which took two thirds of the time of claim building."""

    paragraphs: list[Span]
    places: list[Span]  # entities labelled PLACE_LABELS

    def paragraph_of(self, token: int) -> int:
        return next((i for i, p in enumerate(self.paragraphs) if p.start <= token < p.end), 0)

    def places_in(self, span: Span) -> list[Place]:
        """The place names wholly inside `span` (as `span.ents` finds them)."""
        return [Place(text=e.text, name=e.text) for e in self.places if span.start <= e.start and e.end <= span.end]


def _evidence(span: Span) -> tuple[str, int, int]:
    """The span's text without the whitespace around it, and where that text starts and ends in the document."""
    text = span.text
    stripped = text.strip()
    start = span.start_char + (len(text) - len(text.lstrip()))
    return stripped, start, start + len(stripped)


ASPECT = {"already", "yet", "still", "longer"}


def _predicates(span: Span) -> list[Predicate]:
    """The content's verbs with negation and aspect, for comparing the status of events across claims."""
    out = []
    for token in span:
        if token.pos_ != "VERB":
            continue
        negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)
        aspect = next((c.lower_ for c in token.children if c.lower_ in ASPECT), None)
        out.append(Predicate(lemma=token.lemma_.lower(), negated=negated, aspect=aspect,
                             modifier=_describes_noun(token, span)))
    return out


def _describes_noun(token: Token, span: Span) -> bool:
    """The verb sits in a relative or participial clause of a noun of the content ("an agent previously used
    in ..."), below its own predicate. An infinitive that completes its noun ("the request to suspend
    Parliament", "a plan to withdraw") says what the claim is about, and is no background."""
    while token.head.i != token.i and span.start <= token.head.i < span.end:
        infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
        if token.dep_ == "relcl" or (token.dep_ == "acl" and not infinitive):
            return True
        token = token.head
    return False


def _quote_kind(frame: Frame, content: Span) -> QuoteKind:
    if frame.kind == "author" or frame.stance == "declines":
        return "none"
    share = quoted_share(content)
    if frame.kind == "continuation" or share >= 0.9:
        return "direct"
    return "mixed" if share > 0 else "indirect"


def _scope(frame: Frame) -> tuple[int, int]:
    """Figures of an attributed claim come from its content; of the author's, from the whole sentence."""
    return frame.sentence if frame.kind == "author" else frame.content


def _quantities(doc: Doc, frame: Frame) -> list[Quantity]:
    start, end = _scope(frame)
    return [s._.quantity for s in doc.spans.get("quantities", []) if start <= s.start < end and s._.quantity]


def _times(doc: Doc, frame: Frame, sentence: Span) -> list[Time]:
    times = []
    for span in doc.spans.get("times", []):
        if sentence.start <= span.start < sentence.end:
            inside = frame.content[0] <= span.start < frame.content[1] or frame.kind == "author"
            times.append(Time(text=span.text, value=span._.timex, role="event" if inside else "statement"))
    return times
