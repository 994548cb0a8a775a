"""Attribution: who says what, read off the dependency parse.

Finds, per sentence, the speech or cognition cue ("said", "told reporters", "warning that", "denied"), its
source (the subject, a passive agent, "according to X", "X cited Y as saying") and the content it
introduces (a clause complement, the object of a denial or accusation, or the quotation). A frame found
inside another frame's content reports through it: "S has found that P, news reports said" gives one claim,
S says P, relayed by news reports. Sentences inside a quotation with no cue of their own continue the last
speaker. Every other story sentence becomes a frame in the author's voice.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import extensions  # noqa: F401  (registers Doc._.frames)
from .captions import caption_of
from .frames import Frame, continuation_of, sort_frames
from .lexicon import lexicon

__all__ = ["author_content", "find_frames", "is_aside"]

# Cues that take their content as an object or infinitive, not only as a clause: "denied the report",
# "accused X of Y", "described the claims as fake", "declined to comment".
OBJECT_CONTENT = {
    "deny", "reject", "dismiss", "refute", "rebut", "dispute", "question", "doubt", "confirm", "accuse", "blame",
    "describe", "call", "characterize", "characterise", "label", "decline", "refuse", "challenge", "contradict",
    "predict", "promise", "vow", "pledge", "threaten", "urge", "admit", "acknowledge", "allege", "identify",
    "name", "list", "report", "announce", "condemn", "plead", "endorse", "criticize", "criticise", "defend",
    "praise", "propose", "oppose", "demand", "applaud", "welcome", "ask", "express",
}
CLAUSE_DEPS = ("ccomp", "parataxis")
# "accused X of Y", "described X as Y": prepositions that carry content; others ("with", "during") do not
CONTENT_PREPOSITIONS = ("of", "as", "about")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@Language.factory(
    "claimgraph_attribution", assigns=["doc._.frames"], requires=["token.dep", "doc.spans"]
)
def make_attribution(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder()


class AttributionFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.frames = find_frames(doc)
        return doc


def find_frames(doc: Doc) -> list[Frame]:
    frames: list[Frame] = []
    for sent in doc.sents:
        if caption_of(sent) or not any(t.is_alpha for t in sent):
            continue
        found = (_verb_frames(sent) + _according_frames(sent) + _withholding_frames(sent) + _inability_frames(sent)
                 + _received_frames(sent))
        _nest(found, doc)
        frames.extend(found)
    _continue_quotes(doc, frames)
    _add_author_frames(doc, frames)
    sort_frames(frames, [frames[f.speaker_of] if f.speaker_of is not None else None for f in frames])
    return frames


def _subtree_span(token: Token, stop: set[int] | None = None) -> tuple[int, int]:
    """Offsets of a token's subtree, without edge punctuation and without tokens under `stop`."""
    indices = [t.i for t in token.subtree if not (stop and _under(t, stop))]
    start, end = min(indices), max(indices) + 1
    doc = token.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in "“\"":
        start += 1
    while end > start + 1 and _trailing_junk(doc[end - 1], doc[start : end - 1]):
        end -= 1
    return start, end


def _trailing_junk(token: Token, before: Span) -> bool:
    """Edge tokens a span should not end on: punctuation, space, a dangling "and" (closing quotes stay)."""
    if token.dep_ == "cc":
        return True
    if token.text == ")" and any(t.text == "(" for t in before):
        return False  # "the National Intelligence Service (NIS)": the bracket closes an acronym
    return (token.is_punct or token.is_space) and token.text not in "”\""


def _under(token: Token, heads: set[int]) -> bool:
    return any(a.i in heads for a in [token, *token.ancestors])


