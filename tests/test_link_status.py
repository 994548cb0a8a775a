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
