"""Speaker turns of transcripts and debates (annotate/turns.py) and whose voice a claim is in (resolve/voices.py).

Every text here is written for the test, in the shapes briefing transcripts, Hansard and government
statements take.
"""

from __future__ import annotations

from claimgraph.annotate.turns import find_turns
from claimgraph.model import Claim, Ledger, Source
from claimgraph.resolve.voices import speaker_of


def speakers(text: str) -> list[tuple[str, str | None, str | None, bool, str]]:
    return [(t.speaker, t.role, t.party, t.question, text[t.label_end : t.end].strip()) for t in find_turns(text)]


def stories(ledger: Ledger) -> list[Claim]:
    return [c for c in ledger.claims if not c.caption]


def by_evidence(ledger: Ledger, words: str) -> Claim:
    return next(c for c in stories(ledger) if words in c.evidence)


def test_capitals_labels_split_turns_with_or_without_line_breaks():
    run_together = "MR. HALL: We believe about 5,000 have been sent. MS. OKAFOR: That is not right. Q: Is it so?"
    assert speakers(run_together) == [
        ("MR. HALL", None, None, False, "We believe about 5,000 have been sent."),
        ("MS. OKAFOR", None, None, False, "That is not right."),
        ("Q", None, None, True, "Is it so?"),
    ]
    on_lines = "SECRETARY DOE: The talks went well.\nQUESTION: Will they resume?\nSECRETARY DOE: Next week."
    assert [s[0] for s in speakers(on_lines)] == ["SECRETARY DOE", "QUESTION", "SECRETARY DOE"]


def test_title_case_labels_open_with_a_form_of_address():
    text = "Mr. Price: The talks went well.\nQuestion: Did they?\nMr. Price: They did.\nNote: updated at noon."
    assert [s[0] for s in speakers(text)] == ["Mr. Price", "Question", "Mr. Price"]
    assert find_turns("President Doe: a life in politics\nShe was born in 1950.") == []


def test_hansard_labels_with_party_office_or_blank_name():
    text = ("Lord Smith of Example (Lab): My Lords, the figure is wrong.\n"
            "The Minister of State (Baroness Jones) (Con): It is right.\n"
            "(Con): Will the Minister look again?\n"
            "The Minister of State, Home Office () (LD): I will.")
    assert speakers(text) == [
        ("Lord Smith of Example", None, "Lab", False, "My Lords, the figure is wrong."),
        ("Baroness Jones", "The Minister of State", "Con", False, "It is right."),
        ("", None, "Con", False, "Will the Minister look again?"),
        ("", "The Minister of State, Home Office", "LD", False, "I will."),
    ]


def test_hansard_web_speaker_lines():
    photo = "Photo of Jane Doe Jane Doe The Home Secretary 2:15 pm, 3rd March 2021\n\nThe scheme has worked."
    assert speakers(photo) == [("Jane Doe", "The Home Secretary", None, False, "The scheme has worked.")]
    portrait = "Tom Black Portrait Mr Black\n\nWe oppose the bill."
    assert speakers(portrait) == [("Tom Black", "Mr Black", None, False, "We oppose the bill.")]
    office = ("Ann Lee Portrait The Parliamentary Under-Secretary of State for Environment, Food and Rural Affairs "
              "(Ann Lee)\n- Hansard - - - Excerpts\n\nWe are investing in flood defences.")
    assert speakers(office)[0][0] == "Ann Lee"


def test_datelines_notes_and_asides_are_not_turns():
    assert find_turns("LONDON: The government said it would act.") == []
    assert find_turns("Note: this story was updated.\nUPDATE: more to follow.") == []
    assert find_turns("He spoke to the house (and the press): it was fine.") == []
    assert find_turns("The vote (held in May): a landslide.") == []


def test_label_resolves_to_the_full_name_given_elsewhere():
    turn = find_turns("ADMINISTRATOR GREEN: Thank you.")[0]
    assert speaker_of(turn, {"green": "Mark Green"}) == Source("Mark Green", "ADMINISTRATOR GREEN", "person")
    assert speaker_of(turn, {}).name == "Administrator Green"
    official = find_turns("SENIOR ADMINISTRATION OFFICIAL: Hi.")[0]
    assert speaker_of(official, {}).kind == "anonymous"
    assert speaker_of(find_turns("Q: Why?\nMR. LEE: Because.")[0], {}).name == "reporter"


