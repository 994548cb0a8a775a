"""Attribution on real parses: who says what, through whom, in which quote form.

Each test runs the whole pipeline on a short news-style text and checks the claims' source, via chain,
cue, quote kind and content.
"""

from __future__ import annotations

import pytest

from claimgraph.model import Claim, Ledger


def story(ledger: Ledger) -> list[Claim]:
    return [c for c in ledger.claims if not c.caption]


def one(ledger: Ledger) -> Claim:
    claims = story(ledger)
    assert len(claims) == 1, [(c.source.name, c.content) for c in claims]
    return claims[0]


def via(claim: Claim) -> list[tuple[str, str]]:
    return [(v.name, v.kind) for v in claim.via]


# --- "X said that P" and the quotation forms ---------------------------------------------------------


def test_said_that_clause(ledger_of):
    claim = one(ledger_of("Mayor Lena Ortiz said that the bridge would reopen in March."))
    assert (claim.source.name, claim.source.kind) == ("Lena Ortiz", "person")
    assert claim.cue == "said"
    assert claim.content == "that the bridge would reopen in March"
    assert claim.quote == "indirect"
    assert claim.via == []
    assert claim.stance == "asserts"


def test_said_without_complementizer(ledger_of):
    claim = one(ledger_of("Marco Bellini said the team was ready for the final."))
    assert (claim.source.name, claim.source.kind) == ("Marco Bellini", "person")
    assert claim.content == "the team was ready for the final"
    assert claim.quote == "indirect"


def test_quote_then_speaker(ledger_of):
    claim = one(ledger_of('"We will not give up," Ortiz said.'))
    assert (claim.source.name, claim.source.kind) == ("Ortiz", "person")
    assert claim.cue == "said"
    assert claim.content == "We will not give up"
    assert claim.quote == "direct"


def test_quote_then_inverted_speaker_with_appositive(ledger_of):
    claim = one(ledger_of('"The vaccine is safe," said Dr Lisa Park, a virologist at the university.'))
    assert (claim.source.name, claim.source.kind) == ("Lisa Park", "person")
    assert claim.content == "The vaccine is safe"
    assert claim.quote == "direct"


def test_speaker_colon_quote(ledger_of):
    claim = one(ledger_of('The coach said: "The team played its best game of the season."'))
    assert (claim.source.name, claim.source.kind) == ("coach", "person")
    assert claim.cue == "said"
    assert claim.content == "The team played its best game of the season"
    assert claim.quote == "direct"


def test_partial_quotation_is_mixed(ledger_of):
    claim = one(ledger_of('The minister said that the plant was "no longer profitable" and would close.'))
    assert claim.source.name == "minister"
    assert claim.quote == "mixed"
    assert claim.content == 'that the plant was "no longer profitable" and would close'


# --- according to, via, relays --------------------------------------------------------------------


def test_according_to_leading(ledger_of):
    claim = one(ledger_of("According to the fire department, three homes were destroyed."))
    assert claim.source.name == "fire department"
    assert claim.cue == "According to"
    assert claim.content == "three homes were destroyed"
    assert claim.quote == "indirect"
    assert claim.via == []


@pytest.mark.parametrize(
    ("text", "source", "relay", "content"),
    [
        ("Shares fell sharply, according to analysts via Reuters.", ("analysts", "group"),
         [("Reuters", "media")], "Shares fell sharply"),
        ("The airline cut 300 jobs, according to a union spokesman via the Evening Post.",
         ("union spokesman", "person"), [("Evening Post", "media")], "The airline cut 300 jobs"),
    ],
)
def test_according_to_via(ledger_of, text, source, relay, content):
    claim = one(ledger_of(text))
    assert (claim.source.name, claim.source.kind) == source
    assert via(claim) == relay
    assert claim.content == content


def test_according_to_via_attached_to_according(ledger_of):
    claim = one(ledger_of("The factory closed last year, according to the union via a local radio station."))
    assert claim.source.name == "union"
    assert claim.content == "The factory closed last year"
    assert via(claim) == [("local radio station", "media")]


@pytest.mark.parametrize(
    ("text", "source", "relay", "content"),
    [
        ("Prosecutors have concluded that the banker lied to investors, local media reported.",
         ("Prosecutors", "government"), [("local media", "media")], "that the banker lied to investors"),
        ("The weather service has warned that the storm will reach the coast on Friday, state television "
         "reported.", ("weather service", "government"), [("state television", "media")],
         "that the storm will reach the coast on Friday"),
    ],
)
def test_nested_report_relays_the_inner_source(ledger_of, text, source, relay, content):
    claim = one(ledger_of(text))  # the relaying frame is not a claim of its own
    assert (claim.source.name, claim.source.kind) == source
    assert via(claim) == relay
    assert claim.content == content