def _mention(token: Token) -> tuple[int, int]:
    """A source mention: the noun phrase without relative clauses or trailing appositive commentary."""
    drop = {c.i for c in token.children if c.dep_ in ("relcl", "acl") and c.i > token.i}
    drop |= {c.i for c in token.children if c.dep_ == "appos" and c.i > token.i and c.doc[c.i - 1].text == ","}
    return _subtree_span(token, drop)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    # a shared subject: "X said A and added B", "X said ..., warning that ...", "X declined to comment"
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        return _subject(verb.head)
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _content(verb: Token, sent: Span) -> tuple[int, int] | None:
    clause = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    if verb.lemma_.lower() in lexicon("cues")["clause_only"]:
        clause = [c for c in clause if c.i > verb.i]
    if clause:
        stop = {c.i for c in verb.children if c not in clause and c.i > clause[-1].i}
        start = min(_subtree_span(c, stop)[0] for c in clause)
        end = max(_subtree_span(c, stop)[1] for c in clause)
        return start, end
    lemma = verb.lemma_.lower()
    cues = lexicon("cues")
    if lemma in cues["clause_only"]:
        # "agreed that the talks failed" reports; "agreed to send troops" is an act, not a claim
        quote = _quote_in(sent, verb, after_clause=False)
        return quote if quote is not None and quote[0] > verb.i else None
    if _is_passive(verb) and lemma in cues["passive_hearsay"]:
        # "were reported by local media to have visited": the infinitive is the content
        xcomp = [c for c in verb.children if c.dep_ == "xcomp"]
        if xcomp:
            return _subtree_span(xcomp[0])
    if lemma == "express" and not any(c.dep_ == "dobj" and c.lemma_.lower() in cues["expressed_attitudes"]
                                      for c in verb.children):
        return None  # "expressed concern that P", not "expressed gratitude" or "expressed themselves"
    if lemma in OBJECT_CONTENT:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "acomp")
                   or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS)
                   or (c.dep_ == "xcomp" and _said_infinitive(verb, c))]
        if objects:
            return min(_subtree_span(c)[0] for c in objects), max(_subtree_span(c)[1] for c in objects)
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and not any(
        c.dep_ == "mark" for c in verb.children
    ):
        # '"The quote," she said.' parsed with the quote's verb as the root: content is the rest of the sentence
        # (not "it is likely that the country has agreed": a that-clause is content, not a speech tag)
        own = {t.i for t in verb.subtree}
        rest = [t.i for t in sent if t.i not in own and not (t.is_punct or t.is_space)]
        if rest:
            return min(rest), max(rest) + 1
    return _quote_in(sent, verb)


def _said_infinitive(verb: Token, infinitive: Token) -> bool:
    """An infinitive that is what the cue says: "vowed to retaliate", "declined to comment"; not an act
    ("refused to leave", "sought to enter")."""
    cues = lexicon("cues")
    lemma = verb.lemma_.lower()
    if lemma in cues["refusal_verbs"]:
        said = infinitive.lemma_.lower()
        return said in cues["speech_verbs"] or said in cues["declines_when_negated"] or said in cues["refused_speech"]
    return lemma in cues["infinitive_content"]


def _with_quote_marks(sent: Span, content: tuple[int, int]) -> tuple[int, int]:
    """A quotation's content includes its quotation marks (and the comma before the closing one), as
    attribution annotation marks it: '“We will win,” she said.' has the content '“We will win,”'."""
    for quote in sent.doc.spans.get("quotes", []):
        if quote.start <= content[0] <= quote.start + 1 and content[1] <= quote.end <= content[1] + 2:
            return quote.start, min(quote.end, sent.end)
    return content


def _quote_in(sent: Span, verb: Token, after_clause: bool = True) -> tuple[int, int] | None:
    """A quotation in the sentence, not containing the cue; one that runs on is cut at the sentence end."""
    for quote in sent.doc.spans.get("quotes", []):
        if sent.start <= quote.start < sent.end and not (quote.start <= verb.i < quote.end):
            end = min(quote.end, sent.end)
            if end - quote.start > 3:
                return quote.start, end
    return _clause_after(sent, verb) if after_clause else None


def _clause_after(sent: Span, verb: Token) -> tuple[int, int] | None:
    """'with local media reporting no-one was in the houses', misparsed: the clause right after the cue."""
    if verb.lemma_ not in ("say", "report", "claim", "state", "tell", "add", "announce", "write", "tweet"):
        return None
    after = [t for t in sent if t.i > verb.i and not (t.is_punct or t.is_space)]
    if len(after) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in after):
        return None
    if any(t.dep_ in ("dobj", "dative") and t.head.i == verb.i for t in after[:1]) and verb.lemma_ != "tell":
        return None
    start = after[0].i + (1 if verb.lemma_ == "tell" and after[0].dep_ in ("dative", "dobj") else 0)
    return start, after[-1].i + 1


