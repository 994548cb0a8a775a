"""Windows, BIO labels and their decoding: what training and the pipeline share (claimgraph.learn.encoding)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.learn.encoding import BEGIN, INSIDE, MAX_PIECES, ROLES, case_class, decode, labels_for, windows


def test_case_classes_tell_names_from_words():
    assert [case_class(w) for w in ("bush", "Bush", "NATO", "A", "12", ",")] == [1, 2, 3, 2, 1, 1]


def test_a_long_text_is_cut_at_a_paragraph_break_and_nothing_is_lost():
    paragraph = " ".join(["The minister said the plan would work."] * 12)
    text = "\n\n".join([paragraph] * 4)
    cut = windows(text)
    assert len(cut) > 1 and all(len(w.ids) <= MAX_PIECES for w in cut)
    assert all(w.ids[0] == 101 and w.ids[-1] == 102 for w in cut)
    for window in cut[:-1]:
        end = int(window.offsets[-2, 1])
        assert text[end : end + 2] == "\n\n"  # each window ends where a paragraph does
    pieces = sum(len(w.ids) - 2 for w in cut)
    assert pieces == len(windows(text, max_pieces=100_000)[0].ids) - 2


def test_labels_mark_each_role_apart_so_a_source_can_sit_inside_content():
    text = "Officials said Smith told them the vote was fair."
    (window,) = windows(text)
    spans = {"source": [(0, 9), (15, 20)], "cue": [(10, 14), (21, 25)], "content": [(15, 48)]}
    labels = labels_for(window, spans)
    assert labels[0].tolist() == [-100] * 3 and labels[-1].tolist() == [-100] * 3
    smith = next(i for i in range(len(window.ids)) if tuple(window.offsets[i]) == (15, 20))
    assert labels[smith, ROLES.index("source")] == BEGIN and labels[smith, ROLES.index("content")] == BEGIN
    assert labels[smith + 1, ROLES.index("content")] == INSIDE
    assert decode(text, window, np.where(labels < 0, 0, labels)) == {role: sorted(s) for role, s in spans.items()}


def test_an_inside_tag_after_outside_starts_a_span_and_pieces_widen_to_whole_words():
    text = "Unbelievably, he said."
    (window,) = windows(text)
    tags = np.zeros((len(window.ids), len(ROLES)), dtype=np.int64)
    tags[1, ROLES.index("content")] = INSIDE  # the first piece of "Unbelievably" only, tagged I
    assert decode(text, window, tags)["content"] == [(0, 12)]


words = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), st.data())
def test_decoding_the_labels_of_word_aligned_spans_gives_the_spans_back(tokens, data):
    text = " ".join(tokens)
    starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    spans = {}
    for role in ROLES:
        chosen = sorted(set(data.draw(st.lists(st.integers(0, len(tokens) - 1), max_size=4))))
        # one-word spans, never two adjacent (adjacent spans of one role would decode as one B..I run only
        # if the labels lost the B; they keep it, but a role's spans in PolNeAR are never adjacent)
        chosen = [i for k, i in enumerate(chosen) if k == 0 or i > chosen[k - 1] + 1]
        spans[role] = [(starts[i], starts[i] + len(tokens[i])) for i in chosen]
    cut = windows(text)
    found = {role: [] for role in ROLES}
    for window in cut:
        labels = labels_for(window, spans)
        for role, decoded in decode(text, window, np.where(labels < 0, 0, labels)).items():
            found[role].extend(decoded)
    assert {role: sorted(s) for role, s in found.items()} == spans
