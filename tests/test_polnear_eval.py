"""The PolNeAR harness: the scorer on hand-made spans, the brat reader, the frame mapping, one small run."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from claimgraph.annotate.frames import Frame, Marked
from claimgraph.evaluation.polnear import (
    ROLES,
    Attribution,
    attributions_from_doc,
    content_type,
    evaluate,
    normalize,
    parse_ann,
    score,
)

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def att(text: str, source: str | None, cue: list[str], content: list[str]) -> Attribution:
    return Attribution(
        source=(span(text, source),) if source else (),
        cue=tuple(span(text, c) for c in cue),
        content=tuple(span(text, c) for c in content),
    )


TEXT = "Alice said that taxes will rise. Bob, citing aides as saying rates fall, disagreed."


def test_exact_needs_the_same_offsets_overlap_one_shared_character():
    gold = [att(TEXT, "Alice", ["said"], ["that taxes will rise"])]
    pred = [att(TEXT, "Alice", ["said"], ["taxes will rise."])]
    result = score([(TEXT, gold, pred)])
    assert result["exact"]["source"] == {"p": 100.0, "r": 100.0, "f1": 100.0}
    assert result["exact"]["content"]["f1"] == 0.0
    assert result["exact"]["attribution"]["f1"] == 0.0
    assert result["overlap"]["content"]["f1"] == 100.0
    assert result["overlap"]["attribution"]["f1"] == 100.0
    assert result["exact_trimmed"]["content"]["f1"] == 0.0  # "that" is a word, not punctuation


def test_trimmed_mode_forgives_edge_punctuation_and_quotes_only():
    text = 'He said: "We will win." She agreed.'
    gold = [Attribution((span(text, "He"),), (span(text, "said:"),), (span(text, '"We will win."'),))]
    pred = [Attribution((span(text, "He"),), (span(text, "said"),), (span(text, "We will win"),))]
    result = score([(text, gold, pred)])
    assert result["exact"]["cue"]["f1"] == 0.0 and result["exact"]["content"]["f1"] == 0.0
    assert result["exact_trimmed"]["cue"]["f1"] == 100.0
    assert result["exact_trimmed"]["attribution"]["f1"] == 100.0


def test_overlap_matching_is_one_to_one_and_prefers_the_larger_overlap():
    text = "aaaa bbbb cccc dddd"
    gold = [Attribution((), (span(text, "aaaa"),), ()), Attribution((), (span(text, "bbbb cccc"),), ())]
    pred = [Attribution((), (span(text, "aaaa bbbb cccc"),), ())]  # covers both gold cues
    result = score([(text, gold, pred)])
    assert result["overlap"]["cue"] == {"p": 100.0, "r": 50.0, "f1": 66.67}
    # a second prediction can take the gold span the first one did not get
    pred.append(Attribution((), (span(text, "aa"),), ()))
    assert score([(text, gold, pred)])["overlap"]["cue"]["r"] == 100.0


def test_discontinuous_cue_fragments_count_apart_but_the_attribution_needs_all():
    gold = [att(TEXT, "Bob", ["citing", "as saying"], ["rates fall"])]
    half = [att(TEXT, "Bob", ["citing"], ["rates fall"])]
    result = score([(TEXT, gold, half)])
    assert result["exact"]["cue"] == {"p": 100.0, "r": 50.0, "f1": 66.67}
    assert result["exact"]["attribution"]["f1"] == 0.0
    assert result["overlap"]["attribution"]["f1"] == 100.0
    whole = score([(TEXT, gold, [att(TEXT, "Bob", ["citing", "as saying"], ["rates fall"])])])
    assert whole["exact"]["attribution"]["f1"] == 100.0


def test_prf_arithmetic_is_micro_over_documents_and_dedupes_shared_spans():
    # document 1: 1 gold source, 2 predicted (1 right); document 2: 2 gold, 2 predicted (1 right)
    one = (TEXT, [att(TEXT, "Alice", ["said"], ["taxes"])],
           [att(TEXT, "Alice", ["said"], ["taxes"]), att(TEXT, "Bob", ["disagreed"], ["rates"])])
    two = (TEXT, [att(TEXT, "Alice", ["said"], ["taxes"]), att(TEXT, "Bob", ["disagreed"], ["rates"])],
           [att(TEXT, "Alice", ["said"], ["taxes"]), att(TEXT, "aides", ["saying"], ["rates"])])
    result = score([one, two])
    assert result["exact"]["source"] == {"p": 50.0, "r": 66.67, "f1": 57.14}
    assert result["counts"]["gold"]["source"] == 3 and result["counts"]["pred"]["source"] == 4
    # a source shared by two attributions is one gold source
    shared = [att(TEXT, "Bob", ["citing"], ["rates"]), att(TEXT, "Bob", ["disagreed"], ["taxes"])]
    assert score([(TEXT, shared, [])])["counts"]["gold"]["source"] == 1
    assert score([(TEXT, [], [])])["exact"]["source"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_a_missing_source_matches_only_a_missing_source():
    gold = [att(TEXT, None, ["said"], ["taxes will rise"])]
    assert score([(TEXT, gold, gold)])["exact"]["attribution"]["f1"] == 100.0
    named = [att(TEXT, "Alice", ["said"], ["taxes will rise"])]
    assert score([(TEXT, gold, named)])["overlap"]["attribution"]["f1"] == 0.0


def test_content_type_and_the_per_type_split():
    text = "“We won,” he said. He said it was “a great day” for all. He said they won.\n\"Yes\""
    direct, mixed = span(text, "“We won,”"), span(text, "it was “a great day” for all")
    indirect = span(text, "they won")
    assert content_type(text, (direct,)) == "direct"
    assert content_type(text, (mixed,)) == "mixed"
    assert content_type(text, (indirect,)) == "indirect"
    assert content_type(text, (span(text, '"Yes"'),)) == "direct"  # straight quotes toggle
    gold = [Attribution((), (), (c,)) for c in (direct, mixed, indirect)]
    pred = [Attribution((), (), (direct,)), Attribution((), (), (span(text, "they"),))]
    types = score([(text, gold, pred)])["content_types"]
    assert types["exact"]["direct"] == {"p": 100.0, "r": 100.0, "f1": 100.0, "gold": 1, "pred": 1}
    assert types["exact"]["mixed"]["r"] == 0.0 and types["exact"]["indirect"]["pred"] == 1
    assert types["overlap"]["indirect"] == {"p": 100.0, "r": 100.0, "f1": 100.0, "gold": 1, "pred": 1}


def test_normalize_trims_whitespace_and_joins_fragments_split_by_whitespace():
    text = "  cited   as saying  "
    assert normalize(text, [(0, 8), (10, 21)]) == ((2, 19),)
    text = " cited Lee as saying "
    assert normalize(text, [(11, 21), (0, 7)]) == ((1, 6), (11, 20))
    assert normalize(":", [(0, 1)], chars=" :") == ((0, 1),)  # a cue that is only a colon survives trimming


ANN = """T1\tSource 0 5\tAlice
T2\tCue 6 10\tsaid
T3\tContent 11 31\tthat taxes will rise
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 33 45;53 63\tIt is feared rose again
T6\tContent 46 52;64 84\tprices they
would stay high
T7\tAttribution 33 45\tIt is feared
E2\tAttribution-no-source:T7 Cue:T5 Content:T6
T8\tContent 86 90\tmore
E3\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T8
T9\tDiscard 0 5\tAlice
#1\tAnnotatorNotes T1\tcheck this
"""


def test_parse_ann_reads_discontinuous_spans_missing_sources_and_second_contents():
    text = "Alice said that taxes will rise. It is feared prices rose again they\nwould stay high. more"
    found = parse_ann(ANN, text)
    assert len(found) == 3
    first, second, third = found
    assert [text[s:e] for s, e in first.source] == ["Alice"]
    assert [text[s:e] for s, e in first.content] == ["that taxes will rise"]
    assert second.source == ()
    assert [text[s:e] for s, e in second.cue] == ["It is feared", "rose again"]
    assert [text[s:e] for s, e in second.content] == ["prices", "they\nwould stay high"]
    assert [text[s:e] for s, e in third.content] == ["that taxes will rise", "more"]
    assert all(isinstance(getattr(a, role), tuple) for a in found for role in ROLES)


def test_frames_map_to_char_spans_and_continuations_join_their_speaker():
    nlp = spacy.blank("en")
    doc = nlp('Smith said taxes rise. "They will." The sky is blue.')
    doc._.frames = [
        Frame(kind="verb", sentence=(0, 5), content=(2, 4), cue=[1], source=(0, 1)),
        Frame(kind="continuation", sentence=(5, 10), content=(6, 8), source=(0, 1), outer=0),
        Frame(kind="author", sentence=(10, 15), content=(10, 14)),
    ]
    (only,) = attributions_from_doc(doc)
    text = doc.text
    assert [text[s:e] for s, e in only.source] == ["Smith"]
    assert [text[s:e] for s, e in only.cue] == ["said"]
    assert [text[s:e] for s, e in only.content] == ["taxes rise", "They will"]


@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR is not at {POLNEAR} (it is not shipped with the repo)")
def test_evaluate_three_dev_articles():
    from claimgraph.pipeline import ModelNotFound, build_nlp

    try:
        nlp = build_nlp()
    except ModelNotFound as error:
        pytest.skip(str(error))
    result = evaluate("dev", POLNEAR, nlp=nlp, limit=3)
    assert result["counts"]["articles"] == 3 and result["counts"]["gold"]["attribution"] > 0
    for block in (result, result["per_annotator_files"]):
        for mode in ("exact", "overlap"):
            assert set(block[mode]) == {*ROLES, "attribution"}
            for figures in block[mode].values():
                assert set(figures) == {"p", "r", "f1"}
                assert all(0.0 <= value <= 100.0 for value in figures.values())
        assert block["overlap"]["content"]["r"] >= block["exact"]["content"]["r"]
    assert set(result["content_types"]["exact"]) == {"direct", "mixed", "indirect"}


def test_frames_marked_by_the_tagger_are_scored_on_its_spans():
    nlp = spacy.blank("en")
    doc = nlp("Smith said that taxes rise.")
    doc._.frames = [Frame(kind="verb", sentence=(0, 6), content=(3, 5), cue=[1], source=(0, 1),
                          marked=Marked(cue=[1], source=(0, 1), content=(2, 5)))]
    (only,) = attributions_from_doc(doc)
    assert [doc.text[s:e] for s, e in only.content] == ["that taxes rise"]
