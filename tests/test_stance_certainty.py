"""Stance (asserts, denies, doubts, declines) and certainty (certain, probable, possible, conditional)."""

from __future__ import annotations

import pytest

from claimgraph.model import Claim, Ledger


def one(ledger: Ledger) -> Claim:
    claims = [c for c in ledger.claims if not c.caption]
    assert len(claims) == 1, [(c.source.name, c.content) for c in claims]
    return claims[0]


# --- stance ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("The company denied that it had dumped waste into the river.", "company", "denied",
         "that it had dumped waste into the river"),
        ("The ministry rejected the claims of vote rigging.", "ministry", "rejected",
         "the claims of vote rigging"),
        ("The embassy dismissed the report as propaganda.", "embassy", "dismissed",
         "the report as propaganda"),
        ("A spokesman for the club responded on Sunday, describing the allegations as false.",
         "spokesman for the club", "describing", "the allegations as false"),
        ("The spokesman called the report fake news.", "spokesman", "called", "the report fake news"),
        ("The club denied the allegations.", "club", "denied", "the allegations"),
    ],
)
def test_denies(ledger_of, text, source, cue, content):
    claim = one(ledger_of(text))
    assert claim.stance == "denies"
    assert claim.source.name == source
    assert claim.cue == cue
    assert claim.content == content
    assert claim.certainty == "certain"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Analysts questioned whether the central bank could meet its inflation target.", "Analysts",
         "whether the central bank could meet its inflation target"),
        ("The police chief said there was no evidence that the fire was set deliberately.", "police chief",
         "there was no evidence that the fire was set deliberately"),
        ("Local officials said they could not corroborate the account of the witnesses.", "Local officials",
         "they could not corroborate the account of the witnesses"),
        ("The ministry said it was unclear whether the virus had spread.", "ministry",
         "it was unclear whether the virus had spread"),
    ],
)
def test_doubts(ledger_of, text, source, content):
    claim = one(ledger_of(text))
    assert claim.stance == "doubts"
    assert claim.source.name == source
    assert claim.content == content


def test_doubt_with_adverb_between(ledger_of):
    claim = one(ledger_of("Reuters could not independently verify the footage."))
    assert claim.stance == "doubts"


def test_doubt_with_could_not_is_not_hedged(ledger_of):
    claim = one(ledger_of("Local officials said they could not corroborate the account of the witnesses."))
    assert claim.certainty == "certain"


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("The airline did not immediately confirm the report.", "airline", "not ... confirm", "the report"),
        ("A spokeswoman for the ministry declined to comment.", "spokeswoman for the ministry", "declined",
         "to comment"),
        ("The police gave no further details.", "police", "gave", "no further details"),
        ("The company refused to disclose the price.", "company", "refused", "to disclose the price"),
    ],
)
def test_declines(ledger_of, text, source, cue, content):
    claim = one(ledger_of(text))
    assert claim.stance == "declines"
    assert claim.source.name == source
    assert claim.cue == cue
    assert claim.content == content
    assert claim.quote == "none"


def test_declines_no_response_to_request_for_comment(ledger_of):
    claim = one(ledger_of("The hospital did not respond to a request for comment."))
    assert claim.stance == "declines"
    assert claim.source.name == "hospital"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The minister did not say when the talks would resume.", "minister", "when the talks would resume"),
        ("The police did not say how many people were arrested.", "police", "how many people were arrested"),
    ],
)
def test_negated_ordinary_speech_declines(ledger_of, text, source, content):
    claim = one(ledger_of(text))
    assert claim.stance == "declines"
    assert claim.source.name == source
    assert claim.cue == "not say"
    assert claim.content == content


def test_never_said_is_not_an_assertion(ledger_of):
    claim = one(ledger_of("The senator never said that the tax would be raised."))
    assert claim.source.name == "senator"
    assert claim.cue == "never said"
    assert claim.stance == "declines"
    assert claim.quote == "none"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the new stadium would open in May.",
        "Investigators found that the brakes had failed.",
        "The spokesman called the report an important contribution.",  # no falsity word: not a denial
        "The mayor described the plan as ambitious.",
        "The senator did not deny that she had met the lobbyist.",  # a negated denial is no denial
    ],
)
def test_asserts(ledger_of, text):
    assert one(ledger_of(text)).stance == "asserts"


# --- certainty ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The coach said the striker will likely miss the final.", "probable"),
        ("Doctors said the patient would probably recover within weeks.", "probable"),
        ("Officials said the dam was likely damaged by the earthquake.", "probable"),
        ("Engineers said the dam could fail during heavy rain.", "possible"),
        ("The agency said the virus may have spread to other farms.", "possible"),
        ("Police said the fire was possibly started by a cigarette.", "possible"),
        ("Researchers suggested the virus came from bats.", "possible"),
        ("The report suggested that the drug reduced deaths.", "possible"),
        ("The minister said the tax will be cut in January.", "certain"),
        ("The court confirmed that the mayor had resigned.", "certain"),
        ("Investigators found that the brakes had failed.", "certain"),
    ],
)
def test_hedges(ledger_of, text, certainty):
    claim = one(ledger_of(text))
    assert claim.certainty == certainty
    assert claim.stance == "asserts"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("If confirmed, the discovery would be the oldest fossil found in Europe.", "author"),
        ("The minister said the tax would be cut if the economy grew.", "minister"),
        ("The mayor said the city would apply for the grant if the council approved it.", "mayor"),
        ("If the rain continues, the river will flood the town, the mayor warned.", "mayor"),
    ],
)
def test_conditional(ledger_of, text, source):
    claim = one(ledger_of(text))
    assert claim.certainty == "conditional"
    assert claim.source.name == source