def _verb_frames(sent: Span) -> list[Frame]:
    cues = lexicon("cues")
    verbs: dict[str, str] = cues["speech_verbs"]
    frames: list[Frame] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in cues["report_carriers"]:
            frame = _carried_report(token, sent)
            if frame is not None:
                frames.append(frame)
            continue
        if token.pos_ == "VERB" and lemma in cues["responsibility_verbs"]:
            frame = _responsibility(token, sent)
            if frame is not None:
                frames.append(frame)
                continue
        if token.pos_ == "VERB" and lemma in cues["relay_as_saying"]:
            frame = _cited_that(token, sent)
            if frame is not None:
                frames.append(frame)
                continue
        if lemma not in verbs or token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            continue  # "If confirmed, ...": a condition, not an attribution
        if is_aside(token) or _generic_holder(token):
            continue
        if any(a.lower_ == "according" for a in token.ancestors):
            continue  # "according to the official WHO report": a noun the parser took for a verb
        if token.head.lower_ == "than" or any(c.lower_ == "than" and c.dep_ in ("mark", "prep")
                                                for c in token.children):
            continue  # "more than the agency has confirmed": a comparison, not a report
        frame = _frame_for(token, sent, verbs[lemma])
        if frame is not None:
            frames.append(frame)
    return frames


def _generic_holder(verb: Token) -> bool:
    """'to those who think ISIS has been defeated': a belief held by nobody in particular describes the
    people it is put to; it is not anyone's claim."""
    return verb.dep_ == "relcl" and verb.head.lower_ in lexicon("cues")["generic_holders"]


def is_aside(verb: Token) -> bool:
    """'As my noble friend will recall, P', 'As you know, P', '50 to 100 -- you know, -- troops': the speaker
    asserts P and appeals to common ground; the one who knows or recalls it is not P's source."""
    if verb.lemma_.lower() not in lexicon("cues")["common_ground_verbs"]:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True
    subject = _subject(verb)
    own_content = any(c.dep_ in ("ccomp", "dobj") for c in verb.children)
    return subject is not None and subject.lower_ in ("you", "i") and not own_content and verb.dep_ != "ROOT"


