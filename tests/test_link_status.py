"""Status disputes across articles (antonymous judgements, a negated event against the event asserted) and
revisions of one count by another source, each on invented text."""

from __future__ import annotations

from claimgraph.link.compare import Pairing, compare_claims
from claimgraph.model import Claim, Predicate, Quantity, Source

SAME_DAY = Pairing(similarity=0.55, dates=("2031-03-02", "2031-03-02"), documents="d1|d2", story=0.9)
LATER = Pairing(similarity=0.55, dates=("2031-03-02", "2031-03-07"), documents="d1|d2", story=0.9)


def claim(content: str, source: str = "Gazette", document: str = "d1", kind: str = "organization",
          verbs: tuple[str, ...] = (), negated: tuple[str, ...] = (), quantities: tuple[Quantity, ...] = (),
          stance: str = "asserts") -> Claim:
    predicates = [Predicate(v) for v in verbs] + [Predicate(v, negated=True) for v in negated]
    return Claim(document=document, evidence=content, content=content, source=Source(source, source, kind),  # type: ignore[arg-type]
                 id=f"{document}-{abs(hash(content)) % 10_000}", predicates=predicates,
                 quantities=list(quantities), stance=stance)  # type: ignore[arg-type]


def kinds(findings: list) -> list[tuple[str, str]]:
    return [(f.kind, f.basis) for f in findings]


def test_a_later_toll_from_another_source_is_a_revision() -> None:
    early = claim("eleven people have been confirmed killed in the landslide", source="Governor Pell",
                  verbs=("confirm", "kill"), quantities=(Quantity("eleven", 11, unit="people", event="confirm"),))
    later = claim("29 deaths in the landslide", source="Civil Defence Office", document="d2",
                  quantities=(Quantity("29", 29, unit="death", event="death"),))
    [finding] = compare_claims(early, later, LATER)
    assert (finding.kind, finding.basis) == ("contradicts", "quantity")
    assert finding.explanation.endswith("revised: eleven (Mar 2) -> 29 (Mar 7)")
    [same_day] = compare_claims(early, later, SAME_DAY)
    assert same_day.explanation.endswith("eleven vs 29")  # two figures of one day are rivals, not a revision


def test_opposite_judgements_of_one_object_contradict() -> None:
    ruling = claim("The tribunal found that the curfew was unlawful, void and of no effect", source="Tribunal",
                   verbs=("find",))
    defence = claim("Imposing the curfew is the legal and necessary way to keep order", source="Mayor's office",
                    document="d2", verbs=("keep",))
    [finding] = compare_claims(ruling, defence, SAME_DAY)
    assert (finding.kind, finding.basis) == ("contradicts", "status")
    assert "Mayor's office: lawful; Tribunal: not lawful" in finding.explanation
    negated = claim("The curfew is not lawful", source="Tribunal", verbs=("be",))
    assert kinds(compare_claims(negated, defence, SAME_DAY)) == [("contradicts", "status")]


def test_a_kind_of_thing_is_no_judgement_and_other_objects_are_not_compared() -> None:
    outrage = claim("It would be a constitutional outrage to impose the curfew", source="Senator Ruiz",
                    document="d2", verbs=("impose",))
    ruling = claim("The tribunal found that the curfew was unlawful", source="Tribunal", verbs=("find",))
    assert ("contradicts", "status") not in kinds(compare_claims(ruling, outrage, SAME_DAY))
    levy = claim("The harbour levy is legal", source="Port authority", document="d2", verbs=("be",))
    assert ("contradicts", "status") not in kinds(compare_claims(ruling, levy, SAME_DAY))


def test_a_negated_event_contradicts_the_event_asserted_across_articles() -> None:
    leaving = claim("Garrison troops would be leaving Vellmark", source="Governor Pell", verbs=("leave",))
    not_a_withdrawal = claim("There has been no announcement, and this does not constitute a withdrawal from Vellmark",
                             source="Defence office", document="d2", negated=("constitute",))
    [finding] = compare_claims(leaving, not_a_withdrawal, SAME_DAY)
    assert (finding.kind, finding.basis) == ("contradicts", "status")
    assert finding.explanation.startswith("withdraw")
    weeks = Pairing(similarity=0.55, dates=("2031-03-02", "2031-03-20"), documents="d1|d2", story=0.9)
    assert compare_claims(leaving, not_a_withdrawal, weeks) == []  # a state reported weeks apart may change
    passing = claim("Members know the breadth of support for the people of Vellmark", source="Minister Quade",
                    document="d2", verbs=("know",))
    no_support = claim("The Republic does not endorse or support any operation in Vellmark", source="Palace",
                       negated=("endorse",), verbs=("support",))
    assert compare_claims(no_support, passing, SAME_DAY) == []  # support named in passing is no event asserted


def test_events_that_cannot_both_hold_contradict() -> None:
    stay = claim("The garrison troops will stay in Vellmark", source="Governor Pell", verbs=("stay",))
    withdraw = claim("The garrison troops are withdrawing from Vellmark", source="Defence office", document="d2",
                     verbs=("withdraw",))
    assert kinds(compare_claims(stay, withdraw, SAME_DAY)) == [("contradicts", "status")]


def test_denying_an_event_agrees_with_its_negation() -> None:
    lie = claim("The biggest lie being told is that the militia is defeated", source="Senator Ruiz",
                kind="person", verbs=("tell", "defeat"), stance="denies")
    not_defeated = claim("The militia is not defeated", source="Senator Ruiz's office", document="d2",
                         negated=("defeat",))
    close = Pairing(similarity=0.7, dates=SAME_DAY.dates, documents="d1|d2", story=0.9)
    assert ("contradicts", "polarity") not in kinds(compare_claims(lie, not_defeated, close))


def test_a_doubt_is_answered_by_the_very_predicate_it_doubts() -> None:
    doubt = claim("no traces of toxin were found in his blood", source="Clinic officials", verbs=("find",),
                  stance="doubts")
    finding = claim("found a nerve agent in Mr Ostrel's blood", source="Army laboratory", document="d2",
                    verbs=("find",))
    loose = Pairing(similarity=0.4, dates=SAME_DAY.dates, documents="d1|d2", story=0.9)
    [found] = compare_claims(doubt, finding, loose)
    assert (found.kind, found.basis) == ("contradicts", "polarity")
    other_verb = claim("a nerve agent was in Mr Ostrel's blood", source="Army laboratory", document="d2", verbs=("be",))
    assert compare_claims(doubt, other_verb, loose) == []
