"""A finished spaCy Doc -> the document's Claims.

Reads only what the components declared: doc._.frames (attribution, stance, certainty), doc.spans["times"],
doc.spans["quantities"], doc.spans["captions"] and the entities. No parsing happens here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..annotate.frames import Frame
from ..annotate.quotes import quoted_share
from ..model import Claim, Document, Place, Predicate, Quantity, QuoteKind, Source, Time
from ..resolve.sources import SourceResolver

__all__ = ["claims_from_doc"]

PLACE_LABELS = ("GPE", "LOC", "FAC")


def claims_from_doc(doc: Doc, document: Document) -> list[Claim]:
    """Every claim of one document, captions included (marked `caption=True`), in reading order."""
    resolver = SourceResolver(doc)
    paragraphs = list(doc.spans.get("paragraphs", []))
    frames: list[Frame] = doc._.frames or []
    resolved: list[Source | None] = []
    claims: list[Claim] = []
    for frame in frames:
        source = resolver.resolve(frame.source)
        if frame.kind == "continuation" and frame.outer is not None and frame.outer < len(resolved):
            source = resolved[frame.outer] or source
        resolved.append(source)
        if not frame.is_claim:
            continue
        via = [v for v in (resolver.resolve(r) for r in frame.relays) if v is not None]
        claims.append(_claim(doc, document, frame, source, via, paragraphs))
    for caption in doc.spans.get("captions", []):
        claims.append(_caption_claim(doc, document, caption, paragraphs))
    claims.sort(key=lambda c: (c.start, not c.caption))
    for n, claim in enumerate(claims, start=1):
        claim.id = f"{document.id}-c{n}"
    return claims


def _claim(
    doc: Doc, document: Document, frame: Frame, source: Source | None, via: list[Source], paragraphs: list[Span]
) -> Claim:
    sentence = doc[frame.sentence[0] : frame.sentence[1]]
    content = doc[frame.content[0] : frame.content[1]]
    if source is None:
        source = Source("reports", "", "anonymous") if frame.kind == "passive" else document.voice
    start, end = _char_bounds(sentence)
    return Claim(
        document=document.id,
        evidence=doc.text[start:end],
        content=content.text.strip(" “”\"‘’,").removesuffix("."),
        source=source,
        via=via,
        cue=frame.cue_text(doc),
        stance=frame.stance,  # type: ignore[arg-type]
        certainty=frame.certainty,  # type: ignore[arg-type]
        quote=_quote_kind(frame, content),
        quantities=_quantities(doc, frame),
        times=_times(doc, frame, sentence),
        places=[Place(text=e.text, name=e.text) for e in content.ents if e.label_ in PLACE_LABELS],
        predicates=_predicates(doc[_scope(frame)[0] : _scope(frame)[1]]),
        start=start,
        end=end,
        paragraph=_paragraph_of(paragraphs, sentence.start),
        sentence=frame.sentence[0],
    )


def _caption_claim(doc: Doc, document: Document, caption: Span, paragraphs: list[Span]) -> Claim:
    start, end = _char_bounds(caption)
    return Claim(
        document=document.id, evidence=doc.text[start:end], content=doc.text[start:end], source=document.voice,
        caption=True, start=start, end=end, paragraph=_paragraph_of(paragraphs, caption.start),
        sentence=caption.start,
        times=[Time(t.text, t._.timex) for t in doc.spans.get("times", []) if caption.start <= t.start < caption.end],
        places=[Place(text=e.text, name=e.text) for e in caption.ents if e.label_ in PLACE_LABELS],
    )


def _char_bounds(span: Span) -> tuple[int, int]:
    text = span.text
    stripped = text.strip()
    start = span.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(stripped)


def _paragraph_of(paragraphs: list[Span], token: int) -> int:
    return next((i for i, p in enumerate(paragraphs) if p.start <= token < p.end), 0)


ASPECT = {"already", "yet", "still", "longer"}


def _predicates(span: Span) -> list[Predicate]:
    """The content's verbs with negation and aspect, for comparing the status of events across claims."""
    out = []
    for token in span:
        if token.pos_ != "VERB":
            continue
        negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)
        aspect = next((c.lower_ for c in token.children if c.lower_ in ASPECT), None)
        out.append(Predicate(lemma=token.lemma_.lower(), negated=negated, aspect=aspect))
    return out


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
