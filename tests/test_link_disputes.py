"""Disputes an analyst can trust: the false contradictions a random draw of the Wikinews corpus showed,
each as a general rule (thresholds, listed figures, years, participants, what a denial is about)."""

from __future__ import annotations

from claimgraph.link.compare import Pairing, compare_claims
from claimgraph.model import Claim, Predicate, Quantity, Source, Time

SAME_STORY = Pairing(similarity=0.8, dates=("2031-03-02", "2031-03-02"), documents="d1|d2", story=0.9)
LATER = Pairing(similarity=0.8, dates=("2031-06-30", "2031-07-31"), documents="d1|d2", story=0.9)
OTHER_STORY = Pairing(similarity=0.8, dates=("2031-02-18", "2031-12-02"), documents="d1|d2", story=0.1)


def claim(content: str, source: str = "Gazette", document: str = "d1", kind: str = "author",
          verbs: tuple[str, ...] = (), quantities: tuple[Quantity, ...] = (), times: tuple[Time, ...] = (),
          stance: str = "asserts") -> Claim:
    return Claim(document=document, evidence=content, content=content, source=Source(source, source, kind),  # type: ignore[arg-type]
                 id=f"{document}-{abs(hash(content)) % 10_000}", predicates=[Predicate(v) for v in verbs],
                 quantities=list(quantities), times=list(times), stance=stance)  # type: ignore[arg-type]


def percent(text: str, value: float) -> Quantity:
    return Quantity(text, value, unit="percent")


def kinds(findings: list) -> list[tuple[str, str]]:
    return [(f.kind, f.basis) for f in findings]


def test_a_threshold_is_not_a_result_to_set_against_one() -> None:
    bar = claim("Candidates must receive at least 15 percent of the vote to win delegates", verbs=("receive",),
                quantities=(percent("at least 15 percent", 15),))
    result = claim("Quill received about 63 percent of the vote", document="d2", source="Herald", verbs=("receive",),
                   quantities=(percent("about 63 percent", 63),))
    cutoff = claim("The cut-off for a category 4 storm is 130 mph", quantities=(Quantity("130", 130, unit="mph"),))
    storm = claim("The storm reached 119 mph", document="d2", source="Herald", verbs=("reach",),
                  quantities=(Quantity("119", 119, unit="mph"),))
    assert compare_claims(bar, result, SAME_STORY) == []
    assert compare_claims(cutoff, storm, SAME_STORY) == []


def test_figures_listed_together_are_matched_by_rank() -> None:
    june = claim("Quill led Marsh 49.7 percent to 40.3 percent in the Ledger average", verbs=("lead",),
                 quantities=(percent("49.7 percent", 49.7), percent("40.3 percent", 40.3)))
    july = claim("Quill led Marsh 49.7 percent to 43.1 percent in the Ledger average", document="d2",
                 verbs=("lead",), quantities=(percent("49.7 percent", 49.7), percent("43.1 percent", 43.1)))
    [finding] = compare_claims(june, july, LATER)
    assert (finding.kind, finding.basis) == ("contradicts", "quantity")
    assert finding.explanation.endswith("40.3 percent -> 43.1 percent")  # the runner-up's share, revised
    unitless = claim("Quill led Marsh in the Ledger average, 50.1 to 43.1 percent", document="d2", verbs=("lead",),
                     quantities=(Quantity("50.1", 50.1), percent("43.1 percent", 43.1)))
    [finding] = compare_claims(june, unitless, LATER)
    assert finding.explanation.endswith("40.3 percent -> 43.1 percent")  # the first figure's unit is the list's


def test_figures_of_other_years_or_other_parties_are_not_rivals() -> None:
    before = claim("In 2027 the Heron Party ticket of Ada Vell received 5,617 votes", verbs=("receive",),
                   quantities=(Quantity("5,617", 5617, unit="vote"),), times=(Time("2027", "2027"),))
    now = claim("The Heron Party ticket of Ada Vell received 6,776 votes", document="d2", verbs=("receive",),
                quantities=(Quantity("6,776", 6776, unit="vote"),))
    other = claim("The Lark Party ticket of Bo Tamm received 6,776 votes", document="d2", verbs=("receive",),
                  quantities=(Quantity("6,776", 6776, unit="vote"),))
    assert compare_claims(before, now, LATER) == []
    revised = claim("The Heron Party ticket of Ada Vell received 5,617 votes", verbs=("receive",),
                    quantities=(Quantity("5,617", 5617, unit="vote"),))
    assert kinds(compare_claims(revised, now, LATER)) == [("contradicts", "quantity")]  # the same ticket: a revision
    assert compare_claims(revised, other, LATER) == []


def test_a_share_won_and_a_share_of_another_contest_are_not_rivals() -> None:
    won = claim("Quill won the primary with 25.7 percent", verbs=("win",),
                quantities=(percent("25.7 percent", 25.7),))
    second = claim("Quill came in second with about 20 percent, earning 15 delegates", document="d2",
                   verbs=("come", "earn"), quantities=(percent("about 20 percent", 20),))
    assert compare_claims(won, second, LATER) == []


