"""The `date YYYY-MM[-DD]` header and the ISO dates the other readers give."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimgraph.ingest.text import parse_date, parse_date_header

dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
leading = st.sampled_from(["", " ", "  ", "\n", " \n\t", "\ufeff", "\ufeff ", "\ufeff\n  "])
# Either layout: the body on the header's line after a space, or after one or more line breaks.
separators = st.sampled_from([" ", "  ", "\t", "\n", "\n\n", " \n", "\r\n\r\n"])
# A body that starts with another header line would extend the header (tests/test_ingest_header.py).
OTHER_KEY = re.compile(r"\ufeff?\s*(title|author|outlet|url)", re.IGNORECASE)
bodies = st.text(min_size=1).filter(lambda body: not body[0].isspace() and not OTHER_KEY.match(body))


def _oracle(text: str) -> str | None:
    """The header's date string when `text` truly starts with a valid header, written step by step."""
    rest = text.removeprefix("\ufeff").lstrip()
    if rest[:4].lower() != "date":
        return None
    rest = rest[4:].removeprefix(":")
    after = rest.lstrip(" \t")
    if after == rest:
        return None
    token = re.match(r"\S*", after).group()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", token):
        return None
    try:
        dt.date(int(token[:4]), int(token[5:7]), int(token[8:10] or 1))
    except ValueError:
        return None
    return token


@given(dates, st.booleans(), leading, separators, bodies)
def test_valid_header_round_trips(day, with_day, lead, separator, body):
    raw = day.isoformat() if with_day else day.isoformat()[:7]
    published, rest = parse_date_header(f"{lead}date {raw}{separator}{body}")
    assert published is not None
    assert published.value == published.text == raw
    assert published.precision == ("day" if with_day else "month")
    assert published.year == day.year and published.month == day.month
    assert published.day == (day.day if with_day else None)
    assert rest == body


@given(st.one_of(st.text(), st.builds("date{}{}".format, st.sampled_from(["", " ", ": ", "\t"]), st.text())))
def test_prose_gets_a_date_only_from_a_valid_header(text):
    assume(not OTHER_KEY.match(text))  # the oracle knows only a date line first
    published, body = parse_date_header(text)
    expected = _oracle(text)
    if expected is None:
        assert published is None
        assert body == text
    else:
        assert published is not None and published.value == expected
        assert text.endswith(body), "the body is the text after the header, never less"


@given(st.text())
def test_body_is_never_lost(text):
    published, body = parse_date_header(text)
    assert text.endswith(body)
    if published is None:
        assert body == text


@pytest.mark.parametrize(
    "text",
    [
        "date night ideas for couples",
        "Date: tomorrow",
        "date 2024-13 Month thirteen",
        "date 2023-02-30 No such day",
        "date 2024-1 Short month",
        "date 2024-10x glued",
        "dated 2024-10 Not the keyword",
        "update 2024-10-05 Not at the start",
        "The date 2024-10 is mid-sentence",
        "date\n2024-10 Newline between keyword and date",
        "date ٢٠٢٤-١٠ Arabic-Indic digits",
    ],
)
def test_not_a_header(text):
    assert parse_date_header(text) == (None, text)


def test_founding_article_layout():
    published, body = parse_date_header(" date 2024-10 South Korean intelligence has found ...")
    assert published is not None
    assert (published.text, published.value, published.precision) == ("2024-10", "2024-10", "month")
    assert body == "South Korean intelligence has found ..."


def test_header_with_colon_and_capital():
    published, body = parse_date_header("Date: 2024-10-25\n\nFirst paragraph.\n\nSecond.")
    assert published is not None and published.value == "2024-10-25" and published.precision == "day"
    assert body == "First paragraph.\n\nSecond."


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2019", "2019", "year"),
        ("2019-01", "2019-01", "month"),
        ("2019-01-04", "2019-01-04", "day"),
        ("2019-01-04T23:30:00-05:00", "2019-01-04", "day"),
        ("2019-01-04T10:00:00Z", "2019-01-04", "day"),
        ("2019-01-04 10:00", "2019-01-04", "day"),
    ],
)
def test_parse_date_keeps_precision(raw, value, precision):
    published = parse_date(raw)
    assert published is not None
    assert (published.value, published.precision) == (value, precision)


@pytest.mark.parametrize("raw", ["January 4, 2019", "2019-02-30", "2019-13", "", "yesterday"])
def test_parse_date_rejects_non_iso(raw):
    assert parse_date(raw) is None
