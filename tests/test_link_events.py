"""Event frames: claims are linked when they report one event, not when they share a topic."""

from __future__ import annotations

from claimgraph.link.compare import Pairing, compare_claims, source_identity
from claimgraph.link.events import conflict, frame_of
from claimgraph.model import Claim, Place, Predicate, Quantity, Source, Time
from claimgraph.resolve.identity import source_key

MONDAY = (Time("Monday", "2023-04-24"),)
CLOSE = Pairing(similarity=0.9, dates=("2023-05-03", "2023-05-03"), documents="d1|d2", story=0.9)


def claim(content: str, source: str = "ministry", document: str = "d1", kind: str = "government",
          verbs: tuple[str, ...] = (), negated: tuple[str, ...] = (), places: tuple[str, ...] = (),
          quantities: tuple[Quantity, ...] = (), times: tuple[Time, ...] = ()) -> Claim:
    return Claim(document=document, evidence=content, content=content, source=Source(source, source, kind),  # type: ignore[arg-type]
                 id=f"{document}-{abs(hash(content)) % 10_000}",
                 predicates=[Predicate(v) for v in verbs] + [Predicate(v, negated=True) for v in negated],
                 places=[Place(p, p) for p in places], quantities=list(quantities), times=list(times))


def test_a_courtesy_or_a_bare_name_has_no_event_and_is_never_linked() -> None:
    thanks = claim("Thank you, Madam Chair", verbs=("thank",))
    also = claim("Thank you, Madam President", source="delegate", document="d2", verbs=("thank",))
    assert frame_of(thanks) is None
    assert compare_claims(thanks, also, CLOSE) == []


def test_a_verb_and_a_noun_name_one_event_and_a_negated_noun_is_a_negation() -> None:
    sent = frame_of(claim("Valoria sent 5,000 troops to the border", verbs=("send",)))
    deployment = frame_of(claim("The deployment of Valorian troops continues", verbs=("continue",)))
    none = frame_of(claim("There will be no involvement of our forces", verbs=("be",)))
    assert sent and deployment and none
    assert "deploy" in sent.kinds & deployment.kinds
    assert none.negated and "support" in none.kinds


def test_topical_likeness_without_a_shared_event_does_not_corroborate() -> None:
    # one war, two remarks close in meaning: a visit and a ceasefire talk are not one event
    visit = claim("The envoy visited Ostrava to discuss the war", verbs=("visit", "discuss"), places=("Ostrava",))
    talks = claim("Negotiators met in Ostrava to talk about the war", source="mediator", document="d2",
                  verbs=("meet", "talk"), places=("Ostrava",))
    assert not [f for f in compare_claims(visit, talks, CLOSE) if f.kind == "corroborates"]


def test_two_independent_sources_asserting_one_event_corroborate_and_the_explanation_names_it() -> None:
    first = claim("Soldiers arrested the mayor of Ostrava", verbs=("arrest",), places=("Ostrava",))
    second = claim("The mayor of Ostrava was arrested by soldiers", source="rights group", document="d2",
                   kind="organization", verbs=("arrest",), places=("Ostrava",))
    [finding] = compare_claims(first, second, CLOSE)
    assert finding.kind == "corroborates"
    assert finding.explanation.startswith("arrest, ostrava, as of 2023-05-03: ")


def test_figures_of_different_incidents_or_dates_are_not_compared() -> None:
    stampede = claim("A stampede at the stadium killed 31 people", verbs=("kill",),
                     quantities=(Quantity("31", 31, unit="people", event="kill"),))
    crash = claim("The plane crash killed 44 people", source="airline", document="d2", verbs=("kill",),
                  quantities=(Quantity("44", 44, unit="people", event="kill"),))
    assert conflict(frame_of(stampede), frame_of(crash), kinds_matched=True) == "different incidents"  # type: ignore[arg-type]
    assert compare_claims(stampede, crash, CLOSE) == []
    monday = claim("Gunmen killed 12 villagers on Monday", verbs=("kill",),
                   quantities=(Quantity("12", 12, unit="villager", event="kill"),), times=MONDAY)
    today = claim("Gunmen killed 20 villagers today", source="governor", document="d2", verbs=("kill",),
                  quantities=(Quantity("20", 20, unit="villager", event="kill"),), times=(Time("today", "2023-05-03"),))
    assert compare_claims(monday, today, CLOSE) == []


