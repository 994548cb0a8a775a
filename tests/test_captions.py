"""Photo captions and credit lines: marked caption=True, kept out of attribution and relations."""

from __future__ import annotations

import pytest

from claimgraph.annotate.captions import is_caption
from claimgraph.model import Claim, Ledger


def captions(ledger: Ledger) -> list[Claim]:
    return [c for c in ledger.claims if c.caption]


def story(ledger: Ledger) -> list[Claim]:
    return [c for c in ledger.claims if not c.caption]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Firefighters work at the scene of the blaze in Porto on Sunday (Photo: Ana Reis/Getty Images)",
        "Rescue workers search the rubble in Izmir on Friday. (AP Photo/Emre Demir)",
        "Protesters march through the city center on Saturday. (Reuters/Jan Novak)",
        "Photo: Volunteers carry sandbags along the river bank in Dresden.",
        "—Sam Keller on the cup final",
        "The new terminal at Oslo airport. Photo: Kari Lund",
        "Mayor Ana Lopez speaks to reporters in Porto on Monday. (File photo)",
        "The minister speaks at a briefing in Lisbon on May 3. [Ministry photo by Rui Costa/ Public Domain]",
        "Photo by Rui Costa/Ministry of Defence",
        "Image courtesy of the port authority",
        "Ambassador Dias addresses the Council in New York. UN Photo/Rui Costa",
    ],
)
def test_is_caption(paragraph):
    assert is_caption(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council approved the budget (the first since 2019).",
        "The mayor said the library would reopen next year.",
        "Shares of the carmaker fell 4% (to 212 euros) on Monday.",
        "The bill passed 52-48 (with two abstentions)",
        "The court heard the case [in closed session] on Monday.",
        "He took a photo by the river before the storm arrived.",
        "",
    ],
)
def test_is_not_caption(paragraph):
    assert not is_caption(paragraph)


def test_trailing_photo_credit_paragraph(ledger_of):
    text = (
        "The council voted to close the library on Monday.\n\n"
        "Firefighters work at the scene of the blaze in Porto on Sunday (Photo: Ana Reis/Getty Images)\n\n"
        "The mayor said the library would reopen next year."
    )
    ledger = ledger_of(text)
    [caption] = captions(ledger)
    assert caption.content == (
        "Firefighters work at the scene of the blaze in Porto on Sunday (Photo: Ana Reis/Getty Images)"
    )
    assert caption.source.kind == "author"
    assert caption.paragraph == 1
    assert text[caption.start:caption.end] == caption.evidence
    # the paragraphs around it stay their own claims, in reading order
    assert [c.content for c in ledger.claims] == [
        "The council voted to close the library on Monday",
        caption.content,
        "the library would reopen next year",
    ]
    assert [c.source.name for c in story(ledger)] == ["author", "mayor"]


@pytest.mark.parametrize(
    "caption_text",
    [
        "Photo: Volunteers carry sandbags along the river bank in Dresden.",
        "Rescue workers search the rubble in Izmir on Friday. (AP Photo/Emre Demir)",
        "Protesters march through the city center on Saturday. (Reuters/Jan Novak)",
    ],
)
def test_caption_kinds_in_a_story(ledger_of, caption_text):
    text = (
        "The mayor said the library would reopen next year.\n\n"
        f"{caption_text}\n\n"
        "Officials said 40 homes were flooded."
    )
    ledger = ledger_of(text)
    [caption] = captions(ledger)
    assert caption.content == caption_text
    assert caption.stance == "asserts" and caption.cue is None and caption.via == []
    assert [(c.source.name, c.content) for c in story(ledger)] == [
        ("mayor", "the library would reopen next year"),
        ("Officials", "40 homes were flooded"),
    ]


def test_pull_quote_attribution_line(ledger_of):
    text = (
        "The coach praised his players.\n\n"
        '"We were the better team tonight."\n\n'
        "—Sam Keller on the cup final\n\n"
        "The club said 30,000 tickets were sold."
    )
    ledger = ledger_of(text)
    [caption] = captions(ledger)
    assert caption.content == "—Sam Keller on the cup final"
    assert caption.paragraph == 2
    # the line after the caption is not read as a continuation of the caption
    club = story(ledger)[-1]
    assert (club.source.name, club.content) == ("club", "30,000 tickets were sold")


def test_parenthetical_without_credit_words_is_story(ledger_of):
    ledger = ledger_of(
        "The mayor said the library would reopen next year.\n\n"
        "The council approved the budget (the first since 2019)."
    )
    assert captions(ledger) == []
    last = story(ledger)[-1]
    assert last.source.kind == "author"
    assert last.evidence == "The council approved the budget (the first since 2019)."
    assert last.content.startswith("The council approved the budget (the first since 2019")


def test_author_content_keeps_balanced_bracket(ledger_of):
    claim = story(ledger_of("The council approved the budget (the first since 2019)."))[0]
    assert claim.content == "The council approved the budget (the first since 2019)"


def test_caption_with_speech_verb_is_not_attributed(ledger_of):
    ledger = ledger_of(
        "Port workers began a strike on Monday.\n\n"
        "Union leader Marta Silva said the strike would go on. (Photo: Jan Novak/AFP)\n\n"
        "The port authority said ships would be diverted."
    )
    [caption] = captions(ledger)
    assert caption.source.kind == "author"
    assert caption.cue is None
    assert not any("Marta Silva" in c.source.name for c in ledger.claims)
    assert [c.source.name for c in story(ledger)] == ["author", "port authority"]


def test_caption_is_never_in_a_relation(ledger_of):
    ledger = ledger_of(
        "Organisers said 5,000 people joined the march in Leeds.\n\n"
        "About 3,000 people join the march in Leeds on Saturday. (Photo: Tom Hale/Getty Images)\n\n"
        "Police said 4,000 people joined the march in Leeds."
    )
    [caption] = captions(ledger)
    assert caption.quantities == []
    assert all(caption.id not in (r.a, r.b) for r in ledger.relations)
    assert len(ledger.relations) == 1
    relation = ledger.relations[0]
    by_id = {c.id: c for c in ledger.claims}
    assert {by_id[relation.a].source.name, by_id[relation.b].source.name} == {"Organisers", "Police"}
    assert (relation.kind, relation.basis) == ("contradicts", "quantity")
