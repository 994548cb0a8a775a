"""parse_number, parse_quantity and the conflict rules, on figures written as news writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.model import Quantity
from claimgraph.resolve.numbers import (
    parse_number,
    parse_quantity,
    qualifier_kind,
    quantities_conflict,
    ranges_overlap,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,000", 12000), ("1.2 million", 1_200_000), ("four", 4), ("six", 6), ("sixteen", 16),
        ("twenty-five", 25), ("a dozen", 12), ("three dozen", 36), ("3.5bn", 3.5e9), ("$2 billion", 2e9),
        ("18.9", 18.9), ("100,000", 100_000), ("half", 0.5), ("a third", 1 / 3), ("two thirds", 2 / 3),
        ("one and a half", 1.5), ("half a million", 500_000), ("three million and a half", 3_500_000),
        ("one hundred and five", 105), ("two thousand and twenty", 2020), ("1.5m", 1.5e6),
        ("10k", 10_000), ("3 000", 3000), ("1 200 000", 1_200_000), ("£2,000", 2000), ("40%", 40),
        ("2½", 2.5), ("one in five", 0.2), ("five point five", 5.5), ("minus five", -5), (".08", 0.08),
        ("4 thousand 3 hundred and 21", 4321), ("USD 200", 200),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["hundreds", "dozens", "1,000s", "third", "2nd", "first", "five five", "two and three", "troops", "",
     "a", "1,2", "155mm", "Su-34"],
)
def test_not_a_number(text: str) -> None:
    """Vague plurals, ordinals and run-together numbers are not one figure."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high", "approximate"),
    [
        ("12,000", 12000, None, 12000, 12000, False),
        ("at least 3,000", 3000, "at least", 3000, None, False),
        ("more than 1,000", 1000, "more than", 1001, None, False),
        ("over 1,000", 1000, "over", 1001, None, False),
        ("up to 10,000", 10000, "up to", None, 10000, False),
        ("as many as 500", 500, "as many as", None, 500, False),
        ("fewer than 20", 20, "fewer than", None, 19, False),
        ("about 10,000", 10000, "about", 9000, 11000, True),
        ("around 10,000", 10000, "around", 9000, 11000, True),
        ("roughly 10,000", 10000, "roughly", 9000, 11000, True),
        ("approximately 10,000", 10000, "approximately", 9000, 11000, True),
        ("some 3,000", 3000, "some", 2700, 3300, True),
        ("nearly 600,000", 600000, "nearly", 540000, 600000, True),
        ("almost 50", 50, "almost", 45, 50, True),
        ("just over 100", 100, "just over", 100, 110, True),
        ("11,000 to 12,000", 11500, "between", 11000, 12000, True),
        ("11,000-12,000", 11500, "between", 11000, 12000, True),
        ("11,000–12,000", 11500, "between", 11000, 12000, True),
        ("between 11,000 and 12,000", 11500, "between", 11000, 12000, True),
        ("1.2 to 1.5 million", 1_350_000, "between", 1_200_000, 1_500_000, True),
        ("two or three", 2.5, "between", 2, 3, True),
        ("dozens of", 62, "dozens", 24, 99, True),
        ("hundreds", 600, "hundreds", 200, 999, True),
        ("thousands", 6000, "thousands", 2000, 9999, True),
        ("1,000s", 6000, "1,000s", 2000, 9999, True),
        ("tens of thousands", 60000, "tens of thousands", 20000, 99999, True),
        ("hundreds of thousands", 600000, "hundreds of thousands", 200000, 999999, True),
        ("several hundred", 600, "several hundred", 200, 999, True),
    ],
)
def test_parse_quantity(
    text: str, value: float, qualifier: str | None, low: float | None, high: float | None, approximate: bool
) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.text, q.value, q.qualifier, q.low, q.high, q.approximate) == (
        text, value, qualifier, low, high, approximate
    )


