"""Learned attribution spans, merged into the rule frames.

The tagger (claimgraph.learn, trained on PolNeAR's train split) marks source, cue and content spans as
PolNeAR's annotators do; the rules (annotate/attribution.py) know structure the tagger does not: relay
chains, nesting, denials, continuation quotes, captions. The two are combined so that each does what it
is better at:

* A rule frame whose cue the tagger also marks keeps its structure and takes the tagger's boundaries for
  cue, source and content, where the tagger's span is the same phrase (they overlap by at least half and
  the new content does not swallow the frame's own cue or source): the tagger learned where annotators
  start and end a span ("that" and quotation marks inside the content, a source's appositive).
* A cue the tagger finds and the rules missed becomes a new frame ("learned"), with the nearest content
  span no other frame already has and the nearest source span in its sentence; it replaces the
  author's-voice frame of its sentence. A cue with no content near it is not a claim and is dropped.
  A content of several sentences is one claim per sentence (continuations of the new frame), as the
  rules read a long quotation.
* A quotation the tagger marks as content, with no cue, continues the speaker before it.
* Rule frames the tagger does not confirm stay when they are rule territory (denials, "according to",
  relays); the others leave their sentence to the author, or, when the cue lies inside what another
  speaker says as the tagger marks it, to that speaker (a quotation's "we do know that ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc._.frames)
from .attribution import author_content, is_aside
from .captions import caption_of
from .frames import Frame, Marked, continuation_of, sort_frames, word_bounds
from .lexicon import lexicon

__all__ = ["merge_learned"]

Tokens = tuple[int, int]
MAX_GAP = 4  # words between a cue and its content or source beyond which they are not one attribution
MIN_CONTENT_WORDS = 3  # a new frame's content below this many words is an action ("attacked Machado"), not a claim
MIN_SHARED = 0.5  # share of the union two spans must have in common to be "the same phrase"
QUOTES = ('"', "“", "‘", "'", "«")


@dataclass(frozen=True)
class MergeOptions:
    """What the tagger may change beyond marking spans; each is a component setting (`nlp.add_pipe(...,
    config={...})`) because each trades the ledger's precision for attribution recall."""

    confirm_rules: bool = True  # a rule cue the tagger does not mark leaves its sentence to the author
    # On PolNeAR these two carry most of the gain (test content F1 53.1 -> 61.3); on the Wikinews gold they
    # raise recall (0.94 -> 0.97) and source accuracy (0.80 -> 0.85), at some precision (0.74 -> 0.72).
    add_frames: bool = True  # cues the rules missed become frames (with a source and 3+ words of content)
    continue_quotes: bool = True  # quotations marked as content with no cue continue the speaker before


@Language.factory(
    "claimgraph_learned_attribution", assigns=["doc._.frames"], requires=["doc._.frames"],
    default_config={"confirm_rules": True, "add_frames": True, "continue_quotes": True},
)
def make_learned_attribution(nlp: Language, name: str, confirm_rules: bool, add_frames: bool,
                             continue_quotes: bool) -> LearnedAttribution:
    return LearnedAttribution(MergeOptions(confirm_rules, add_frames, continue_quotes))


class LearnedAttribution:
    def __init__(self, options: MergeOptions) -> None:
        self.options = options

    def __call__(self, doc: Doc) -> Doc:
        from ..learn.tagger import role_tagger

        spans = role_tagger()(doc.text)
        merge_learned(doc, {role: _token_spans(doc, found) for role, found in spans.items()}, self.options)
        return doc


def _token_spans(doc: Doc, chars: list[tuple[int, int]]) -> list[Tokens]:
    found = []
    for start, end in chars:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and not caption_of(doc[span.start].sent):
            found.append((span.start, span.end))
    return found