def test_figures_of_two_stories_sharing_no_one_are_not_compared() -> None:
    family = claim("Four victims were from a single family", source="fire service", kind="organization",
                   verbs=("be",), quantities=(Quantity("four", 4, unit="victim"),))
    died = claim("Two of the victims died", document="d2", verbs=("die",),
                 quantities=(Quantity("Two", 2, unit="victim"),))
    assert compare_claims(family, died, OTHER_STORY) == []


def test_a_doubt_answers_an_assertion_of_its_own_event_only() -> None:
    cure = claim("There is no evidence that current medicine can cure the disease", source="health agency",
                 kind="organization", verbs=("cure",), stance="doubts")
    cases = claim("There were at least 126,000 cases of the disease worldwide", document="d2", source="news agency",
                  kind="organization", verbs=("be",), quantities=(Quantity("at least 126,000", 126_000, unit="case"),))
    traces = claim("No traces of poison were found in his blood", source="hospital", kind="organization",
                   verbs=("find",), stance="doubts")
    poisoned = claim("Tests found proof that he had been poisoned", document="d2", source="government",
                     kind="government", verbs=("find", "poison"))
    assert compare_claims(cure, cases, SAME_STORY) == []
    assert kinds(compare_claims(traces, poisoned, SAME_STORY)) == [("contradicts", "polarity")]


def test_a_dismissal_answers_the_claims_of_the_party_it_names_as_their_author() -> None:
    answer = claim("Orlia rejected Valoria's accusations as groundless", source="Orlia", kind="government",
                   verbs=("reject",), stance="denies")
    accusation = claim("Orlian agents sabotaged the pipeline", document="d2", source="Valoria", kind="government",
                       verbs=("sabotage",))
    subject = claim("He has not denied allegations his candidacy is meant to help Senator Roe", source="Tamm",
                    kind="person", verbs=("help",), stance="denies")
    campaign = claim("Tamm is just another swamp bro", document="d2", source="Roe campaign", kind="organization",
                     verbs=("be",))
    assert kinds(compare_claims(answer, accusation, Pairing(similarity=0.3))) == [("contradicts", "polarity")]
    assert compare_claims(subject, campaign, Pairing(similarity=0.3)) == []


def test_a_denier_is_answered_by_an_account_of_what_they_did_not_of_what_befell_them() -> None:
    denial = claim("Hal Dorne denied the allegations", source="Hal Dorne", kind="person", verbs=("deny",),
                   stance="denies")
    did = claim("Dorne accepted bribes from the contractor", source="prosecutor", kind="person", verbs=("accept",))
    befell = claim("Mara Quill attacked the record of her rival during the debates, and then of Dorne",
                   source="Jo Tamm", kind="person", verbs=("attack",))
    namesake = claim("The favourite Ann Dorne led the field", source="Gazette", verbs=("lead",))
    assert kinds(compare_claims(denial, did)) == [("contradicts", "polarity")]
    assert compare_claims(denial, befell) == []
    assert compare_claims(denial, namesake) == []


def test_a_change_a_share_of_another_whole_or_another_side_s_count_is_no_rival_figure() -> None:
    change = claim("The drop-out rate increased by 12.5 percent", verbs=("increase",),
                   quantities=(percent("12.5 percent", 12.5),))
    level = claim("The drop-out rate stood above 50 percent", document="d2", source="Herald", verbs=("stand",),
                  quantities=(percent("50 percent", 50),))
    turnout = claim("Turnout was down by about 1.5% of the electorate", quantities=(percent("about 1.5%", 1.5),))
    share = claim("Quill finished with almost 2.1 percent of the total vote", document="d2", source="Herald",
                  verbs=("finish",), quantities=(percent("almost 2.1 percent", 2.1),))
    ours = claim("790 Valorian soldiers had been killed", source="Valoria", kind="government", verbs=("kill",),
                 quantities=(Quantity("790", 790, unit="soldier", event="kill"),))
    theirs = claim("Marovia said it killed about 2,300 Ostrian soldiers", source="Marovia", kind="government",
                   document="d2", verbs=("kill",),
                   quantities=(Quantity("about 2,300", 2300, unit="soldier", event="kill"),))
    assert compare_claims(change, level, SAME_STORY) == []
    assert compare_claims(turnout, share, SAME_STORY) == []
    assert compare_claims(ours, theirs, SAME_STORY) == []
    again = claim("810 Valorian soldiers have been killed", source="Marovia", kind="government", document="d2",
                  verbs=("kill",), quantities=(Quantity("810", 810, unit="soldier", event="kill"),))
    assert kinds(compare_claims(ours, again, SAME_STORY)) == [("contradicts", "quantity")]


