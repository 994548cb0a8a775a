"""A finished spaCy Doc -> the document's Claims.

Reads only what the components declared: doc._.frames (attribution, stance, certainty), doc.spans["times"],
doc.spans["quantities"], doc.spans["captions"] and the entities. No parsing happens here.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

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
        source = Source("reports", "", "anonymous") if frame.kind == "passive" else Source.author()
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
        document=document.id, evidence=doc.text[start:end], content=doc.text[start:end], source=Source.author(),
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
    out = []
    for span in doc.spans.get("quantities", []):
        if start <= span.start < end and span._.quantity is not None:
            event = _event_of(span)
            quantity = replace(span._.quantity, event=event)
            if event in COUNT_NOUNS and quantity.unit != event:
                quantity = replace(quantity, unit=event)  # "53 measles-related deaths" counts deaths
            if quantity.qualifier is None and _passed(span):
                # "cases surpassed one million": a lower bound, as "more than one million" would be
                quantity = replace(quantity, qualifier="more than", low=quantity.value, high=None)
            out.append(quantity)
    return out


def _passed(span: Span) -> bool:
    head = span.root.head
    if head.dep_ == "prep" and head.lower_ in ("to", "past", "beyond", "above"):
        head = head.head
    return head.lemma_.lower() in ("surpass", "exceed", "top", "pass", "cross", "break")


CHANGE_VERBS = {"rise", "climb", "increase", "reach", "grow", "jump", "stand", "hit", "surpass", "top", "exceed",
                "pass", "total", "soar", "mount"}
TALLY_NOUNS = {"toll", "number", "count", "tally", "total", "figure"}
COUNT_NOUNS = {"death", "fatality", "case", "infection", "injury", "casualty", "victim", "arrest"}


def _changing_count(verb: Token) -> str | None:
    """'The death toll rose to 21' -> death; 'the number of cases reached 900' -> case; 'cases rose' -> case."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lemma_.lower() not in TALLY_NOUNS:
        return subject.lemma_.lower() if subject.pos_ == "NOUN" else None
    for child in subject.children:  # "the total number of cases": what is counted follows "of"
        if child.dep_ == "prep" and child.lower_ == "of":
            counted = next((g for g in child.children if g.dep_ == "pobj"), None)
            if counted is not None:
                return counted.lemma_.lower()
    for child in subject.children:  # "the death toll"
        if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN":
            return child.lemma_.lower()
    return "death" if subject.lemma_.lower() == "toll" else None


def _event_of(span: Span) -> str | None:
    """The verb or participle that says what happened to the counted thing: "24 people were hospitalised"
    -> hospitalise; "the death toll rose to 22" -> death (the noun a toll belongs to)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ in ("VBN", "VBD") and after.lemma_.lower() not in ("be", "have", "say"):
        return after.lemma_.lower()  # "as many as 65 evacuated": a participle right after a bare figure
    node = span.root
    for _ in range(4):
        if node is not span.root and node.pos_ == "NOUN" and node.lemma_.lower() in COUNT_NOUNS:
            return node.lemma_.lower()  # "53 measles-related deaths": the count is of deaths
        if node.pos_ == "VERB":
            state = next((c for c in node.children if c.dep_ in ("oprd", "acomp") and c.pos_ == "ADJ"), None)
            if state is not None:
                return state.lemma_.lower()  # "left seven motorcyclists dead"
        if node.lemma_.lower() in CHANGE_VERBS:
            counted = _changing_count(node)
            if counted is not None:
                return counted
        if (node.pos_ in ("VERB", "ADJ") and node.tag_ in ("VBN", "VBD", "VBZ", "VBP", "VBG", "VB", "JJ")
                and node.lemma_.lower() not in ("be", "have", "say", "report", "more", "other")):
            return node.lemma_.lower()
        if node.lemma_.lower() == "toll":
            compound = next((c for c in node.children if c.dep_ in ("compound", "amod")), None)
            return compound.lemma_.lower() if compound is not None else "death"
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _times(doc: Doc, frame: Frame, sentence: Span) -> list[Time]:
    times = []
    for span in doc.spans.get("times", []):
        if sentence.start <= span.start < sentence.end:
            inside = frame.content[0] <= span.start < frame.content[1] or frame.kind == "author"
            times.append(Time(text=span.text, value=span._.timex, role="event" if inside else "statement"))
    return times