@pytest.mark.parametrize(
    ("text", "source", "relay", "cue", "content"),
    [
        ("The Daily Herald cited the health ministry as saying that the outbreak was contained.",
         "health ministry", "Daily Herald", "cited ... as saying", "that the outbreak was contained"),
        ("The Evening Post quoted the fire chief as saying that the blaze was under control.",
         "fire chief", "Evening Post", "quoted ... as saying", "that the blaze was under control"),
    ],
)
def test_cited_as_saying(ledger_of, text, source, relay, cue, content):
    claim = one(ledger_of(text))
    assert claim.source.name == source
    assert via(claim) == [(relay, "media")]
    assert claim.cue == cue
    assert claim.content == content


def test_told_reporters_is_no_relay(ledger_of):
    claim = one(ledger_of("Governor Tom Reyes told reporters the budget was balanced."))
    assert (claim.source.name, claim.source.kind) == ("Tom Reyes", "person")
    assert claim.cue == "told"
    assert claim.content == "the budget was balanced"
    assert claim.via == []


@pytest.mark.parametrize(
    ("text", "relay"),
    [
        ("Senator Ana Cruz told local media that the vote would be delayed.", [("local media", "media")]),
        ("Senator Ana Cruz told the Evening Post that the vote would be delayed.",
         [("Evening Post", "media")]),
        ("Senator Ana Cruz told the council that the vote would be delayed.", []),
    ],
)
def test_told_media_relays(ledger_of, text, relay):
    claim = one(ledger_of(text))
    assert claim.source.name == "Ana Cruz"
    assert claim.content == "that the vote would be delayed"
    assert via(claim) == relay


@pytest.mark.parametrize(
    ("text", "source", "relay", "content"),
    [
        ("Reuters, citing two officials, reported that the convoy had crossed the border.", "two officials",
         ["Reuters"], "that the convoy had crossed the border"),
        ("The Daily Herald, citing police sources, said the suspect had been arrested.", "police sources",
         ["Daily Herald"], "the suspect had been arrested"),
        ("The ministry said, citing intelligence reports, that the troops had left the country.",
         "intelligence reports", ["ministry"], "that the troops had left the country"),
        ("The station reported, citing hospital data, there were over 300 admissions on Friday.",
         "hospital data", ["station"], "there were over 300 admissions on Friday"),
    ],
)
def test_citing_relays(ledger_of, text, source, relay, content):
    claim = one(ledger_of(text))  # the one who cites passes the words on; the one cited is the source
    assert claim.source.name == source
    assert [v.name for v in claim.via] == relay
    assert claim.content == content


def test_citing_a_reason_is_no_source(ledger_of):
    claim = one(ledger_of("The club said, citing security concerns, that the match would be postponed."))
    assert claim.source.name == "club"
    assert claim.via == []


@pytest.mark.parametrize(
    ("text", "source", "relay", "content"),
    [
        ("According to the ministry, cited by Interfax, the plant was shut down.", "ministry", ["Interfax"],
         "the plant was shut down"),
        ("According to a report citing the mayor's office, twenty people were arrested.", "mayor's office",
         ["report"], "twenty people were arrested"),
        ("The Evening Post cited a security source that the gunman had acted alone.", "security source",
         ["Evening Post"], "that the gunman had acted alone"),
        ("In an interview with the Evening Post, the economist Anna Berg said tariffs would raise prices.",
         "Anna Berg", ["Evening Post"], "tariffs would raise prices"),
        ("The agency, in a statement delivered via its spokesman, announced the plant would close.", "agency",
         ["spokesman"], "the plant would close"),
    ],
)
def test_relay_phrases(ledger_of, text, source, relay, content):
    claim = one(ledger_of(text))
    assert claim.source.name == source
    assert [v.name for v in claim.via] == relay
    assert claim.content == content


def test_said_via_a_platform_is_no_relay(ledger_of):
    claim = one(ledger_of("The governor said via Twitter that the roads would reopen on Monday."))
    assert claim.source.name == "governor"
    assert claim.via == []


def test_relays_nest_nearest_first(ledger_of):
    claim = one(ledger_of("Local media reported that the mayor had told Reuters, citing an internal memo, that "
                          "the budget was cut."))
    assert claim.source.name == "internal memo"
    assert [v.name for v in claim.via] == ["Local media", "Reuters", "mayor"]
    assert claim.content == "that the budget was cut"


