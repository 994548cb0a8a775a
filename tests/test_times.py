"""resolve_timex: each rule against month, day and missing document dates, and text that is no time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.model import PublishedDate
from claimgraph.resolve.times import TIMEX_VALUE, resolve_timex

OCT_2024 = PublishedDate("October 2024", "2024-10", "month")
MON_2019 = PublishedDate("5 August 2019", "2019-08-05", "day")  # a Monday
JAN_14 = PublishedDate("14 January 2019", "2019-01-14", "day")
SAT_2019 = PublishedDate("3 August 2019", "2019-08-03", "day")
YEAR_2024 = PublishedDate("2024", "2024", "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on October 3", "2024-10-03"),
        ("in June", "2024-06"),
        ("June 19", "2024-06-19"),
        ("October 3, 2023", "2023-10-03"),
        ("3 October 2023", "2023-10-03"),
        ("Oct. 3", "2024-10-03"),
        ("in 2018", "2018"),
        ("since 1998", "1998"),
        ("March 2021", "2021-03"),
        ("on Friday", "2024-10-WXX-5"),
        ("earlier on Friday", "2024-10-WXX-5"),
        ("On Thursday", "2024-10-WXX-4"),
        ("earlier this month", "2024-10"),
        ("this month", "2024-10"),
        ("last month", "2024-09"),
        ("next month", "2024-11"),
        ("last year", "2023"),
        ("this year", "2024"),
        ("last week", "2024-10"),  # the document's month: no week can be named without a day
        ("yesterday", "2024-10"),
        ("last May", "2024-05"),
        ("last summer", "2024-SU"),
        ("in the 1990s", "199X"),
        ("the 19th century", "18"),
        ("the third quarter", "2024-Q3"),
        ("10:39 a.m.", "T10:39"),
    ],
)
def test_month_anchor(text: str, expected: str) -> None:
    assert resolve_timex(text, OCT_2024) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("on Sunday", MON_2019, "2019-08-04"),
        ("on Monday", MON_2019, "2019-08-05"),
        ("last Monday", MON_2019, "2019-07-29"),
        ("Friday evening", MON_2019, "2019-08-02"),
        ("yesterday", JAN_14, "2019-01-13"),
        ("last night", JAN_14, "2019-01-13"),
        ("today", JAN_14, "2019-01-14"),
        ("this evening", JAN_14, "2019-01-14"),
        ("tonight", JAN_14, "2019-01-14"),
        ("last week", MON_2019, "2019-W31"),
        ("next week", MON_2019, "2019-W33"),
        ("during the weekend", MON_2019, "2019-W31-WE"),
        ("this weekend", MON_2019, "2019-W32-WE"),
        ("two days ago", MON_2019, "2019-08-03"),
        ("three weeks ago", MON_2019, "2019-W29"),
        ("six years ago", MON_2019, "2013"),
        ("10:39 a.m.", SAT_2019, "2019-08-03T10:39"),
        ("at 3 p.m. on Friday", MON_2019, "2019-08-02T15:00"),
        ("noon", MON_2019, "2019-08-05T12:00"),
        ("in three weeks", MON_2019, "2019-W35"),
        ("in August", PublishedDate("March 2013", "2013-03", "month"), "2012-08"),  # > a quarter ahead
        ("in June", PublishedDate("March 2013", "2013-03", "month"), "2013-06"),
    ],
)
def test_day_anchor(text: str, anchor: PublishedDate, expected: str) -> None:
    assert resolve_timex(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("on October 3", None, "XXXX-10-03"),
        ("Friday", None, "XXXX-WXX-5"),
        ("in 2018", None, "2018"),
        ("yesterday", None, None),
        ("last month", None, None),
        ("in June", YEAR_2024, "2024-06"),
        ("last month", YEAR_2024, "2024"),  # within half a year of the anchor: its own value
        ("three years ago", YEAR_2024, "2021"),
    ],
)
def test_missing_or_coarse_anchor(text: str, anchor: PublishedDate | None, expected: str | None) -> None:
    assert resolve_timex(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for three years", "P3Y"),
        ("27 years", "P27Y"),
        ("the past two years", "P2Y"),
        ("a decade", "P10Y"),
        ("several days", "PXD"),
        ("four-week", "P4W"),
        ("two hours", "PT2H"),
        ("two years later", "P2Y"),  # relative to another event: only the length is known
    ],
)
def test_durations(text: str, expected: str) -> None:
    assert resolve_timex(text, OCT_2024) == expected


@pytest.mark.parametrize(
    "text",
    ["12,000", "21-year-old", "a 40 years old man", "the ministry", "", "  ", "the day", "65", "the second"],
)
def test_not_times(text: str) -> None:
    assert resolve_timex(text, OCT_2024) is None


@given(st.text(max_size=60), st.sampled_from([None, OCT_2024, MON_2019, YEAR_2024]))
def test_never_raises_and_values_are_timex(text: str, anchor: PublishedDate | None) -> None:
    value = resolve_timex(text, anchor)
    assert value is None or TIMEX_VALUE.match(value), value


_WORDS = ["last", "next", "this", "on", "in", "the", "early", "Friday", "June", "3", "19", "2019", "week",
          "weekend", "month", "year", "ago", "two", "days", "a.m.", "10:39", "summer", "quarter", "1990s"]


@given(st.lists(st.sampled_from(_WORDS), max_size=5), st.sampled_from([None, OCT_2024, MON_2019, YEAR_2024]))
def test_time_like_phrases_give_timex_values(words: list[str], anchor: PublishedDate | None) -> None:
    value = resolve_timex(" ".join(words), anchor)
    assert value is None or TIMEX_VALUE.match(value), value