def test_a_running_toll_from_another_source_on_another_day_is_still_compared() -> None:
    earlier = claim("Gunmen killed 12 villagers on Monday", verbs=("kill",),
                    quantities=(Quantity("12", 12, unit="villager", event="kill"),), times=MONDAY)
    toll = claim("The toll has risen to 20 villagers killed so far", source="governor", document="d2", verbs=("rise",),
                 quantities=(Quantity("20", 20, unit="villager", event="kill"),), times=(Time("so far", "2023-05-03"),))
    [finding] = compare_claims(earlier, toll, CLOSE)
    assert (finding.kind, finding.basis) == ("contradicts", "quantity")


def test_one_person_under_several_names_is_one_source_and_a_pronoun_is_nobody() -> None:
    keys = {source_key(name, "person") for name in ("Trump", "Donald Trump", "President Donald Trump", "Mr. Trump")}
    assert keys == {"trump"}
    assert source_key("Johns Hopkins University (JHU) data", "organization") == \
        source_key("Johns Hopkins University", "organization")
    assert source_key("U.S.", "government") == "united states"
    assert source_key("report citing the mayor's office", "anonymous") == source_key("report", "anonymous")
    assert source_key("you", "person") is None
    # a pronoun stays within its own article: two articles' "we" are not one source
    ours = claim("We sent aid", source="we", kind="person", verbs=("send",))
    theirs = claim("We sent aid", source="we", document="d2", kind="person", verbs=("send",))
    assert source_identity(ours) != source_identity(theirs)


def test_one_source_under_two_names_does_not_corroborate_itself() -> None:
    first = claim("Soldiers arrested the mayor of Ostrava", source="Donald Trump", kind="person", verbs=("arrest",))
    second = claim("Soldiers arrested the mayor of Ostrava", source="President Trump", document="d2", kind="person",
                   verbs=("arrest",))
    assert not [f for f in compare_claims(first, second, CLOSE) if f.kind == "corroborates"]


def test_the_verb_of_a_clause_describing_a_noun_is_background_not_the_event() -> None:
    # "an agent previously used in ...": what the claim says happened is the attack, not the use
    victim = claim("Mr Vell was the victim of an attack with a nerve agent previously used in Ostrava",
                   verbs=("be", "use"))
    victim.predicates[1].modifier = True
    frame = frame_of(victim)
    assert frame and {"attack", "poison"} <= frame.kinds and "use" in frame.mentioned
    only = claim("the troops that crossed the border", verbs=("cross",))
    only.predicates[0].modifier = True
    assert (frame_of(only) or frame).kinds == {"cross"}  # with nothing else, the clause is the event


def test_a_hurricane_and_the_storm_are_one_incident() -> None:
    hurricane = frame_of(claim("The hurricane damaged 300 homes on Pell Island", verbs=("damage",)))
    storm = frame_of(claim("The storm damaged homes across Pell Island", source="red cross", verbs=("damage",)))
    flood = frame_of(claim("The flood damaged homes across Pell Island", source="red cross", verbs=("damage",)))
    assert hurricane and storm and flood
    assert conflict(hurricane, storm) is None
    assert conflict(hurricane, flood) == "different incidents"


def test_two_sources_taking_one_stand_on_one_event_corroborate() -> None:
    # the stand is in the cue ("do not support") or the content's opening verb ("does not endorse")
    against = claim("that the Valorian government does not endorse any Marovian operation in the north",
                    negated=("endorse",), source="foreign office")
    also = claim("any incursion by Marovia into the north", source="defence ministry", document="d2")
    also.cue = "do not support"
    neutral = claim("a Marovian operation in the north", source="defence ministry", document="d2")
    neutral.cue = "learned of"
    assert [(f.kind, f.basis) for f in compare_claims(against, also, CLOSE)] == [("corroborates", "same point")]
    assert compare_claims(against, neutral, CLOSE) == []  # a bare noun phrase takes no stand


def test_two_courts_judging_one_act_unlawful_corroborate() -> None:
    first = claim("the minister's advice to suspend the assembly was unlawful and of no effect",
                  source="appeal court", kind="organization", verbs=("suspend",))
    second = claim("the minister's advice was unlawful, void and of no effect", source="supreme court",
                   kind="organization", document="d2", verbs=("conclude",))
    [finding] = compare_claims(first, second, CLOSE)
    assert (finding.kind, finding.basis) == ("corroborates", "same point")
    assert "judge it not lawful" in finding.explanation


def test_extracted_predicates_mark_the_clauses_that_describe_a_noun(ledger_of):
    ledger = ledger_of("The ministry said Mr Vell was the victim of an agent that was used in Ostrava. "
                       "The ministry said the request to suspend the assembly was granted.")
    used, granted = ledger.claims
    assert {(p.lemma, p.modifier) for p in used.predicates} >= {("use", True)}
    # an infinitive completing its noun ("the request to suspend") is what the claim is about
    assert ("suspend", False) in {(p.lemma, p.modifier) for p in granted.predicates}
