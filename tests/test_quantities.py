"""The claimgraph_quantities component: which figures it finds in news sentences and what they count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

import claimgraph.annotate.quantities  # noqa: F401  (registers the factory)
from claimgraph.model import Quantity


@pytest.fixture(scope="module")
def nlp(model_with: Callable[[str], Language]) -> Language:
    return model_with("claimgraph_quantities")


def figures(nlp: Language, text: str) -> list[tuple[str, float, str | None, str | None]]:
    doc = nlp(text)
    out = []
    for span in doc.spans["quantities"]:
        q = span._.quantity
        assert isinstance(q, Quantity) and q.text == span.text
        out.append((span.text, q.value, q.unit, q.qualifier))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army moved 12,000 troops to the coast.", ("12,000", 12000, "troop", None)),
        ("Four brigades crossed the river at dawn.", ("Four", 4, "brigade", None)),
        ("Six North Koreans were killed in the strike.", ("Six", 6, "north korean", None)),
        ("The country keeps 1.2 million troops under arms.", ("1.2 million", 1_200_000, "troop", None)),
        ("Seoul said 10,000 troops from North Korea had arrived.", ("10,000", 10000, "troop", None)),
        ("Officials said 24 people have been hospitalised.", ("24", 24, "people", None)),
        ("Police detained a 21-year-old at the scene.", ("21", 21, "year", None)),
        ("The ministry sent 10,000 soldiers north.", ("10,000", 10000, "soldier", None)),
        ("A 5,000-strong force left the port.", ("5,000", 5000, "force", None)),
        ("Rescuers found twenty-five survivors.", ("twenty-five", 25, "survivor", None)),
        ("The region lost 1.5m residents in a decade.", ("1.5m", 1_500_000, "resident", None)),
        ("Officials counted 3 000 refugees at the border.", ("3 000", 3000, "refugee", None)),
        ("A dozen journalists were expelled.", ("A dozen", 12, "journalist", None)),
    ],
)
def test_counted_noun(nlp: Language, text: str, expected: tuple[str, float, str | None, str | None]) -> None:
    assert expected in figures(nlp, text)


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "low", "high"),
    [
        ("At least 40 civilians died in the shelling.", "At least 40", "at least", 40, None),
        ("About 8,000 workers joined the strike.", "About 8,000", "about", 7200, 8800),
        ("Around 300 homes were flooded.", "Around 300", "around", 270, 330),
        ("Some 2,500 sailors are stationed there.", "Some 2,500", "some", 2250, 2750),
        ("Nearly 90 percent of voters backed the plan.", "Nearly 90 percent", "nearly", 81, 90),
        ("More than 700 flights were cancelled.", "More than 700", "more than", 701, None),
        ("Up to 5,000 fighters may be sent.", "Up to 5,000", "up to", None, 5000),
        ("The militia has 4,000 to 6,000 fighters.", "4,000 to 6,000", "between", 4000, 6000),
        ("The militia has 4,000-6,000 fighters.", "4,000-6,000", "between", 4000, 6000),
        ("Between 200 and 300 prisoners escaped.", "Between 200 and 300", "between", 200, 300),
        ("Dozens of drones were launched overnight.", "Dozens", "dozens", 24, 99),
        ("Tens of thousands of people marched.", "Tens of thousands", "tens of thousands", 20000, 99999),
    ],
)
def test_qualifiers_and_ranges(
    nlp: Language, text: str, span: str, qualifier: str, low: float | None, high: float | None
) -> None:
    doc = nlp(text)
    found = {s.text: s._.quantity for s in doc.spans["quantities"]}
    assert span in found, found
    q = found[span]
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


def test_vague_plural_counts_object_of_of(nlp: Language) -> None:
    assert figures(nlp, "Dozens of drones were launched overnight.") == [("Dozens", 62, "drone", "dozens")]


def test_money_and_percent(nlp: Language) -> None:
    found = figures(nlp, "The fund paid about $2 billion, or 3.5bn euros, and 40% of the cost.")
    assert ("about $2 billion", 2e9, "dollar", "about") in found
    assert ("3.5bn", 3.5e9, "euro", None) in found
    assert ("40%", 40, "percent", None) in found


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1998.",
        "The vote is on October 3.",
        "The talks resume at 5 pm on Monday.",
        "In 2019 the border was closed.",
        "The third country to sign was Chile.",
        "It is one of the largest armies in Europe.",
        "No one was hurt.",
        "The 2nd Battalion withdrew.",
        "Article 5 of the treaty was invoked.",
        "Su-34 bombers flew overhead.",
    ],
)
def test_not_quantities(nlp: Language, text: str) -> None:
    """Years, dates, clock times, ordinals, "one of", names and labels are not figures."""
    assert figures(nlp, text) == []


def test_change_is_two_figures(nlp: Language) -> None:
    """ "rose from 10 to 20" is a change between two figures, not a range."""
    assert [f[1] for f in figures(nlp, "Inflation rose from 10 to 20 percent.")] == [10, 20]


def test_spelled_numbers_and_one(nlp: Language) -> None:
    found = figures(nlp, "One soldier was killed and sixteen were wounded, as half a million fled.")
    assert ("One", 1, "soldier", None) in found
    assert ("sixteen", 16, None, None) in found
    assert ("half a million", 500_000, None, None) in found


def test_several_figures_in_order(nlp: Language) -> None:
    text = "Kyiv said 11,000 troops arrived; Moscow said fewer than 3,000 came, and 95 men were swapped."
    assert [f[0] for f in figures(nlp, text)] == ["11,000", "fewer than 3,000", "95"]


def test_count_tagged_as_date_is_kept(nlp: Language) -> None:
    """The small model sometimes tags a bare count as DATE; a counted noun that is no time unit wins."""
    assert ("2019", 2019, "troop", None) in figures(nlp, "The year saw 2019 troops deployed.")


def test_custom_spans_key() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("claimgraph_quantities", config={"spans_key": "figures"})
    doc = pipeline("They sent 300 tanks.")
    assert [s.text for s in doc.spans["figures"]] == ["300"]


def test_a_speed_is_not_a_distance(nlp: Language) -> None:
    text = ("The storm had winds of 75 miles per hour (120 kilometres an hour), moved at 13 mph and was "
            "90 miles south of the coast.")
    assert [(value, unit) for _, value, unit, _ in figures(nlp, text)] == [
        (75, "mph"), (120, "km/h"), (13, "mph"), (90, "mile")]