def merge_learned(doc: Doc, spans: dict[str, list[Tokens]], options: MergeOptions = MergeOptions()) -> None:
    """Refine and extend doc._.frames with the tagger's token spans per role (see the module docstring)."""
    frames: list[Frame] = doc._.frames
    speaker_of = {id(f): frames[f.outer] for f in frames if f.outer is not None}
    cues, sources, contents = spans["cue"], spans["source"], spans["content"]
    used: set[Tokens] = set()
    unconfirmed = []
    for frame in frames:
        if frame.kind == "continuation":
            _continue_quote(frame, contents)
        elif frame.kind != "author" and frame.cue:
            matched = [c for c in cues if any(c[0] <= i < c[1] for i in frame.cue)]
            used.update(matched)
            if matched:
                _refine(doc, frame, matched, sources, contents)
            elif options.confirm_rules and not _rule_territory(doc, frame):
                unconfirmed.append(frame)
    for frame in unconfirmed:
        # a quotation's "we do know that ...": the tagger reads it as part of the speaker's content
        around = next(((f, f.marked.content) for f in frames
                       if f.marked and f.cue and f.marked.content[0] <= frame.cue[0] < f.marked.content[1]), None)
        if around is not None:
            _to_continuation(doc, frame, *around)
            speaker_of[id(frame)] = around[0]
        else:
            _to_author(doc, frame)
    added = []
    if options.add_frames:
        # a content a frame already has is not another cue's ("25 died, more than the service has confirmed":
        # the villagers' claim, not the service's); a part of it can be (a nested attribution)
        attributed = [(f.marked or f).content for f in frames if f.kind != "author"]
        free = [c for c in contents if _same_phrase(c, attributed) is None]
        added = _one_per_content([f for f in (_new_frame(doc, cue, sources, free) for cue in cues if cue not in used)
                                  if f])
    if options.continue_quotes:
        for orphan, speaker in _orphan_quotes(doc, contents, frames + added):
            speaker_of[id(orphan)] = speaker
            added.append(orphan)
    if not added:
        sort_frames(frames, [speaker_of.get(id(f)) for f in frames])  # continuations point at their speakers
        return
    claimed = [range(*f.sentence) for f in frames if f.kind not in ("author", "passive")]
    for frame in list(added):
        for part in _sentence_parts(doc, frame):
            if not _covered(part.sentence, claimed):  # a sentence with an attribution of its own keeps it
                speaker_of[id(part)] = speaker_of.get(id(frame), frame)
                added.append(part)
    taken = [range(*f.sentence) for f in added]
    kept = [f for f in frames if not (f.kind in ("author", "passive") and _covered(f.sentence, taken))]
    kept.extend(added)
    sort_frames(kept, [speaker_of.get(id(f)) for f in kept])
    frames[:] = kept


def _one_per_content(frames: list[Frame]) -> list[Frame]:
    """New frames that found the same content are one attribution with a cue in pieces ("has, in a
    statement, called on"): the tagger marks each piece as a cue of its own."""
    by_content: dict[Tokens, Frame] = {}
    for frame in frames:
        first = by_content.setdefault(frame.content, frame)
        if first is not frame:
            first.cue = sorted(set(first.cue) | set(frame.cue))
            first.sentence = (min(first.sentence[0], frame.sentence[0]), max(first.sentence[1], frame.sentence[1]))
    return list(by_content.values())


def _orphan_quotes(doc: Doc, contents: list[Tokens], frames: list[Frame]) -> list[tuple[Frame, Frame]]:
    """Quotations marked as content that no frame has, each as a continuation of the speaker before it."""
    said = [f for f in frames if f.kind not in ("author", "passive", "continuation") and f.cue]
    found = []
    for content in contents:
        if doc[content[0]].text not in QUOTES or any(_overlaps(content, f.content) for f in frames
                                                      if f.kind != "author"):
            continue
        speaker = _speaker_before(doc, content, said)
        if speaker is not None:
            sentence = (doc[content[0]].sent.start, doc[content[1] - 1].sent.end)
            found.append((continuation_of(speaker, sentence, content), speaker))
    return found


def _sentence_parts(doc: Doc, frame: Frame) -> list[Frame]:
    """A content of several sentences is one claim per sentence, as the rules make of a long quotation:
    the frame keeps the sentence next to its cue, each other sentence continues its speaker. The frame's
    marked content stays the whole span (one attribution to an annotator)."""
    start, end = frame.content
    sentences = [doc[start].sent]
    while sentences[-1].end < end:
        sentences.append(doc[sentences[-1].end].sent)
    if len(sentences) < 2:
        return []
    cue = frame.cue[0] if frame.cue else start
    if cue < start:
        core = sentences[0]
    elif cue >= end:
        core = sentences[-1]
    else:
        core = doc[cue].sent
    frame.marked = frame.marked or Marked(cue=list(frame.cue), source=frame.source, content=frame.content)
    frame.content = (max(start, core.start), min(end, core.end))
    own = doc[min(cue, frame.content[0])].sent.start, max(doc[cue].sent.end, core.end)
    frame.sentence = own
    parts = []
    for sentence in sentences:
        words = word_bounds(doc, max(start, sentence.start), min(end, sentence.end))
        if words and (sentence.start >= own[1] or sentence.end <= own[0]):
            parts.append(continuation_of(frame, (sentence.start, sentence.end), words))
    return parts