def _citing_verb(verb: Token) -> Token | None:
    """'Yonhap cited the NIS as saying ...': the verb "cited" above "as saying", if there is one."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as":
        return None
    for ancestor in verb.head.ancestors:
        if ancestor.pos_ == "VERB":
            return ancestor if ancestor.lemma_ in lexicon("cues")["relay_as_saying"] else None
    return None


def _responsibility(verb: Token, sent: Span) -> Frame | None:
    """'claimed responsibility for the attack', 'took responsibility for', 'claimed the bombing': the source
    says it did it (or, "denied responsibility", that it did not)."""
    cues = lexicon("cues")
    subject = _subject(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subject is None or obj is None:
        return None
    cue = [verb.i] + [c.i for c in verb.children if c.dep_ == "neg"]
    if obj.lemma_.lower() in cues["responsibility_nouns"]:
        prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "for"), None) or next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if prep is None or not any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            return None
        content = _subtree_span(next(c for c in prep.children if c.dep_ in ("pobj", "pcomp")))
        cue += [obj.i, prep.i]
    elif verb.lemma_.lower() == "claim" and obj.lemma_.lower() in cues["attack_nouns"]:
        content = _subtree_span(obj)
    else:
        return None
    stance = cues["speech_verbs"].get(verb.lemma_.lower(), "asserts")
    return Frame(kind="verb", sentence=(sent.start, sent.end), content=content, cue=sorted(cue),
                 source=_mention(subject), negated=any(c.dep_ == "neg" for c in verb.children), stance=stance)


def _cited_that(verb: Token, sent: Span) -> Frame | None:
    """'The Daily Telegraph cited a security source that P': the source says P, the paper relays it."""
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    relay = _subject(verb)
    if cited is None or relay is None or verb.tag_ == "VBG" or not _citable(cited):
        return None
    clause = next((c for c in [*cited.children, *verb.children] if c.dep_ in ("acl", "ccomp") and c.i > cited.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    return Frame(kind="verb", sentence=(sent.start, sent.end), content=_subtree_span(clause), cue=[verb.i],
                 source=_mention(cited), relays=[_mention(relay)])


def _carried_report(verb: Token, sent: Span) -> Frame | None:
    """'Other outlets carried similar reports': the outlets assert what the reports say."""
    report = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in lexicon("cues")["report_nouns"]),
                  None)
    subject = _subject(verb)
    if report is None or subject is None:
        return None
    return Frame(kind="verb", sentence=(sent.start, sent.end), content=_subtree_span(report),
                 cue=[verb.i, report.i], source=_mention(subject))


def _frame_for(verb: Token, sent: Span, stance: str) -> Frame | None:
    content = _content(verb, sent)
    if content is None:
        return None
    cue = [verb.i] + [c.i for c in verb.children if c.dep_ in ("neg", "prt")]
    relays: list[tuple[int, int]] = []
    source_token: Token | None
    kind = "verb"
    citer = _citing_verb(verb)
    if citer is not None:
        # "Yonhap cited the NIS as saying that P": the NIS says P, Yonhap relays it
        source_token = next((c for c in citer.children if c.dep_ == "dobj"), None)
        relay = _subject(citer)
        if relay is not None:
            relays.append(_mention(relay))
        cue = [citer.i, verb.head.i, verb.i]
    elif _is_passive(verb):
        source_token = _agent(verb)
        if source_token is None:
            if verb.lemma_ not in lexicon("cues")["passive_hearsay"]:
                return None
            kind = "passive"  # "The attacker is reported to have ...": an unnamed source
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and subject.lower_ != "it":  # "It is reported that ...": an empty subject
                content = (min(content[0], _subtree_span(subject)[0]), content[1])
    else:
        source_token = _subject(verb)
        if source_token is None:
            return None
        if source_token.tag_ in ("WP", "WDT"):
            # "police, who said ...": the relative pronoun stands for its antecedent
            source_token = next((a for a in verb.ancestors if a.pos_ in ("NOUN", "PROPN")), source_token)
        relays.extend(_addressee_relays(verb))
    source = _mention(source_token) if source_token is not None else None
    if source is not None and source[0] <= content[0] < source[1]:
        return None
    if source is not None:
        relays.extend(_channel_relays(verb, content, source))
        cited = _cited_source(verb, content, source)
        if cited is not None:
            # "Reuters, citing two officials, reported that P": the officials say P, Reuters relays it
            citing, cited_source, content = cited
            relays.append(source)
            source = cited_source
            cue.append(citing)
    content = _with_quote_marks(sent, content)
    negated = any(c.dep_ == "neg" for c in verb.children)
    return Frame(
        kind=kind, sentence=(sent.start, sent.end), content=content, cue=sorted(set(cue)), source=source,
        relays=relays, negated=negated, stance=stance,
    )


def _citable(token: Token) -> bool:
    """A noun phrase that can be cited as a source ("two officials", "Johns Hopkins University data", "the
    ministry"), not a reason ("citing security concerns") or a text ("citing Article 5")."""
    nouns = _citable_nouns()
    if token.lemma_.lower() in nouns or token.lower_ in nouns:
        return True
    return any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in token.subtree if t.i <= token.i)


@cache
def _citable_nouns() -> frozenset[str]:
    words = lexicon("sources")
    keys = ("titles", "media_words", "government_words", "group_words", "anonymous_words", "organization_words")
    return frozenset(lexicon("cues")["citable_nouns"]).union(*(words[key] for key in keys))


def _cited_source(verb: Token, content: tuple[int, int], source: tuple[int, int]
                  ) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
    """'X, citing Y, reported P' and 'X said, citing Y, that P': the "citing" participle on the cue, or opening
    its content; returns the participle, Y's mention and the content without the citing phrase."""
    relay_verbs = lexicon("cues")["relay_as_saying"]
    for citing in verb.sent:
        if citing.tag_ != "VBG" or citing.lemma_ not in relay_verbs or source[0] <= citing.i < source[1]:
            continue
        obj = next((c for c in citing.children if c.dep_ == "dobj"), None)
        if obj is None or not _citable(obj):
            continue
        phrase = _subtree_span(citing)
        if citing.head.i == verb.i and not (content[0] <= citing.i < content[1]):
            return citing.i, _mention(obj), content
        words = [t.i for t in verb.doc[content[0]: content[1]] if not (t.is_punct or t.is_space)]
        if words and words[0] == citing.i:  # the parser hangs "citing Y" on the content's verb
            rest = [i for i in words if i >= phrase[1]]
            if rest:
                return citing.i, _mention(obj), (rest[0], content[1])
    return None