TRANSCRIPT = (
    "Press Briefing by Deputy Press Secretary Jane Okafor\n\n"
    "MS. OKAFOR: Good afternoon, everybody. We believe about 5,000 troops have been sent to the border.\n\n"
    "Q: The ministry has denied that any troops were sent. Is that wrong?\n\n"
    "MS. OKAFOR: Secretary Park said on Monday that the troops crossed the border. I'm confident in that."
)


def test_transcript_turns_are_the_speakers_direct_speech(ledger_of):
    ledger = ledger_of(TRANSCRIPT, date="2024-05-06")
    own = by_evidence(ledger, "5,000 troops")
    assert (own.source.name, own.quote) == ("Jane Okafor", "direct")
    confident = by_evidence(ledger, "confident")
    assert confident.source.name == "Jane Okafor"
    assert not any("Good afternoon" in c.evidence for c in stories(ledger))  # a greeting is no claim
    assert not any("Is that wrong" in c.evidence for c in stories(ledger))  # a question asserts nothing


def test_a_question_relays_a_claim_and_a_speaker_relays_a_third_party(ledger_of):
    ledger = ledger_of(TRANSCRIPT, date="2024-05-06")
    denial = by_evidence(ledger, "has denied")
    assert denial.source.name.lower().endswith("ministry")
    assert denial.stance == "denies"
    assert [v.name for v in denial.via] == ["reporter"]
    relayed = by_evidence(ledger, "crossed the border")
    assert relayed.source.name == "Park"
    assert [v.name for v in relayed.via] == ["Jane Okafor"]


def test_first_person_statement_is_its_issuer_and_relays_third_parties(ledger_of):
    ledger = ledger_of(
        "Statement on the floods\n\n"
        "We are deeply concerned by the floods in the north. Our teams have delivered 40 tonnes of food.\n\n"
        "The regional government has confirmed that 12 people died. We will keep supporting the relief effort."
    )
    teams = by_evidence(ledger, "40 tonnes")
    assert (teams.source.kind, teams.quote) == ("author", "none")
    confirmed = by_evidence(ledger, "12 people died")
    assert confirmed.source.name == "regional government"
    assert [v.kind for v in confirmed.via] == ["author"]
    assert not any(c.evidence == "Statement on the floods" for c in stories(ledger))  # a heading


def test_news_in_the_third_person_has_no_author_relay(ledger_of):
    ledger = ledger_of(
        "The regional government has confirmed that 12 people died in the floods.\n\n"
        "Rescue teams delivered food to the villages on Tuesday."
    )
    assert by_evidence(ledger, "12 people died").via == []


def test_common_ground_asides_leave_the_claim_to_the_speaker(ledger_of):
    ledger = ledger_of(
        "As my colleague will recall, the bridge was closed for repairs last spring. "
        "We have a small team -- you know, 20 to 30 engineers -- on the site. "
        "As the governor has stated, the bridge will reopen in May."
    )
    assert by_evidence(ledger, "bridge was closed").source.kind == "author"
    assert by_evidence(ledger, "engineers").source.kind == "author"
    assert by_evidence(ledger, "will reopen").source.name == "governor"


def test_word_received_from_someone_is_theirs_relayed_by_the_receiver(ledger_of):
    ledger = ledger_of("The ministry received reports from villagers that the dam had burst.")
    claim = by_evidence(ledger, "dam had burst")
    assert (claim.source.name, [v.name for v in claim.via]) == ("villagers", ["ministry"])


def test_a_heading_or_byline_names_the_issuer_of_a_statement(ledger_of):
    remarks = ledger_of("Remarks by Ambassador Jane Roe at a Security Council Briefing on Floods\n\n"
                        "Thank you, Madam President. We are alarmed by the damage to hospitals.")
    alarmed = by_evidence(remarks, "alarmed").source
    assert (alarmed.name, alarmed.kind) == ("Jane Roe", "author")
    byline = ledger_of("Statement on the floods\n\nTom Black\n\nWe have delivered 40 tonnes of food to the region. "
                       "Our teams will stay there.")
    assert by_evidence(byline, "40 tonnes").source.name == "Tom Black"
    release = ledger_of("Statement by the Ministry of Transport\n\nWe will reopen the bridge on Monday. "
                        "Our engineers have inspected it.")
    assert by_evidence(release, "reopen the bridge").source.name == "Ministry of Transport"