def test_quotation_after_a_relayed_claim_goes_on_with_its_speaker(ledger_of):
    claims = story(ledger_of('According to the Evening Post, a spokesman for the ministry expressed disappointment; '
                             '"The government will appeal. The ruling is wrong."'))
    assert [c.source.name for c in claims] == ["spokesman for the ministry"] * 3
    assert all(via(c) == [("Evening Post", "media")] for c in claims)
    assert claims[-1].content == "The ruling is wrong"


# --- speech acts, not actions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is highly likely that the country has agreed to send troops.",
        "The two countries agreed to sign a defence pact.",
    ],
)
def test_acts_are_the_authors(ledger_of, text):
    claim = one(ledger_of(text))
    assert claim.source.kind == "author"
    assert claim.cue is None


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The two sides agreed that the talks had been useful.", "two sides", "that the talks had been useful"),
        ("The court ruled that the suspension was unlawful.", "court", "that the suspension was unlawful"),
    ],
)
def test_agreeing_or_ruling_that_reports(ledger_of, text, source, content):
    claim = one(ledger_of(text))
    assert claim.source.name == source
    assert claim.content == content


@pytest.mark.parametrize(
    ("text", "source", "content", "stance"),
    [
        ("The rebels claimed responsibility for the attack on the convoy.", "rebels", "the attack on the convoy",
         "asserts"),
        ("The group took responsibility for the bombing.", "group", "the bombing", "asserts"),
        ("The militants claimed the attack on the checkpoint.", "militants", "the attack on the checkpoint",
         "asserts"),
        ("The rebels denied responsibility for the attack.", "rebels", "the attack", "denies"),
    ],
)
def test_claims_of_responsibility(ledger_of, text, source, content, stance):
    claim = one(ledger_of(text))
    assert claim.source.name == source
    assert claim.content == content
    assert claim.stance == stance


# --- passive reports and agents -------------------------------------------------------------------


def test_impersonal_passive_is_anonymous(ledger_of):
    claim = one(ledger_of("It is reported that the suspect fled across the border."))
    assert claim.source.kind == "anonymous"
    assert claim.cue == "reported"
    assert claim.content.endswith("the suspect fled across the border")


def test_impersonal_passive_content_excludes_cue(ledger_of):
    claim = one(ledger_of("It is reported that the suspect fled across the border."))
    assert claim.content == "that the suspect fled across the border"


@pytest.mark.parametrize(
    ("text", "begin", "end"),
    [
        ("The suspect is reported to have fled across the border.", "The suspect",
         "to have fled across the border"),
        ("The suspect was said to be armed.", "The suspect", "to be armed"),
        ("The ambulance service reportedly sent 12 crews to the scene.", "The ambulance service",
         "sent 12 crews to the scene"),
    ],
)
def test_passive_hearsay_is_anonymous(ledger_of, text, begin, end):
    claim = one(ledger_of(text))
    assert claim.source.kind == "anonymous"
    assert claim.via == []
    assert claim.quote == "indirect"
    assert claim.content.startswith(begin)
    assert claim.content.endswith(end)


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("It was reported by The Times that the merger had collapsed.", "Times",
         "that the merger had collapsed"),
        ("The plan was described by The Guardian as a failure.", "Guardian", "as a failure"),
    ],
)
def test_passive_agent_is_the_source(ledger_of, text, source, content):
    claim = one(ledger_of(text))
    assert (claim.source.name, claim.source.kind) == (source, "media")
    assert claim.content == content


def test_reported_by_agent_as(ledger_of):
    claim = one(ledger_of("The merger was reported by The Times as a done deal."))
    assert (claim.source.name, claim.source.kind) == ("Times", "media")
    assert claim.cue == "reported"
    assert claim.content == "as a done deal"


# --- shared subjects -----------------------------------------------------------------------------


def test_said_adding_that(ledger_of):
    claims = story(ledger_of(
        "Chief executive Paul Lang said profits rose, adding that the company would hire 200 workers."
    ))
    assert [(c.source.name, c.cue, c.content) for c in claims] == [
        ("Paul Lang", "said", "profits rose"),
        ("Paul Lang", "adding", "that the company would hire 200 workers"),
    ]


SAID_AND_ADDED = "Paul Lang said profits rose and added that the company would hire new workers."


def test_said_and_added(ledger_of):
    claims = story(ledger_of(SAID_AND_ADDED))
    assert [(c.source.name, c.cue) for c in claims] == [("Paul Lang", "said"), ("Paul Lang", "added")]
    assert claims[1].content == "that the company would hire new workers"


def test_said_and_added_first_content(ledger_of):
    claims = story(ledger_of(SAID_AND_ADDED))
    assert claims[0].content == "profits rose"


