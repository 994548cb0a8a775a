"""Relations between the claims of one document: quantity, status and polarity contradictions."""

from __future__ import annotations

import pytest

from claimgraph.model import Claim, Ledger, Relation


def by_source(ledger: Ledger, name: str) -> list[Claim]:
    return [c for c in ledger.claims if c.source.name == name]


def ends(ledger: Ledger, relation: Relation) -> tuple[Claim, Claim]:
    ids = {c.id: c for c in ledger.claims}
    return ids[relation.a], ids[relation.b]


def test_rival_figures_contradict_on_quantity(ledger_of):
    ledger = ledger_of(
        "Organisers said 5,000 people joined the march in Leeds.\n\n"
        "Police said 3,000 people joined the march in Leeds."
    )
    [relation] = ledger.relations
    assert (relation.kind, relation.basis) == ("contradicts", "quantity")
    a, b = ends(ledger, relation)
    assert (a.source.name, b.source.name) == ("Organisers", "Police")
    assert "5,000" in relation.explanation and "3,000" in relation.explanation


def test_rival_figures_with_units(ledger_of):
    ledger = ledger_of(
        "The fire service said 120 firefighters were sent to the warehouse blaze.\n\n"
        "A union official said 80 firefighters were sent to the warehouse blaze."
    )
    [relation] = ledger.relations
    assert (relation.kind, relation.basis) == ("contradicts", "quantity")
    a, b = ends(ledger, relation)
    assert {q.value for q in a.quantities + b.quantities} == {120, 80}


@pytest.mark.parametrize(
    "second",
    [
        "Police said 50 people joined the march in Leeds.",  # 100 times apart: not a count of the same thing
        "Police said 3,000 vehicles joined the march in Leeds.",  # a different unit
    ],
)
def test_no_quantity_relation(ledger_of, second):
    ledger = ledger_of(f"Organisers said 5,000 people joined the march in Leeds.\n\n{second}")
    assert len([c for c in ledger.claims if c.quantities]) == 2
    assert ledger.relations == []


def test_same_figure_is_not_a_contradiction(ledger_of):
    ledger = ledger_of(
        "Organisers said 5,000 people joined the march in Leeds.\n\n"
        "Police said 5,000 people joined the march in Leeds."
    )
    assert not any(r.kind == "contradicts" for r in ledger.relations)


def test_asserted_vs_negated_movement_is_status(ledger_of):
    ledger = ledger_of(
        "The defence ministry said the peacekeeping troops have already arrived in the border town.\n\n"
        "The local governor said the peacekeeping troops have not arrived in the border town yet."
    )
    [relation] = ledger.relations
    assert (relation.kind, relation.basis) == ("contradicts", "status")
    a, b = ends(ledger, relation)
    assert (a.source.name, b.source.name) == ("defence ministry", "local governor")
    assert relation.explanation.startswith("defence ministry: it has happened; local governor: it has not")


def test_denial_contradicts_the_assertion_it_answers(ledger_of):
    ledger = ledger_of(
        "The environmental group said the chemical plant had polluted the river with mercury.\n\n"
        "The plant's owner denied that the chemical plant had polluted the river with mercury."
    )
    [relation] = ledger.relations
    assert (relation.kind, relation.basis) == ("contradicts", "polarity")
    a, b = ends(ledger, relation)
    assert {a.stance, b.stance} == {"asserts", "denies"}


def test_one_denial_gives_one_contradiction(ledger_of):
    ledger = ledger_of(
        "The opposition party accused the interior ministry of rigging the regional election results.\n\n"
        "The interior ministry denied rigging the regional election results.\n\n"
        "A spokesman for the opposition said the interior ministry had rigged the regional election results "
        "in three districts."
    )
    [denial] = [c for c in ledger.claims if c.stance == "denies"]
    assert denial.source.name == "interior ministry"
    polarity = [r for r in ledger.relations if r.basis == "polarity"]
    assert len(polarity) == 1
    assert denial.id in (polarity[0].a, polarity[0].b)
    assert len(ledger.relations) == 1


def test_same_source_twice_gives_no_relation(ledger_of):
    ledger = ledger_of(
        "Organisers said 5,000 people joined the march in Leeds.\n\n"
        "Organisers later said 3,000 people joined the march in Leeds."
    )
    assert len(by_source(ledger, "Organisers")) == 2
    assert ledger.relations == []


def test_same_person_by_pronoun_gives_no_relation(ledger_of):
    ledger = ledger_of(
        "Mayor Ana Lopez said the peacekeeping troops have already arrived in the border town.\n\n"
        "She later said the peacekeeping troops have not arrived in the border town yet."
    )
    assert [c.source.name for c in ledger.claims] == ["Ana Lopez", "Ana Lopez"]
    assert ledger.relations == []


def test_unrelated_claims_give_no_relation(ledger_of):
    ledger = ledger_of(
        "The coach said the striker would miss the final.\n\n"
        "The mayor said 3,000 people had bought tickets for the concert."
    )
    assert ledger.relations == []


def test_dead_and_injured_are_different_counts(ledger_of):
    ledger = ledger_of(
        "Hospital officials said 12 people were killed in the collapse.\n\n"
        "The fire brigade said 30 people were injured in the collapse."
    )
    assert not any(r.basis == "quantity" for r in ledger.relations)


def test_a_bare_figure_is_compared_through_what_happened(ledger_of):
    ledger = ledger_of(
        "Local officials said 40 people have been evacuated from the valley.\n\n"
        "A news agency reported as many as 65 evacuated from the valley."
    )
    [relation] = [r for r in ledger.relations if r.basis == "quantity"]
    assert "40" in relation.explanation and "65" in relation.explanation


def test_no_evidence_contradicts_the_claim_it_doubts(ledger_of):
    ledger = ledger_of(
        "The governor has claimed widespread ballot tampering in rural counties.\n\n"
        "Election officials said there was no evidence of widespread ballot tampering in rural counties."
    )
    [relation] = ledger.relations
    assert (relation.kind, relation.basis) == ("contradicts", "polarity")


def test_questioning_how_much_is_not_a_contradiction(ledger_of):
    ledger = ledger_of(
        "The ministry said the new dam would supply water to rural farms.\n\n"
        "Engineers question how much water the new dam would supply to rural farms."
    )
    assert not any(r.kind == "contradicts" for r in ledger.relations)


def test_a_figure_is_placed_by_the_place_named_nearest_to_it(ledger_of):
    first = "Police said 22 people were killed in the shooting in El Paso, Texas."
    ledger = ledger_of(f"{first}\n\nThe El Paso shooting came hours before another one in Dayton, Ohio, "
                       "where ten people were killed.")
    assert not any(r.basis == "quantity" for r in ledger.relations)  # ten were killed in Dayton, not El Paso
    ledger = ledger_of(f"{first}\n\nThe mayor said 20 people were killed in the shooting in El Paso.")
    [relation] = [r for r in ledger.relations if r.basis == "quantity"]
    assert "22" in relation.explanation and "20" in relation.explanation


def test_where_troops_come_from_or_go_does_not_place_the_figure(ledger_of):
    ledger = ledger_of("Intelligence officials said North Korea has dispatched 12,000 troops to Russia.\n\n"
                       "Zelensky said 10,000 troops from North Korea are being prepared for the war.")
    [relation] = [r for r in ledger.relations if r.basis == "quantity"]
    assert "12,000" in relation.explanation and "10,000" in relation.explanation