def _channel_relays(verb: Token, content: tuple[int, int], source: tuple[int, int]) -> list[tuple[int, int]]:
    """Who carried the words, named on the cue outside its content: 'said in an interview with Time magazine',
    'in a statement delivered via its spokesman', 'speaking through a lawyer'."""
    cues = lexicon("cues")
    out = []
    for token in verb.subtree:
        if content[0] <= token.i < content[1] or source[0] <= token.i < source[1] or token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in cues["relay_prepositions"]:
            continue
        if prep.lower_ == "with" and prep.head.lemma_ not in cues["interview_nouns"]:
            continue  # "in an interview with the BBC", not "met with the minister"
        channel = token.lemma_.lower() in cues["channels_not_relays"] and not any(
            c.dep_ == "compound" for c in token.children)  # "Twitter", "a statement"; not "the Evening Post"
        if channel or not _citable(token):
            continue  # "via Twitter": a channel, not someone who passes the words on
        if prep.lower_ == "through" and token.lemma_.lower() not in cues["go_betweens"]:
            continue  # "through a spokesman", not "through the night"
        out.append(_mention(token))
    return out


def _addressee_relays(verb: Token) -> list[tuple[int, int]]:
    """'Duda told local media that ...': the media the source spoke to relay the claim."""
    if verb.lemma_ != "tell":
        return []
    media = set(lexicon("sources")["media_words"])
    out = []
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and child.lower_ in media | {"press", "media"}:
            out.append(_mention(child))
    return out


def _according_frames(sent: Span) -> list[Frame]:
    frames = []
    for token in sent:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if to is None or source_token is None:
            continue
        # "according to X via Y": the parser hangs "via" under X or under "according"
        via = [c for c in token.subtree if c.lower_ == "via" and c.dep_ == "prep"]
        relays = []
        stop: set[int] = set()
        for prep in via:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                relays.append(_mention(obj))
            stop.add(prep.i)
        cue = [token.i, to.i]
        phrase = {t.i for t in token.subtree}
        relay_verbs = lexicon("cues")["relay_as_saying"]
        # "according to a report citing the mayor's office": the office says it, the report relays it
        citing = next((c for c in source_token.children if c.dep_ == "acl" and c.tag_ == "VBG"
                       and c.lemma_ in relay_verbs), None)
        cited = next((c for c in citing.children if c.dep_ == "dobj"), None) if citing is not None else None
        if citing is not None and cited is not None and _citable(cited):
            relays.append(_mention(source_token))
            source = _mention(cited)
            cue.append(citing.i)
        else:
            source = _subtree_span(source_token, stop)
        # "according to the ministry, cited by Interfax": the agency relays the ministry
        for cited_by in sent:
            if cited_by.tag_ != "VBN" or cited_by.lemma_ not in relay_verbs or not (
                cited_by.head.i == source_token.i or _next_to(sent, phrase, cited_by)
            ):
                continue
            agent = _agent(cited_by)
            if agent is not None:
                relays.insert(0, _mention(agent))
                phrase |= {t.i for t in cited_by.subtree}
        content = _outside(sent, phrase)
        if content is None:
            continue
        frames.append(Frame(
            kind="according", sentence=(sent.start, sent.end), content=content,
            cue=cue, source=source, relays=relays,
        ))
    return frames


def _received_frames(sent: Span) -> list[Frame]:
    """'We have received confirmation from the Chancellor that P', 'the ministry got reports from villagers
    that P': the one it came from says P; the one who received it passes it on."""
    cues = lexicon("cues")
    frames = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in cues["receiving_verbs"]:
            continue
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in cues["received_nouns"]):
            origin = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                           for g in c.children if g.dep_ == "pobj"), None)
            clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                           and any(m.lower_ == "that" for m in c.children)), None)
            if origin is None or clause is None:
                continue
            receiver = _subject(verb)
            frames.append(Frame(
                kind="verb", sentence=(sent.start, sent.end), content=_subtree_span(clause),
                cue=[verb.i, noun.i, origin.head.i], source=_mention(origin),
                relays=[_mention(receiver)] if receiver is not None else [],
            ))
    return frames


def _next_to(sent: Span, phrase: set[int], token: Token) -> bool:
    """True when only punctuation parts the token's subtree from the phrase (a comma-set relay after it)."""
    start = token.left_edge.i
    between = [t for t in sent if max(phrase) < t.i < start]
    return start > max(phrase) and all(t.is_punct for t in between)