# --- continuation of quotations ------------------------------------------------------------------

LISBON = (
    "LISBON, Portugal —\n\n"
    "Port workers in Lisbon began a three-day strike on Monday.\n\n"
    "Union leader Marta Silva said the strike would continue until wages rose.\n\n"
    '"We have waited two years for this offer. Nobody listens to us," she said.\n\n'
    '"The ships can wait. Our families cannot."\n\n'
    "Officials expect the port to reopen on Thursday."
)


def test_quote_paragraph_continues_previous_speaker(ledger_of):
    claims = story(ledger_of(LISBON))
    by_content = {c.content: c for c in claims}
    for content in ("The ships can wait", "Our families cannot"):
        claim = by_content[content]
        assert claim.source.name == "Marta Silva"
        assert claim.quote == "direct"
        assert claim.cue is None


def test_pronoun_speaker_and_uncued_first_sentence_of_quote(ledger_of):
    claims = story(ledger_of(LISBON))
    by_content = {c.content: c for c in claims}
    first = by_content["We have waited two years for this offer"]
    second = by_content["Nobody listens to us"]
    assert (first.source.name, first.quote, first.cue) == ("Marta Silva", "direct", None)
    assert (second.source.name, second.quote, second.cue) == ("Marta Silva", "direct", "said")


def test_dateline_gives_no_claim_and_author_sentence(ledger_of):
    ledger = ledger_of(LISBON)
    claims = story(ledger)
    assert not any("LISBON" in c.evidence for c in claims)
    first = claims[0]
    assert first.content == "Port workers in Lisbon began a three-day strike on Monday"
    assert (first.source.name, first.source.kind) == ("author", "author")
    assert first.quote == "none"
    assert first.cue is None
    assert first.via == []
    assert len(claims) == 7
    assert all(ledger.documents[0].text[c.start:c.end] == c.evidence for c in claims)


def test_multi_sentence_quote_after_colon(ledger_of):
    claims = story(ledger_of(
        'The coach said: "The team played well. We deserved to win. The referee made mistakes."'
    ))
    assert [(c.source.name, c.quote, c.content) for c in claims] == [
        ("coach", "direct", "The team played well"),
        ("coach", "direct", "We deserved to win"),
        ("coach", "direct", "The referee made mistakes"),
    ]
    assert [c.cue for c in claims] == ["said", None, None]


def test_multi_sentence_quote_before_speaker(ledger_of):
    claims = story(ledger_of(
        '"The river has never been this low. The boats cannot reach the dock. '
        'We are losing money every day," '
        "harbour master Jonas Berg said on Friday."
    ))
    assert [c.source.name for c in claims] == ["Jonas Berg"] * 3
    assert [c.quote for c in claims] == ["direct"] * 3
    assert [c.content for c in claims] == [
        "The river has never been this low",
        "The boats cannot reach the dock",
        "We are losing money every day",
    ]


@pytest.mark.parametrize(
    "text",
    ["BERLIN (Reuters) -", "March 3, 2024", "OSLO, Norway —"],
)
def test_dateline_only_paragraph_yields_nothing(ledger_of, text):
    assert ledger_of(text).claims == []


@pytest.mark.parametrize(
    "text",
    [
        "Port workers in Lisbon began a three-day strike on Monday.",
        "The council voted to close the library on Monday.",
    ],
)
def test_author_sentence(ledger_of, text):
    claim = one(ledger_of(text))
    assert claim.source.kind == "author"
    assert claim.source.name == "author"
    assert claim.quote == "none"
    assert claim.cue is None
    assert claim.content == text.rstrip(".")


def test_a_quotation_goes_on_with_who_says_it_not_whom_it_mentions(ledger_of):
    ledger = ledger_of(
        '"The biggest mistake being made by the council is the closure of the library. The branch served '
        'thousands. Readers will go elsewhere", Kay continued.'
    )
    middle = next(c for c in ledger.claims if c.evidence.startswith("The branch served"))
    assert middle.source.name == "Kay"


def test_a_quotation_opening_mid_paragraph_goes_on_with_the_last_speaker(ledger_of):
    ledger = ledger_of(
        'Mayor Ana Diaz spoke on local radio.\n\n'
        '"The closure was a mistake. Readers will go elsewhere", Diaz said. "The council has broken its promise '
        'to those who think libraries matter. The branch served thousands."'
    )
    for opening in ("The council has broken", "The branch served"):  # "those who think" holds no claim
        claim = next(c for c in ledger.claims if opening in c.evidence)
        assert claim.source.name.endswith("Diaz")