def test_if_confirmed_is_not_an_attribution(ledger_of):
    claim = one(ledger_of("If confirmed, the discovery would be the oldest fossil found in Europe."))
    assert claim.source.kind == "author"
    assert claim.cue is None


@pytest.mark.parametrize(
    "text",
    [
        "The union said it had signed a contract that stipulates overtime pay if shifts run late.",
        "Officials said the treaty, which allows inspections if either side requests them, was signed "
        "in Geneva.",
        "The agency said it had received a letter warning of strikes if wages were frozen.",
    ],
)
def test_buried_if_clause_is_not_conditional(ledger_of, text):
    claim = one(ledger_of(text))
    assert claim.certainty == "certain"
    assert " if " in claim.content


def test_it_is_possible_that(ledger_of):
    claim = one(ledger_of("It is possible that the virus came from bats, researchers said."))
    assert claim.source.name == "researchers"
    assert claim.certainty == "possible"


@pytest.mark.parametrize(
    ("text", "stance", "certainty"),
    [
        ("The ministry called the report inaccurate.", "denies", "certain"),
        ("The club dismissed the story as bogus.", "denies", "certain"),
        ("The singer is rumored to be planning a world tour.", "asserts", "possible"),
        ("The company is rumoured to be in talks with a rival.", "asserts", "possible"),
        ("The mayor supposedly approved the deal.", "asserts", "possible"),
    ],
)
def test_news_hedges_and_denials(ledger_of, text, stance, certainty):
    """Rumour hedges and "inaccurate" / "bogus" as denial words (general news vocabulary)."""
    claim = one(ledger_of(text))
    assert (claim.stance, claim.certainty) == (stance, certainty)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Scientists debunked the claim that the vaccine causes infertility.", "denies"),
        ("Two experts debunk the viral video of a shark on a highway.", "denies"),
        ("The regulator said the audit casts doubt on the bank's accounts.", "doubts"),
        ("The minister cast his vote on Tuesday.", "asserts"),
    ],
)
def test_debunk_denies_and_cast_doubt_doubts(ledger_of, text, stance):
    """A frame only the learned tagger finds ("debunk") takes its cue verb's stance from cues.json."""
    assert one(ledger_of(text)).stance == stance


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("We assess that the group has rebuilt its network.", "probable"),
        ("We fully expect that the number will increase.", "probable"),
        ('"We expect that this number will increase," the minister noted.', "probable"),
        ("It is highly likely that the country has agreed to send troops.", "probable"),
        ("The storm appears to be weakening.", "probable"),
        ("The storm was forecast to reach the coast on Monday.", "probable"),
        ("The number of residents in need of support is anticipated to be low.", "probable"),
        ("The country hosts an estimated two million refugees.", "probable"),
        ("He said he remained cautiously optimistic a deal would be reached.", "probable"),
        ("The weather service warned of potential flash floods.", "possible"),
        ("His associates have alleged that he was poisoned.", "possible"),
        ("He is widely suspected of asking for the suspension to block debate.", "possible"),
        ("Unconfirmed reports say the minister has resigned.", "possible"),
        ("The suspected gunman was arrested on Monday.", "certain"),  # the hedge is the noun's
        ("Police said the alleged attacker surrendered to officers.", "certain"),
        ("The company will open a new plant next year.", "certain"),
    ],
)
def test_hedge_lexicon(ledger_of, text, certainty):
    assert one(ledger_of(text)).certainty == certainty


@pytest.mark.parametrize(
    "text",
    [
        "The plant was closed on Monday, but it may reopen next week.",  # the "may" is the second clause's
        "The flight was redirected to the capital, so he could be treated in a larger hospital.",  # an aim
    ],
)
def test_hedge_scope_is_its_clause(ledger_of, text):
    assert one(ledger_of(text)).certainty == "certain"


@pytest.mark.parametrize(
    "text",
    [
        '"I\'m not in a position to confirm that," the spokesman said.',
        '"We\'re not going to get ahead of the investigation," the police chief said.',
        '"I won\'t comment on the details," the minister said.',
        'The president said, "We\'ll talk about that another time."',
    ],
)
def test_refusals_decline(ledger_of, text):
    assert one(ledger_of(text)).stance == "declines"


def test_refusing_an_act_is_no_refusal_to_comment(ledger_of):
    assert one(ledger_of("The protesters refused to leave the square.")).stance != "declines"


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman said this does not constitute a withdrawal.",
        "So this cannot be dismissed as a domestic matter.",
        '"That is not true," the spokesman said.',
        '"The claims are lies," the spokesman said.',
    ],
)
def test_rejecting_a_reading_denies(ledger_of, text):
    assert one(ledger_of(text)).stance == "denies"