def test_a_doubt_of_a_person_or_of_an_unrelated_story_answers_nothing() -> None:
    # "challenging President Roe" and "questioned the citizenship of Senator Quill" deny no event
    challenge = claim("President Ada Roe", source="Weld", kind="person", stance="doubts")
    citizenship = claim("the citizenship of Senator Mara Quill", source="activists", kind="person", stance="doubts")
    backing = claim("Ada Roe was backed by President Ada Roe's party", document="d2", source="Herald", verbs=("back",))
    quill = claim("Senator Mara Quill was chosen as running mate", document="d2", source="Herald", verbs=("choose",))
    assert compare_claims(challenge, backing, SAME_STORY) == []
    assert compare_claims(citizenship, quill, SAME_STORY) == []
    # outside one story, a doubt must share a name or an incident with what it answers
    cause = claim("whether the virus was the cause of death", source="observers", kind="person", verbs=("be",),
                  stance="doubts")
    deaths = claim("The virus may have killed two visitors in Pell", document="d2", source="officials",
                   kind="government", verbs=("kill",))
    assert compare_claims(cause, deaths, OTHER_STORY) == []


def test_a_denier_is_answered_only_where_the_account_makes_them_its_subject() -> None:
    denial = claim("Dorne denied that she made any deal", source="Ada Dorne", kind="person", verbs=("deny", "make"),
                   stance="denies")
    vote = claim("Bell said he would not vote for Dorne or Quill", source="Bell", kind="person", verbs=("vote",))
    hearing = claim("dissatisfaction with Bell over his refusal to testify at the Dorne hearing", source="Democrats",
                    kind="organization", verbs=("testify",))
    act = claim("The former senator Ada Dorne asked the envoy for help", source="Bell", kind="person", verbs=("ask",))
    assert compare_claims(denial, vote) == []
    assert compare_claims(denial, hearing) == []
    assert kinds(compare_claims(denial, act)) == [("contradicts", "polarity")]


def test_remarks_about_going_somewhere_or_counts_of_different_nouns_are_not_disputes() -> None:
    never = claim("But I accepted that I am never going back", verbs=("go",), document="d1")
    never.predicates[0].negated = True
    home = claim("you cannot go back to your country", source="you", kind="person", verbs=("go",))
    assert compare_claims(never, home) == []
    sites = claim("The bones were obtained from two different sites", verbs=("obtain",),
                  quantities=(Quantity("two", 2, unit="site"),))
    ways = claim("We described seven different ways to date them", source="Dr Vell", kind="person",
                 verbs=("describe",), quantities=(Quantity("seven", 7, unit="way"),))
    assert compare_claims(sites, ways) == []


def test_a_doubt_of_what_someone_does_answers_only_claims_that_name_them() -> None:
    motive = claim("whether Vell was running to help Senator Roe defeat Quill", source="interviewer",
                   kind="person", verbs=("run", "help", "defeat"), stance="doubts")
    forecast = claim("Quill defeats Senator Roe with an electoral count of 359 to 179", document="d2",
                     source="forecaster", kind="person", verbs=("defeat",))
    aims = claim("Vell runs to help Roe defeat Quill in the autumn", document="d2", source="Quill campaign",
                 kind="organization", verbs=("run", "help", "defeat"))
    assert compare_claims(motive, forecast, SAME_STORY) == []
    assert kinds(compare_claims(motive, aims, SAME_STORY)) == [("contradicts", "polarity")]


def test_a_cut_off_named_at_the_head_of_a_long_subject_is_still_a_bar_to_clear() -> None:
    cutoff = claim("The cut-off for the category 2 storm, the next stronger classification, is 119 mph",
                   verbs=("reach",), quantities=(Quantity("119 mph", 119, unit="mph"),))
    peak = claim("The peak for the category 2 storm, the next stronger classification, is 119 mph",
                 verbs=("reach",), quantities=(Quantity("119 mph", 119, unit="mph"),))
    winds = claim("The storm reached winds of 100 mph", document="d2", source="authorities", kind="government",
                  verbs=("reach",), quantities=(Quantity("100 mph", 100, unit="mph"),))
    assert compare_claims(cutoff, winds, SAME_STORY) == []
    assert kinds(compare_claims(peak, winds, SAME_STORY)) == [("contradicts", "quantity")]


def test_a_status_dispute_is_about_how_far_a_movement_has_got() -> None:
    left = claim("12,000 troops have already left for the border", source="agency", kind="organization",
                 verbs=("leave",))
    left.predicates[0].aspect = "already"
    not_yet = claim("We did not move the troops to the border yet", source="president", kind="person",
                    verbs=("move",))
    not_yet.predicates[0].negated, not_yet.predicates[0].aspect = True, "yet"
    home = claim("It is not even a question to go back to the family", verbs=("go",))
    visit = claim("I can't even go back to see my family", source="client", kind="person", verbs=("go",))
    visit.predicates[0].negated = True
    assert ("contradicts", "status") in kinds(compare_claims(left, not_yet))
    assert compare_claims(home, visit) == []


def test_a_share_in_an_earlier_run_is_another_event_than_this_year_s_poll() -> None:
    poll = claim("In a May poll Quill led Marsh 47 percent to 40 percent with 5 percent for Vell", verbs=("lead",),
                 quantities=(percent("5 percent", 5),))
    earlier = claim("He received 3 percent of the vote in his 2027 run", source="Herald", verbs=("receive",),
                    quantities=(percent("3 percent", 3),), times=(Time("2027", "2027"),))
    assert compare_claims(poll, earlier, SAME_STORY) == []
