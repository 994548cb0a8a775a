"""Source mentions resolved to names and kinds within one document (resolve/sources.py, on real parses)."""

from __future__ import annotations

import pytest

from claimgraph.model import Claim, Ledger


def attributed(ledger: Ledger) -> list[Claim]:
    return [c for c in ledger.claims if not c.caption and c.source.kind != "author"]


def sources(ledger: Ledger) -> list[tuple[str, str, str]]:
    return [(c.source.name, c.source.mention, c.source.kind) for c in attributed(ledger)]


def test_honorific_surname_resolves_to_full_name(ledger_of):
    ledger = ledger_of(
        "Finance Minister Hanna Berg presented the budget on Tuesday.\n\n"
        "Ms Berg said the deficit would shrink next year."
    )
    assert sources(ledger) == [("Hanna Berg", "Ms Berg", "person")]


def test_mr_and_he(ledger_of):
    ledger = ledger_of(
        "Opposition leader Karl Weiss criticised the plan.\n\n"
        "Mr Weiss said the budget ignored pensioners.\n\n"
        "He added that his party would vote against it."
    )
    assert sources(ledger) == [
        ("Karl Weiss", "Opposition leader Karl Weiss", "person"),  # criticising is a stated position
        ("Karl Weiss", "Mr Weiss", "person"),
        ("Karl Weiss", "He", "person"),
    ]


def test_she_is_the_last_person_who_spoke(ledger_of):
    ledger = ledger_of(
        "Council member Rita Gomez said the plan was too costly.\n\n"
        "Mayor Ana Lopez said the plan was affordable.\n\n"
        "She said the city could pay for it from reserves."
    )
    assert [name for name, _, _ in sources(ledger)] == ["Rita Gomez", "Ana Lopez", "Ana Lopez"]
    assert attributed(ledger)[-1].source.mention == "She"


def test_pronoun_skips_a_person_only_mentioned(ledger_of):
    ledger = ledger_of(
        "Council member Rita Gomez said the plan was too costly, citing a study by economist Ana Lopez.\n\n"
        "She said the city could not afford the stadium."
    )
    assert [name for name, _, _ in sources(ledger)] == ["Rita Gomez", "Rita Gomez"]


def test_title_resolves_to_person_introduced_with_it(ledger_of):
    ledger = ledger_of(
        "Health Minister Clara Voss visited the hospital on Monday.\n\n"
        "The minister said the new wing would open in the spring."
    )
    assert sources(ledger) == [("Clara Voss", "The minister", "person")]


def test_title_picks_the_matching_person(ledger_of):
    ledger = ledger_of(
        "Health Minister Clara Voss and Mayor Tom Berg opened the new hospital wing on Monday.\n\n"
        "The mayor said the wing had cost 40 million euros.\n\n"
        "The minister said it would treat 2,000 patients a year."
    )
    assert [(name, mention) for name, mention, _ in sources(ledger)] == [
        ("Tom Berg", "The mayor"),
        ("Clara Voss", "The minister"),
    ]


@pytest.mark.parametrize(
    ("intro", "acronym", "name"),
    [
        ("The World Meteorological Organization (WMO) published its annual report on Thursday.", "WMO",
         "World Meteorological Organization"),
        ("The National Weather Service (NWS) issued a flood warning on Sunday.", "NWS",
         "National Weather Service"),
    ],
)
def test_acronym_resolves_to_long_name(ledger_of, intro, acronym, name):
    ledger = ledger_of(f"{intro}\n\nThe {acronym} said the river would crest on Tuesday.")
    said = [c for c in attributed(ledger) if c.cue == "said"]
    assert len(said) == 1
    assert said[0].source.name == name
    assert said[0].source.mention == f"The {acronym}"
    assert said[0].source.kind in ("organization", "government")


@pytest.mark.parametrize(
    ("capital", "country"),
    [("Beijing", "China"), ("Moscow", "Russia"), ("Tokyo", "Japan")],
)
def test_capital_as_speaker_is_the_government(ledger_of, capital, country):
    ledger = ledger_of(f"{capital} said the new tariffs violated trade rules.")
    assert sources(ledger) == [(country, capital, "government")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Kyodo news agency reported that the typhoon had killed four people.", "Kyodo news agency"),
        ("The Boston Globe newspaper reported that the school would close.", "Boston Globe newspaper"),
        ("Reuters reported that the talks had stalled.", "Reuters"),
        ("State television reported that the election would be delayed.", "State television"),
    ],
)
def test_media_kind(ledger_of, text, name):
    [(resolved, _, kind)] = sources(ledger_of(text))
    assert (resolved, kind) == (name, "media")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials said the road would reopen on Friday.", "Officials"),
        ("Experts said the drought would worsen.", "Experts"),
        ("Witnesses said the gunman fled on foot.", "Witnesses"),
    ],
)
def test_group_kind(ledger_of, text, name):
    assert sources(ledger_of(text)) == [(name, name, "group")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Marco Bellini said the team was ready.", "Marco Bellini"),
        ("Governor Tom Reyes told reporters the budget was balanced.", "Tom Reyes"),
        ('"The vaccine is safe," said Dr Lisa Park, a virologist at the university.', "Lisa Park"),
    ],
)
def test_named_person(ledger_of, text, name):
    [(resolved, _, kind)] = sources(ledger_of(text))
    assert (resolved, kind) == (name, "person")


def test_named_organization(ledger_of):
    [(name, _, kind)] = sources(ledger_of("Acme Corp denied that it had dumped waste into the river."))
    assert (name, kind) == ("Acme Corp", "organization")


@pytest.mark.parametrize(
    "text",
    [
        "The company denied that it had dumped waste into the river.",
        "The union said the strike would continue.",
    ],
)
def test_unnamed_organization_is_not_a_person(ledger_of, text):
    [(_, _, kind)] = sources(ledger_of(text))
    assert kind == "organization"


def test_an_office_the_recogniser_takes_into_a_name_is_not_the_name(ledger_of):
    ledger = ledger_of(
        "The briefing was led by Deputy Spokesperson Lena Ortiz.\n\n"
        "Ms Ortiz said the embassy would reopen on Monday."
    )
    assert sources(ledger)[-1][0] == "Lena Ortiz"


def test_page_chrome_names_no_party_to_the_story(ledger_of):
    ledger = ledger_of(
        "An official website of the Example Government\n\n"
        "The Valerian government says nobody has been detained."
    )
    assert sources(ledger) == [("Valerian government", "The Valerian government", "government")]


def test_a_ruling_or_summary_with_no_owner_is_issued_by_the_last_speaker(ledger_of):
    ledger = ledger_of(
        "The Appeals Court of Ruritania said on Monday that the ban was lawful.\n\n"
        'The summary of the decision read in part: "The ban was lawful and remains in force."'
    )
    assert [s[0] for s in sources(ledger)] == ["Appeals Court of Ruritania", "Appeals Court of Ruritania"]


def test_the_court_is_the_one_the_story_names_most_not_one_it_is_compared_with(ledger_of):
    ledger = ledger_of(
        "The Court of Appeal of Ruritania heard the case on Monday. The Court of Appeal of Ruritania is the "
        "country's second court. The only court above it is the High Court of Ruritania.\n\n"
        "The court said the ban was unlawful."
    )
    assert sources(ledger)[-1][0] == "Court of Appeal of Ruritania"