def _speaker_before(doc: Doc, content: Tokens, said: list[Frame]) -> Frame | None:
    """The speaker a quotation with no cue of its own continues: the last attribution before it, in its
    paragraph or the one before."""
    paragraphs = [p for p in doc.spans.get("paragraphs", []) if p.start <= content[0]]
    floor = paragraphs[-2].start if len(paragraphs) > 1 else 0
    before = [f for f in said if floor <= f.content[0] and max(f.content[1], f.cue[-1] + 1) <= content[0]]
    return max(before, key=lambda f: f.content[1]) if before else None


def _refine(doc: Doc, frame: Frame, cues: list[Tokens], sources: list[Tokens], contents: list[Tokens]) -> None:
    """Mark a confirmed frame's spans as the tagger found them: its cue, the tagger's version of its source,
    and of its content (the same phrase, else the content nearest the cue)."""
    cue = sorted({i for start, end in cues for i in range(start, end)})
    own = set(cue) | (set(range(*frame.source)) if frame.source else set())
    candidates = [c for c in contents if not own & set(range(*c))]
    content = (_same_phrase(frame.content, candidates)
               or _nearest(doc, (cue[0], cue[-1] + 1), candidates, sources) or frame.content)
    source = frame.source
    if source is not None:
        theirs = _same_phrase(_trimmed(doc, source), sources)
        if theirs is not None and not set(cue) & set(range(*theirs)):
            source = _trimmed(doc, theirs)
    frame.marked = Marked(cue=cue, source=source, content=content)


def _continue_quote(frame: Frame, contents: list[Tokens]) -> None:
    """A continuation quote's content as the tagger marks it within its sentence (quotation marks included)."""
    for content in contents:
        if _overlaps(content, frame.content):
            frame.marked = Marked(cue=[], source=frame.source, content=_clipped(content, frame.sentence))
            return


def _clipped(span: Tokens, bounds: Tokens) -> Tokens:
    return max(span[0], bounds[0]), min(span[1], bounds[1])


def _rule_territory(doc: Doc, frame: Frame) -> bool:
    """Frames the rules know better than the tagger: denials and doubts, relays, "according to", claims of
    responsibility ("claimed the attack")."""
    cues = lexicon("cues")
    responsibility = any(doc[i].lemma_.lower() in cues["responsibility_nouns"] for i in frame.cue) or (
        doc[frame.cue[0]].lemma_.lower() == "claim" and doc[frame.content[0]: frame.content[1]].root.lemma_.lower()
        in cues["attack_nouns"])
    return (frame.kind in ("according", "declines") or frame.stance in ("denies", "doubts", "declines")
            or frame.nested or bool(frame.relays) or responsibility)


def _to_continuation(doc: Doc, frame: Frame, speaker: Frame, around: Tokens) -> None:
    """A cue the tagger does not take for one, inside what another speaker says (`around`, as the tagger
    marks it): the sentence goes on with that speaker, as the rules read a quoted sentence with no cue.
    To an annotator it is part of that content, not more."""
    frame.kind, frame.cue, frame.source, frame.relays = "continuation", [], speaker.source, list(speaker.relays)
    frame.content = word_bounds(doc, *frame.sentence) or frame.sentence
    frame.marked = Marked(cue=[], source=speaker.source, content=_clipped(around, frame.sentence))


def _to_author(doc: Doc, frame: Frame) -> None:
    """A cue the tagger does not take for one: the sentence is the author's, as if no rule had fired."""
    frame.kind, frame.cue, frame.source, frame.relays = "author", [], None, []
    frame.content = author_content(doc[frame.sentence[0] : frame.sentence[1]])