def _outside(sent: Span, phrase: set[int]) -> tuple[int, int] | None:
    """The longest run of words of the sentence before or after an attribution phrase."""
    runs: list[list[int]] = [[]]
    for token in sent:
        if token.i in phrase:
            runs.append([])
        elif not (token.is_punct or token.is_space) or runs[-1]:
            runs[-1].append(token.i)
    words = [[i for i in run if not (sent.doc[i].is_punct or sent.doc[i].is_space)] for run in runs]
    best = max(words, key=len)
    return (best[0], best[-1] + 1) if best else None


PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _nest(frames: list[Frame], doc: Doc) -> None:
    """A frame whose cue lies in another frame's content reports through it.

    Except when its source is a pronoun for the outer speaker ("Officials said they could not verify
    it"): that is the speaker's own content, so the inner frame is dropped and the outer one kept.
    """
    for inner in list(frames):
        if inner.source is None or inner.source[1] - inner.source[0] != 1:
            continue
        outer = next((o for o in frames if o is not inner and o.kind == "verb" and inner.cue
                      and o.content[0] <= inner.cue[-1] < o.content[1]), None)
        if outer is not None and doc[inner.source[0]].lower_ in PERSONAL_PRONOUNS:
            frames.remove(inner)
    for inner in frames:
        for outer in frames:
            if outer is inner or not inner.cue:
                continue
            head = inner.cue[-1] if inner.kind == "verb" else inner.cue[0]
            if outer.content[0] <= head < outer.content[1] and (
                outer.kind == "according" or not (inner.content[0] <= outer.cue[0] < inner.content[1])
            ):
                if outer.source is not None and outer.source != inner.source:
                    outer.nested = True
                    chain = [*outer.relays, outer.source, *inner.relays]
                    inner.relays = [r for i, r in enumerate(chain) if r not in chain[:i]]
                elif outer.kind == "according":
                    outer.nested = True


def _continue_quotes(doc: Doc, frames: list[Frame]) -> None:
    """Sentences of a quotation with no cue of their own continue the speaker of that quotation."""
    _quotes_after_relayed(doc, frames)
    covered = {f.sentence for f in frames}
    quotes = doc.spans.get("quotes", [])
    paragraphs = list(doc.spans.get("paragraphs", []))
    for sent in doc.sents:
        if (sent.start, sent.end) in covered or caption_of(sent):
            continue
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words:
            continue
        quote = next((q for q in quotes if q.start < words[0].i < q.end and q.start <= sent.start + 1), None)
        if quote is None:
            continue
        speaker = (_speaker_in(frames, quote) or _previous_speaker(frames, paragraphs, sent)
                   or _speaker_in(frames, quote, mentioned=True))
        if speaker is None:
            continue
        index, frame = speaker
        frames.append(continuation_of(frame, (sent.start, sent.end), (words[0].i, words[-1].i + 1), index))


def _quotes_after_relayed(doc: Doc, frames: list[Frame]) -> None:
    """'According to the BBC, a spokesman expressed disappointment; "The government needs ..."': a quotation
    in the relay's content after the relayed claim is more of that speaker's words."""
    for index, relay in enumerate(list(frames)):
        if not relay.nested or relay.kind != "according":
            continue
        speaker_index, speaker = _relayed(frames, index)
        if speaker is relay:
            continue
        for quote in doc.spans.get("quotes", []):
            end = min(quote.end, relay.content[1])
            said = any(f is not relay and f.content[0] < end and quote.start < f.content[1] for f in frames)
            if speaker.content[1] <= quote.start and relay.content[0] <= quote.start < relay.content[1] and (
                end - quote.start > 3 and not said
            ):
                frames.append(continuation_of(speaker, relay.sentence, (quote.start, end), speaker_index))


def _speaker_in(frames: list[Frame], quote: Span, mentioned: bool = False) -> tuple[int, Frame] | None:
    """Who says the quotation: a frame whose content is in it and whose cue is outside it ("... the lie being
    told by the administration ...", Graham continued: Graham; the administration is only mentioned), or,
    with `mentioned`, when nobody else is known to say it, one whose cue is inside it."""
    saying = [i for i, frame in enumerate(frames) if frame.source is not None and frame.kind != "author" and (
        quote.start <= frame.content[0] < quote.end or frame.content[0] <= quote.start < frame.content[1])]
    if not mentioned:
        saying = [i for i in saying if not any(quote.start <= c < quote.end for c in frames[i].cue)]
    return _relayed(frames, saying[0]) if saying else None


