"""Sentences that assert nothing stay out of the ledger (annotate/nonclaims.py), and hard-wrapped text is read
as running text (annotate/paragraphs.py). Texts written for the test."""

from __future__ import annotations

import pytest

from claimgraph.annotate.paragraphs import _hard_wrapped


def evidence(ledger) -> list[str]:
    return [c.evidence for c in ledger.claims if not c.caption]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Thank you, Madam President. Good afternoon, everybody.\n\n"  # courtesies, a command, a question,
         "The council approved the budget on Monday. Go ahead. Will the council meet again?\n\n"  # thanks
         "I want to extend my sincere condolences to the families of the victims.",
         "The council approved the budget on Monday."),
        ("An official website of the United States government. Here's how you know.\n\n"  # page chrome
         "Official websites use .gov\n\n"
         "Agency releases annual report\n\n"  # a heading
         "The agency said the number of inspections rose by 12 percent last year.",
         "The agency said the number of inspections rose by 12 percent last year."),
        ("The minister thanked the rescue teams for saving 40 people on Sunday.",  # a reported act of thanks
         "The minister thanked the rescue teams for saving 40 people on Sunday."),
    ],
)
def test_only_what_asserts_something_is_a_claim(ledger_of, text, claim):
    assert evidence(ledger_of(text)) == [claim]


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