def _new_frame(doc: Doc, cue: Tokens, sources: list[Tokens], contents: list[Tokens]) -> Frame | None:
    sent = doc[cue[0]].sent
    if any(is_aside(doc[i]) for i in range(*cue)):
        return None  # "as you know": common ground the speaker appeals to, not an attribution
    content = _nearest(doc, cue, [c for c in contents if not _overlaps(c, cue)], sources)
    if content is None:
        return None
    source = _nearest(doc, cue, [s for s in sources if sent.start <= s[0] < sent.end and not _overlaps(s, content)],
                      [content])
    if source is None or sum(1 for t in doc[content[0] : content[1]] if t.is_alpha) < MIN_CONTENT_WORDS:
        return None
    if _act_cue(doc, cue):
        return None
    first, last = min(cue[0], content[0]), max(cue[1], content[1]) - 1
    return Frame(
        kind="learned", sentence=(doc[first].sent.start, doc[last].sent.end), content=content,
        cue=list(range(*cue)), source=_trimmed(doc, source),
    )


def _act_cue(doc: Doc, cue: Tokens) -> bool:
    """A cue that reports no speech or thought: an act ("signed a pact", "agreed to send troops", "refused to
    leave"). The tagger follows PolNeAR, which also marks acts of verbal attack or support ("attacked",
    "offered", "wants") and refusals ("refused to cooperate") as attributions; only verbs of doing (cues.json
    "action_verbs") and agreeing to do something are kept out (dropping refusals too cost 0.1 of PolNeAR dev
    source F1; the rules themselves read only refusals to speak)."""
    cues = lexicon("cues")
    verbs = [t for t in doc[cue[0] : cue[1]] if t.pos_ == "VERB"]
    if not verbs or any(t.pos_ != "VERB" and t.lemma_.lower() in cues["speech_verbs"] for t in doc[cue[0] : cue[1]]):
        return False
    for verb in verbs:
        lemma = verb.lemma_.lower()
        infinitive = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        clause = any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)
        if lemma in cues["action_verbs"]:
            continue
        if infinitive is not None and not clause and lemma in cues["clause_only"]:
            continue  # "agreed to send troops"
        return False
    return True


def _nearest(doc: Doc, cue: Tokens, candidates: list[Tokens], skip: list[Tokens]) -> Tokens | None:
    """The candidate with the fewest words between it and the cue (words inside `skip` spans do not
    count: a source between a quotation and "said" does not part them); None beyond MAX_GAP. A span
    after the cue must start in the cue's sentence: the next sentence is another statement, while a
    quotation before "he said." is often a sentence of its own. Ties go to the cue's own sentence."""
    sent = doc[cue[0]].sent
    skipped = {i for start, end in skip for i in range(start, end)}
    best, best_rank = None, (MAX_GAP + 1, 1)
    for candidate in candidates:
        if candidate[0] >= cue[1] and candidate[0] >= sent.end:
            continue
        low, high = (candidate[1], cue[0]) if candidate[1] <= cue[0] else (cue[1], candidate[0])
        gap = _words_between(doc, low, high, skipped, limit=best_rank[0])
        rank = (gap, 0 if candidate[1] > sent.start and candidate[0] < sent.end else 1)
        if rank < best_rank:
            best, best_rank = candidate, rank
    return best


def _words_between(doc: Doc, low: int, high: int, skipped: set[int], limit: int) -> int:
    """Words in doc[low:high] outside `skipped`, counted only up to `limit` (beyond it the exact number
    does not matter, and spans can lie thousands of tokens apart)."""
    count = 0
    for i in range(low, high):
        token = doc[i]
        if not (token.is_punct or token.is_space) and i not in skipped:
            count += 1
            if count > limit:
                break
    return count


def _same_phrase(ours: Tokens, theirs: list[Tokens]) -> Tokens | None:
    best, best_share = None, MIN_SHARED
    for span in theirs:
        shared = min(ours[1], span[1]) - max(ours[0], span[0])
        share = shared / (max(ours[1], span[1]) - min(ours[0], span[0]))
        if share >= best_share:
            best, best_share = span, share
    return best


def _trimmed(doc: Doc, span: Tokens) -> Tokens:
    """A source mention without edge punctuation (the evaluation puts PolNeAR's closing comma back)."""
    return word_bounds(doc, *span) or span


def _covered(sentence: Tokens, taken: list[range]) -> bool:
    """A sentence that is mostly one of the added frames' sentences (sentence bounds can differ slightly
    where an author frame was read from a clause)."""
    length = sentence[1] - sentence[0]
    return any(len(range(max(sentence[0], r.start), min(sentence[1], r.stop))) * 2 > length for r in taken)


def _overlaps(a: Tokens, b: Tokens) -> bool:
    return a[0] < b[1] and b[0] < a[1]
