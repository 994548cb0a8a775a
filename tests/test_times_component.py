"""The claimgraph_times component on real spaCy output: extents, values, and what it refuses."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

import claimgraph.annotate.times  # noqa: F401  (registers the factory)
from claimgraph.annotate.times import timex_type
from claimgraph.model import PublishedDate

MON_2019 = PublishedDate("5 August 2019", "2019-08-05", "day")
OCT_2024 = PublishedDate("October 2024", "2024-10", "month")


@pytest.fixture(scope="module")
def nlp(model_with: Callable[[str], Language]) -> Language:
    return model_with("claimgraph_times")


def times(nlp: Language, text: str, anchor: PublishedDate | None) -> list[tuple[str, str | None]]:
    doc = nlp.make_doc(text)
    doc._.published = anchor
    return [(span.text, span._.timex) for span in nlp(doc).spans["times"]]


def test_relative_days_and_weekdays(nlp: Language) -> None:
    text = "The mayor said on Sunday that the bridge had closed yesterday after last week's storm."
    found = times(nlp, text, MON_2019)
    assert ("Sunday", "2019-08-04") in found
    assert ("yesterday", "2019-08-04") in found
    assert ("last week", "2019-W31") in found


def test_month_anchor_never_invents_a_day(nlp: Language) -> None:
    found = times(nlp, "The council voted on Friday, and earlier this month it had cut the budget for 2025.",
                  OCT_2024)
    assert ("Friday", "2024-10-WXX-5") in found
    assert ("earlier this month", "2024-10") in found
    assert ("2025", "2025") in found


def test_explicit_dates_clock_times_and_durations(nlp: Language) -> None:
    found = dict(times(nlp, "Police arrived at 10:39 a.m. on June 19 and the siege, which began in 1998, "
                            "had lasted 27 years.", MON_2019))
    assert "10:39" in (found.get("10:39 a.m.") or "")
    assert found.get("June 19") == "2019-06-19"
    assert found.get("1998") == "1998"
    assert found.get("27 years") == "P27Y"


def test_ages_and_counts_are_not_times(nlp: Language) -> None:
    text = "A 21-year-old student and 12,000 protesters marched, the 65 organisers said."
    found = times(nlp, text, MON_2019)
    assert found == []


def test_without_a_document_date(nlp: Language) -> None:
    found = dict(times(nlp, "She resigned on Thursday and left in 2018.", None))
    assert found.get("Thursday") == "XXXX-WXX-4"
    assert found.get("2018") == "2018"


def test_span_labels_are_timex_types(nlp: Language) -> None:
    doc = nlp.make_doc("Talks lasted three days before a vote at 9 p.m. on Tuesday.")
    doc._.published = MON_2019
    labels = {span.text: span.label_ for span in nlp(doc).spans["times"]}
    assert labels.get("three days") == "DURATION"
    assert labels.get("Tuesday") == "DATE"
    assert timex_type("2019-08-03T10:39") == "TIME"
