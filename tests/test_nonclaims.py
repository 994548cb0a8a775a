"""Sentences that assert nothing stay out of the ledger (annotate/nonclaims.py), and hard-wrapped text is read
as running text (annotate/paragraphs.py). Texts written for the test."""

from __future__ import annotations

from claimgraph.annotate.paragraphs import _hard_wrapped


def evidence(ledger) -> list[str]:
    return [c.evidence for c in ledger.claims if not c.caption]


def test_courtesies_commands_and_questions_are_not_claims(ledger_of):
    ledger = ledger_of(
        "Thank you, Madam President. Good afternoon, everybody.\n\n"
        "The council approved the budget on Monday. Go ahead. Will the council meet again?\n\n"
        "I want to extend my sincere condolences to the families of the victims."
    )
    assert evidence(ledger) == ["The council approved the budget on Monday."]


def test_reported_thanks_are_a_claim(ledger_of):
    ledger = ledger_of("The minister thanked the rescue teams for saving 40 people on Sunday.")
    assert len(evidence(ledger)) == 1


def test_page_chrome_and_headings_are_not_claims(ledger_of):
    ledger = ledger_of(
        "An official website of the United States government. Here's how you know.\n\n"
        "Official websites use .gov\n\n"
        "Agency releases annual report\n\n"
        "The agency said the number of inspections rose by 12 percent last year."
    )
    assert evidence(ledger) == ["The agency said the number of inspections rose by 12 percent last year."]


def test_let_me_say_introduces_a_claim(ledger_of):
    ledger = ledger_of("Let me just say, nothing has hurt the talks more than the leak.")
    assert len(evidence(ledger)) == 1


def test_hard_wrapped_lines_are_one_running_text(ledger_of):
    wrapped = ("The minister said that the runway had to\n"
               "be cleared before aid could land, and that the\n"
               "navy had sent a ship with supplies for the\n"
               "islands on Sunday.\n")
    assert _hard_wrapped(wrapped)
    assert not _hard_wrapped("First line ends here.\nSecond one too.\nA heading\nAnd a last line.\n")
    ledger = ledger_of(wrapped)
    assert len(evidence(ledger)) == 1
    assert "navy had sent a ship" in evidence(ledger)[0]


def test_a_full_stop_after_a_word_starts_a_sentence_in_wrapped_text(ledger_of):
    ledger = ledger_of("The pier was closed for the\nrest of the week. Can the\nminister say when it will reopen?\n"
                       "The ferry will run again from\nMonday, the operator said.\nIt has three boats.\n")
    assert not any("Can the" in e for e in evidence(ledger))
    assert any(e.startswith("The pier was closed") for e in evidence(ledger))
