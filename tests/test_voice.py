"""The document's own voice: unattributed sentences and captions speak for its author, else its outlet."""

from __future__ import annotations

import pytest

from claimgraph.link.compare import Pairing, compare_claims
from claimgraph.model import Claim, Predicate, Source

ARTICLE = (
    "Landslides near Kestrel Bay destroyed 40 homes on Monday.\n\n"
    "Governor Amara Voss said rescue crews were still digging through the mud.\n\n"
    "Rescue workers search the mud near Kestrel Bay on June 11. (Photo: Lena Ortiz, Getty Images)\n"
)


@pytest.mark.parametrize(
    ("fields", "voice"),
    [({"author": "Mira Sol", "outlet": "Harbour Post"}, "Mira Sol"), ({"outlet": "Harbour Post"}, "Harbour Post"),
     ({}, "author")],
)
def test_unattributed_sentences_and_captions_speak_for_the_author_else_the_outlet(ledger_of, fields, voice):
    claims = ledger_of(ARTICLE, **fields).claims
    narration, caption = claims[0], claims[-1]
    assert narration.content.startswith("Landslides near Kestrel Bay destroyed 40 homes")
    assert caption.caption
    for claim in (narration, caption):
        assert claim.source == Source(name=voice, mention="", kind="author")
    governor = next(c for c in claims if "rescue crews" in c.content)
    assert governor.source.kind == "person" and "Voss" in governor.source.name


def _narration(document: str, source: Source) -> Claim:
    return Claim(id=f"{document}-c1", document=document, evidence="", source=source,
                 content="The harbour bridge was closed to traffic on Friday after the landslide",
                 predicates=[Predicate(lemma="close", negated=False, aspect=None)])


SAME_STORY = Pairing(similarity=0.95, story=0.9, documents="d1|d2")


@pytest.mark.parametrize(
    ("first", "second", "independent"),
    [
        (Source.author("Mira Sol"), Source.author("Tomas Reyes"), True),  # two bylines: two sources
        (Source.author("Mira Sol"), Source.author("Mira Sol"), False),  # one byline in two articles: one source
        (Source.author("Harbour Post"), Source("Harbour Post", "the Harbour Post", "media"), False),
        (Source.author(), Source.author(), True),  # unnamed authors of two articles
    ],
)
def test_author_voices_corroborate_only_as_different_sources(first, second, independent):
    findings = compare_claims(_narration("d1", first), _narration("d2", second), SAME_STORY)
    assert [f.kind for f in findings] == (["corroborates"] if independent else [])


def test_one_articles_unnamed_author_does_not_corroborate_itself():
    first, second = _narration("d1", Source.author()), _narration("d1", Source.author())
    second.id = "d1-c2"
    assert compare_claims(first, second, SAME_STORY) == []