def _relayed(frames: list[Frame], index: int) -> tuple[int, Frame]:
    """A relay's frame stands for the claim it relays ("According to the BBC, a spokesman said ...": the
    quotation that follows goes on with the spokesman, via the BBC)."""
    relay = frames[index]
    if relay.nested:
        for i, frame in enumerate(frames):
            if frame is not relay and not frame.nested and frame.sentence == relay.sentence and (
                relay.source in frame.relays
            ):
                return i, frame
    return index, relay


def _previous_speaker(frames: list[Frame], paragraphs: list[Span], sent: Span) -> tuple[int, Frame] | None:
    """The last speaker of the paragraph before, when this paragraph opens with a quotation."""
    here = next((p for p in paragraphs if p.start <= sent.start < p.end), None)
    if here is None or here.text[:1] not in "“\"«":
        return None
    before = [p for p in paragraphs if p.end <= here.start]
    if not before:
        return None
    previous = before[-1]
    candidates = [(i, f) for i, f in enumerate(frames)
                  if f.source is not None and previous.start <= f.sentence[0] < previous.end]
    return candidates[-1] if candidates else None


def _request(verb: Token) -> Token | None:
    requests = set(lexicon("cues")["request_nouns"])
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            return next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ in requests), None)
    return None


def _inability_frames(sent: Span) -> list[Frame]:
    """'Reuters could not independently verify the footage': the source doubts it (not a refusal)."""
    cues = lexicon("cues")
    frames = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ not in cues["inability_verbs"]:
            continue
        unable = any(c.dep_ == "neg" for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ in ("could", "can", "ca") for c in verb.children
        )
        unable = unable or (verb.dep_ == "xcomp" and verb.head.lower_ == "unable")
        subject = _subject(verb) or (_subject(verb.head.head) if verb.head.lower_ == "unable" else None)
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "ccomp")), None)
        if not unable or subject is None or obj is None:
            continue
        cue = [verb.i] + [c.i for c in verb.children if c.dep_ in ("neg", "aux")]
        frames.append(Frame(kind="doubts", sentence=(sent.start, sent.end), content=_subtree_span(obj),
                            cue=sorted(cue), source=_mention(subject), negated=True, stance="doubts"))
    return frames


def _withholding_frames(sent: Span) -> list[Frame]:
    """'The office gave no further details', 'Boeing did not release any information': the source declines."""
    cues = lexicon("cues")
    objects = set(cues["declines_objects"])
    frames = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ not in cues["declines_when_negated"]:
            continue
        if verb.lemma_ in cues["speech_verbs"] and _request(verb) is None:
            continue  # a speech verb's own frame covers "did not confirm the report"
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in objects), None)
        negated = any(c.dep_ == "neg" for c in verb.children)
        if obj is None and negated:
            obj = _request(verb)  # "did not respond to a request for comment"
        if obj is None or not (negated or any(c.lower_ == "no" for c in obj.children)):
            continue
        subject = _subject(verb)
        if subject is None:
            continue
        cue = [verb.i] + [c.i for c in verb.children if c.dep_ == "neg"]
        frames.append(Frame(kind="declines", sentence=(sent.start, sent.end), content=_subtree_span(obj),
                            cue=sorted(cue), source=_mention(subject), negated=True, stance="declines"))
    return frames


def _add_author_frames(doc: Doc, frames: list[Frame]) -> None:
    """Story sentences with no attribution: the author's voice, or unnamed reports when hedged 'reportedly'."""
    covered = {f.sentence for f in frames}
    for sent in doc.sents:
        if (sent.start, sent.end) in covered or caption_of(sent):
            continue
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not any(t.pos_ in ("VERB", "AUX") for t in words):
            continue  # datelines, bylines, headings: no statement
        hearsay = next((t for t in words if t.lower_ in ("reportedly", "allegedly", "purportedly")), None)
        frames.append(Frame(
            kind="passive" if hearsay is not None else "author", sentence=(sent.start, sent.end),
            content=author_content(sent), cue=[hearsay.i] if hearsay is not None else [],
        ))


def author_content(sent: Span) -> tuple[int, int]:
    """What a sentence in the author's voice claims: the sentence from its first word, without its final
    stop (closing quotation marks stay)."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return sent.start, sent.end
    doc, end = sent.doc, sent.end
    while end > words[0].i + 1 and (doc[end - 1].is_space or doc[end - 1].text in (".", "!", "?", "…")):
        end -= 1
    return words[0].i, end
