"""A small ledger written straight into a store, without the NLP pipeline, for the analyst's workbench tests
(test_workbench.py): five articles from five outlets, with a cross-source dispute over a figure that is a
revision, a denial, one article's own monthly poll figures that contradict each other pairwise, and two
month-dated articles whose claims are dated by weekday ("on Friday" in October 2024: 2024-10-WXX-5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import Claim, Document, Ledger, PublishedDate, Quantity, Relation, Source, Time
from claimgraph.store import Store


@dataclass
class Article:
    name: str
    date: str
    outlet: str
    title: str | None
    sentences: list[tuple[str, str, dict]]  # (source name, sentence, claim fields)
    document: Document = field(init=False)
    claims: list[Claim] = field(default_factory=list)


def _published(date: str) -> PublishedDate:
    return PublishedDate(date, date, {4: "year", 7: "month", 10: "day"}[len(date)])  # type: ignore[arg-type]


def _build(article: Article) -> None:
    text = "\n\n".join(sentence for _, sentence, _ in article.sentences) + "\n"
    document = Document(name=article.name, text=text, title=article.title, outlet=article.outlet,
                        published=_published(article.date))
    document.id = document.stable_id
    at = 0
    for n, (source, sentence, fields) in enumerate(article.sentences, start=1):
        start = text.index(sentence, at)
        at = start + len(sentence)
        kind = fields.pop("kind", "organization")
        article.claims.append(Claim(document=document.id, evidence=sentence, content=sentence.split(" said ")[-1],
                                    source=Source(source, source, kind), start=start, end=at,
                                    id=f"{document.id}-c{n}", cue="said", **fields))
    article.document = document


def _q(text: str, value: float, unit: str | None = None) -> Quantity:
    return Quantity(text=text, value=value, unit=unit)


POLL = [("January", "2024-01", 41), ("February", "2024-02", 44), ("March", "2024-03", 39), ("April", "2024-04", 36)]

ARTICLES = {
    "cholera": Article("cholera.txt", "2024-05-01", "Harbour Post", "Cholera spreads in the north", [
        ("health ministry", "The health ministry said 120 people had been infected with cholera in the north.",
         {"quantities": [_q("120", 120, "person")]}),
        ("Mayor Ilse Tarno", "Mayor Ilse Tarno said the water supply in Dunmore was safe.", {}),
    ]),
    "msf": Article("msf.txt", "2024-05-03", "Valley Times", None, [
        ("Doctors Without Borders", "Doctors Without Borders said at least 300 people had been infected with "
         "cholera in the north.", {"quantities": [_q("at least 300", 300, "person")]}),
        ("health ministry", "The health ministry said it denied that the water supply in Dunmore was contaminated.",
         {"stance": "denies"}),
    ]),
    "poll": Article("poll.txt", "2024-06-01", "Poll Weekly", "Governor's support slides", [
        ("Northfield Institute", f"The Northfield Institute said support for the governor stood at {value} percent "
         f"in {month}.", {"quantities": [_q(f"{value} percent", value, "percent")],
                          "times": [Time(month, when, "event")]})
        for month, when, value in POLL
    ]),
    "river": Article("river.txt", "2024-10", "River News", "Floods in Lanton", [
        ("river authority", "The river authority said on Friday that 40 people had died in the floods in Lanton.",
         {"quantities": [_q("40", 40, "person")], "times": [Time("Friday", "2024-10-WXX-5", "statement")]}),
    ]),
    "herald": Article("herald.txt", "2024-10", "Lanton Herald", "Red Cross counts the dead", [
        ("Red Cross", "The Red Cross said on Tuesday that 65 people had died in the floods in Lanton.",
         {"quantities": [_q("65", 65, "person")], "times": [Time("Tuesday", "2024-10-WXX-2", "statement")]}),
    ]),
}
for _article in ARTICLES.values():
    _build(_article)


def claim(article: str, n: int) -> Claim:
    return ARTICLES[article].claims[n - 1]


def _relations() -> list[Relation]:
    cholera, msf = claim("cholera", 1), claim("msf", 1)
    out = [
        Relation("contradicts", cholera.id, msf.id, "quantity",
                 "infect, as of 2024-05-03: revised: 120 (May 1) -> at least 300 (May 3)"),
        Relation("contradicts", claim("cholera", 2).id, claim("msf", 2).id, "polarity",
                 "health ministry denies; Mayor Ilse Tarno asserts (dunmore, supply, water)"),
        Relation("contradicts", claim("river", 1).id, claim("herald", 1).id, "quantity",
                 "kill, flood, lanton, as of 2024-10: 40 vs 65"),
    ]
    polls = ARTICLES["poll"].claims
    for i, first in enumerate(polls):
        for then in polls[i + 1:]:
            out.append(Relation("contradicts", first.id, then.id, "quantity",
                                f"Northfield Institute revised its figure: {first.quantities[0].text} -> "
                                f"{then.quantities[0].text}"))
    return out


PROPOSITIONS = {"p-cholera": ("cholera infections in the north", ["cholera", "msf"], 1),
                "p-water": ("water supply in Dunmore", ["cholera", "msf"], 2),
                "p-poll": ("support for the governor", ["poll"], None),
                "p-floods": ("deaths in the Lanton floods", ["river", "herald"], 1)}


def make_store(path: Path) -> Store:
    """The store at `path` holding the articles above, their relations and propositions."""
    store = Store(str(path))
    store.add(Ledger(documents=[a.document for a in ARTICLES.values()],
                     claims=[c for a in ARTICLES.values() for c in a.claims], relations=_relations()))
    members: dict[str, str] = {}
    for proposition, (_, articles, n) in PROPOSITIONS.items():
        for name in articles:
            for claim_ in ARTICLES[name].claims if n is None else [claim(name, n)]:
                members[claim_.id] = proposition
    store.index.assign(members, {p: label for p, (label, _, _) in PROPOSITIONS.items()})
    return store