def test_currency_and_percent_units() -> None:
    money = parse_quantity("about $2 billion")
    assert money is not None and (money.value, money.unit, money.qualifier) == (2e9, "dollar", "about")
    share = parse_quantity("more than 50%")
    assert share is not None and (share.unit, share.low) == ("percent", 50)  # no +1 on a percentage


def test_unparseable_quantity() -> None:
    assert parse_quantity("at least") is None
    assert parse_quantity("the troops") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("12", "exact"), ("at least 12", "lower_bound"), ("up to 12", "upper_bound"), ("about 12", "approx"),
     ("nearly 12", "approx_upper"), ("10 to 12", "range"), ("dozens", "vague")],
)
def test_qualifier_kind(text: str, kind: str) -> None:
    q = parse_quantity(text)
    assert q is not None and qualifier_kind(q) == kind


def _q(text: str, unit: str | None = None) -> Quantity:
    q = parse_quantity(text)
    assert q is not None
    q.unit = unit
    return q


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("12,000", "10,000", True),  # both exact, different
        ("12,000", "12,000", False),
        ("11,000 to 12,000", "12,000", False),
        ("at least 3,000", "about 10,000", True),  # open bound read as near its figure
        ("at least 12", "15", False),
        ("about 10,000", "10,500", False),
        ("about 10,000", "12,000", True),
        ("up to 10,000", "8,000", False),
        ("up to 10,000", "3,000", True),
        ("nearly 600,000", "600,000", False),
        ("hundreds", "500", False),
        ("hundreds", "5,000", True),
        ("dozens", "tens of thousands", True),
    ],
)
def test_quantities_conflict(a: str, b: str, conflict: bool) -> None:
    assert quantities_conflict(_q(a), _q(b)) is conflict
    assert quantities_conflict(_q(b), _q(a)) is conflict


def test_different_units_never_conflict() -> None:
    assert not quantities_conflict(_q("12,000", "troop"), _q("10,000", "civilian"))
    assert quantities_conflict(_q("12,000", "troop"), _q("10,000", "troop"))
    assert quantities_conflict(_q("12,000", "troop"), _q("10,000"))  # an unknown unit may be the same


def test_ranges_overlap_is_logical() -> None:
    """Overlap asks whether both can be true: "at least 3,000" allows 10,000."""
    assert ranges_overlap(_q("at least 3,000"), _q("about 10,000"))
    assert not ranges_overlap(_q("up to 3,000"), _q("about 10,000"))
    assert ranges_overlap(_q("11,000 to 12,000"), _q("12,000"))
    assert not ranges_overlap(_q("12,000"), _q("10,000"))


def test_quantity_without_bounds() -> None:
    """A Quantity built by hand (no bounds) stands for its value, widened when approximate."""
    assert ranges_overlap(Quantity("10,000", 10000), _q("10,000"))
    assert ranges_overlap(Quantity("about 10,000", 10000, approximate=True), _q("10,500"))
    assert not ranges_overlap(Quantity("10,000", 10000), _q("10,500"))


@given(st.text())
def test_parsers_never_raise(text: str) -> None:
    parse_number(text)
    parse_quantity(text)


@given(st.lists(st.sampled_from(
    ["a", "and", "half", "third", "dozen", "hundred", "million", "of", "-", "12", "1,000s", "3.5bn", "½",
     "at least", "between", "to", "point", "over", "%", "$", "tens", "thousands", "1e999", "9" * 400]
), max_size=8))
def test_parsers_never_raise_on_number_words(parts: list[str]) -> None:
    text = " ".join(parts)
    parse_number(text)
    parse_quantity(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_formatted_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n
    q = parse_quantity(f"at least {n:,}")
    assert q is not None and q.low == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_round_trip(low: int, width: int) -> None:
    q = parse_quantity(f"between {low:,} and {low + width:,}")
    assert q is not None and (q.low, q.high) == (low, low + width)
    assert q.value == pytest.approx(low + width / 2)
