"""The learned attribution tagger and how its spans merge into the rule frames (annotate/learned_attribution.py)."""

from __future__ import annotations

import pytest

from claimgraph.annotate.learned_attribution import MergeOptions, merge_learned
from claimgraph.settings import Settings


@pytest.fixture(scope="module")
def rules_only():
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        return build_nlp(Settings(attribution_model=False))
    except ModelNotFound as error:
        pytest.skip(str(error))


EVERYTHING = MergeOptions(confirm_rules=True, add_frames=True, continue_quotes=True)
CONFIRM_ONLY = MergeOptions(confirm_rules=True, add_frames=False, continue_quotes=False)


def test_confirming_only_the_tagger_adds_no_frames_of_its_own(rules_only):
    doc = rules_only("In the view of analysts, prices will rise sharply.")
    merge_learned(doc, spans(doc, cue=["In the view of"], source=["analysts"], content=["prices will rise sharply"]),
                  CONFIRM_ONLY)
    assert [f.kind for f in doc._.frames] == ["author"]


def spans(doc, **roles: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Token spans of the given phrases, by role (each phrase found once in the text)."""
    found: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
    for role, phrases in roles.items():
        for phrase in phrases:
            start = doc.text.index(phrase)
            span = doc.char_span(start, start + len(phrase))
            found[role].append((span.start, span.end))
    return found


def text_of(doc, offsets):
    return doc[offsets[0] : offsets[1]].text


def test_a_confirmed_rule_frame_keeps_its_claim_and_takes_the_tagger_spans_as_marked(rules_only):
    doc = rules_only("The minister said that the bridge will reopen in May.")
    (frame,) = [f for f in doc._.frames if f.kind == "verb"]
    claimed = frame.content
    merge_learned(doc, spans(doc, source=["The minister"], cue=["said"],
                             content=["that the bridge will reopen in May."]))
    assert frame.content == claimed and text_of(doc, frame.content) == "that the bridge will reopen in May"
    assert text_of(doc, frame.marked.content) == "that the bridge will reopen in May."
    assert text_of(doc, frame.marked.source) == "The minister" and frame.marked.cue == frame.cue


def test_a_cue_the_tagger_does_not_confirm_leaves_the_sentence_to_the_author(rules_only):
    doc = rules_only("The minister said that the bridge will reopen in May.")
    merge_learned(doc, {"source": [], "cue": [], "content": []})
    assert [f.kind for f in doc._.frames] == ["author"]
    assert doc._.frames[0].source is None and not doc._.frames[0].cue


def test_an_unconfirmed_cue_inside_a_quotation_goes_on_with_the_speaker_not_the_author(rules_only):
    doc = rules_only('Rutte said the alliance "has no evidence of troops in the fight. But we do know that the North '
                     'is supplying Russia with shells."')
    assert [f.kind for f in doc._.frames] == ["verb", "verb"]  # the rules read "we do know" as a cue
    merge_learned(doc, spans(doc, source=["Rutte"], cue=["said"], content=[
        'the alliance "has no evidence of troops in the fight. But we do know that the North is supplying Russia '
        'with shells."']), EVERYTHING)
    speaker, quoted = doc._.frames
    assert quoted.kind == "continuation" and doc._.frames[quoted.outer] is speaker
    assert text_of(doc, quoted.source) == "Rutte" and text_of(doc, quoted.content).startswith("But we do know")
    assert speaker.marked.content[0] <= quoted.marked.content[0] < quoted.marked.content[1] <= speaker.marked.content[1]


def test_a_denial_stays_even_when_the_tagger_misses_it(rules_only):
    doc = rules_only("Russia denied the reports.")
    before = [(f.kind, f.stance) for f in doc._.frames]
    merge_learned(doc, {"source": [], "cue": [], "content": []})
    assert [(f.kind, f.stance) for f in doc._.frames] == before and before[0][1] == "denies"


def test_a_cue_the_rules_missed_becomes_a_frame_in_place_of_the_author_voice(rules_only):
    doc = rules_only("In the view of analysts, prices will rise sharply.")
    assert [f.kind for f in doc._.frames] == ["author"]
    merge_learned(doc, spans(doc, cue=["In the view of"], source=["analysts"], content=["prices will rise sharply"]),
                  EVERYTHING)
    (frame,) = doc._.frames
    assert frame.kind == "learned" and frame.is_claim
    assert text_of(doc, frame.source) == "analysts" and text_of(doc, frame.content) == "prices will rise sharply"


def test_a_learned_content_of_two_sentences_is_one_claim_per_sentence(rules_only):
    doc = rules_only('The ministry made an announcement: "Cases rose to 300 this week. Ten more people have died."')
    quotation = '"Cases rose to 300 this week. Ten more people have died."'
    assert len(list(doc.sents)) == 2
    merge_learned(doc, spans(doc, source=["The ministry"], cue=["made an announcement"], content=[quotation]),
                  EVERYTHING)
    learned = next(f for f in doc._.frames if f.kind == "learned")
    continuation = next(f for f in doc._.frames if f.kind == "continuation")
    assert "Cases rose to 300" in text_of(doc, learned.content) and "died" not in text_of(doc, learned.content)
    assert text_of(doc, continuation.content) == "Ten more people have died"
    assert doc._.frames[continuation.outer] is learned and continuation.source == learned.source
    assert text_of(doc, learned.marked.content) == quotation  # one attribution to an annotator
    assert not [f for f in doc._.frames if f.kind == "author"]


def test_a_long_content_leaves_a_sentence_with_its_own_attribution_alone(rules_only):
    doc = rules_only("In the view of analysts, prices will rise sharply this year. Smith said the mood was grim.")
    merge_learned(doc, spans(doc, cue=["In the view of", "said"], source=["analysts", "Smith"],
                             content=["prices will rise sharply this year. Smith said the mood was grim"]), EVERYTHING)
    assert [(f.kind, text_of(doc, f.source)) for f in doc._.frames] == [("learned", "analysts"), ("verb", "Smith")]


def test_cue_pieces_around_one_content_are_one_frame(rules_only):
    doc = rules_only("In a situational report of the agency, the storm damaged 143 buildings including 70 schools.")
    merge_learned(doc, spans(doc, cue=["In", "situational report of"], source=["the agency"],
                             content=["the storm damaged 143 buildings including 70 schools"]), EVERYTHING)
    (frame,) = doc._.frames
    assert frame.kind == "learned" and frame.cue_text(doc) == "In ... situational report of"


def test_a_learned_cue_takes_its_sentence_from_the_author_even_when_its_content_is_short(rules_only):
    doc = rules_only("An inquiry by the ombudsman found no wrongdoing by the mayor, and the city council later voted "
                     "to close the long and costly case after a debate that lasted many hours.")
    merge_learned(doc, spans(doc, source=["An inquiry by the ombudsman"], cue=["found"],
                             content=["no wrongdoing by the mayor"]), EVERYTHING)
    assert [f.kind for f in doc._.frames] == ["learned"]


def test_a_content_the_rules_gave_to_one_source_is_not_taken_by_another_cue(rules_only):
    doc = rules_only("Villagers said at least 25 people had died in the floods, more than the emergency service "
                     "has confirmed.")
    merge_learned(doc, spans(doc, source=["Villagers", "the emergency service"], cue=["said", "has confirmed"],
                             content=["at least 25 people had died in the floods"]), EVERYTHING)
    assert [(f.kind, text_of(doc, f.source)) for f in doc._.frames] == [("verb", "Villagers")]


def test_a_cue_without_content_near_it_is_no_claim(rules_only):
    doc = rules_only("In the view of analysts, prices will rise sharply. The weather was fine all week long.")
    merge_learned(doc, spans(doc, cue=["In the view of"], source=["analysts"], content=["all week long"]), EVERYTHING)
    assert all(f.kind == "author" for f in doc._.frames)


def test_a_quotation_the_tagger_marks_after_a_speaker_continues_that_speaker(rules_only):
    doc = rules_only('Smith said the vote was fair. "Nobody cheated here, trust me on that."')
    quotation = '"Nobody cheated here, trust me on that."'
    found = spans(doc, source=["Smith"], cue=["said"], content=["the vote was fair", quotation])
    merge_learned(doc, found, EVERYTHING)
    speaker = next(f for f in doc._.frames if f.kind == "verb")
    continuation = next(f for f in doc._.frames if f.kind == "continuation")
    assert doc._.frames[continuation.outer] is speaker and continuation.source == speaker.source


def test_the_shipped_tagger_finds_source_cue_and_content():
    from claimgraph.learn.tagger import role_tagger

    text = "The health minister said on Tuesday that the bridge will reopen in May."
    found = {role: [text[s:e] for s, e in spans] for role, spans in role_tagger()(text).items()}
    assert any("said" in cue for cue in found["cue"])
    assert any("minister" in source for source in found["source"])
    assert any("bridge will reopen" in content for content in found["content"])


def test_the_pipeline_runs_the_tagger_unless_it_is_switched_off(rules_only):
    from claimgraph.pipeline import build_nlp

    assert "claimgraph_learned_attribution" in build_nlp(Settings(attribution_model=True)).pipe_names
    assert "claimgraph_learned_attribution" not in rules_only.pipe_names


def test_adding_frames_is_on_by_default_and_a_setting():
    from claimgraph.pipeline import build_nlp

    def options(settings):
        return build_nlp(settings).get_pipe("claimgraph_learned_attribution").options

    assert options(Settings()).add_frames and options(Settings()).continue_quotes
    off = options(Settings(attribution_frames=False))
    assert not off.add_frames and not off.continue_quotes and off.confirm_rules
