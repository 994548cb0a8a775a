"""The typed data model that every stage shares.

ingest produces `Document`s; the pipeline turns each into `Claim`s with their `Source`, `Quantity`,
`Time` and `Place`; link adds `Relation`s; store and present read the same objects. `Ledger.to_json`
writes the `claimgraph/v1` interchange format (see ../shared/eval/LEDGER_FORMAT.md), so field names
here follow that format.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "UNKNOWN_AUTHOR",
    "Certainty",
    "Claim",
    "DatePrecision",
    "Document",
    "Ledger",
    "Place",
    "Predicate",
    "Proposition",
    "PublishedDate",
    "Quantity",
    "QuoteKind",
    "Relation",
    "Source",
    "SourceKind",
    "Stance",
    "Time",
    "content_hash",
]

FORMAT = "claimgraph/v1"
UNKNOWN_AUTHOR = "author"  # the name of a document's own voice when neither its author nor its outlet is known

SourceKind = Literal["person", "government", "organization", "media", "group", "anonymous", "author"]
Stance = Literal["asserts", "denies", "doubts", "declines"]
Certainty = Literal["certain", "probable", "possible", "conditional"]
QuoteKind = Literal["direct", "mixed", "indirect", "none"]
DatePrecision = Literal["year", "month", "day"]
RelationKind = Literal["contradicts", "corroborates"]

STANCES: tuple[Stance, ...] = ("asserts", "denies", "doubts", "declines")
CERTAINTIES: tuple[Certainty, ...] = ("certain", "probable", "possible", "conditional")


def content_hash(text: str) -> str:
    """Identity of an article's content: the same text ingested twice is the same document."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PublishedDate:
    """A document date with the precision it was given in: month precision never gains a day."""

    text: str
    value: str  # "2024-10" or "2024-10-25" or "2024"
    precision: DatePrecision

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if self.precision in ("month", "day") else None

    @property
    def day(self) -> int | None:
        return int(self.value[8:10]) if self.precision == "day" else None


@dataclass
class Document:
    """One article, as every reader yields it."""

    name: str  # stable name: the file's base name, or the article's URL for multi-article files
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None  # who wrote or issued it (a byline, a statement's issuer): the document's own voice
    published: PublishedDate | None = None
    id: str = ""  # set by the pipeline (d1, d2, ...) or the store
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def voice(self) -> Source:
        """Who speaks in the document's own, unattributed sentences: its author, else its outlet."""
        return Source.author(self.author or self.outlet)

    @property
    def stable_id(self) -> str:
        """The id derived from the content: the same article gets the same id in every run and database."""
        return "d" + self.content_hash[:12]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": asdict(self.published) if self.published else None,
            "content_hash": self.content_hash,
        }


@dataclass
class Source:
    """Who makes a claim, or relays it. `name` is resolved ("Volodymyr Zelensky" for "he")."""

    name: str
    mention: str
    kind: SourceKind

    @classmethod
    def author(cls, name: str | None = None) -> Source:
        """A document's own voice (kind "author"), named after its author or outlet, else plain "author"."""
        return cls(name=name or UNKNOWN_AUTHOR, mention="", kind="author")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quantity:
    """A figure and what it counts: "at least 12,000 troops" -> 12000, troop, qualifier "at least"."""

    text: str
    value: float
    unit: str | None = None  # what is counted, singular lemma ("troop", "brigade")
    approximate: bool = False
    qualifier: str | None = None  # "at least", "about", "more than", "up to", ...
    low: float | None = None  # bounds implied by the qualifier or a range ("11,000 to 12,000")
    high: float | None = None
    event: str | None = None  # what happened to what is counted: "killed", "dispatched" (lemma)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if isinstance(self.value, float) and self.value.is_integer():
            data["value"] = int(self.value)
        return data


@dataclass
class Time:
    """A time expression with its TIMEX3 value resolved against the document date."""

    text: str
    value: str | None
    role: Literal["event", "statement"] = "event"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    text: str
    name: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Predicate:
    """A verb of the claim's content with its polarity and aspect: "didn't move ... already"."""

    lemma: str
    negated: bool = False
    aspect: str | None = None  # "already", "yet", "still", "no longer"
    # in a clause that describes a noun ("any operation that the rebels undertake", "an agent previously used
    # in ..."): the background of the claim, not what it says happened
    modifier: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    """One claim: who says what, how sure, through whom, about which figures, times and places."""

    document: str
    evidence: str  # the sentence(s) as in the input
    content: str
    source: Source
    start: int = 0  # character offsets of the evidence in the document text
    end: int = 0
    via: list[Source] = field(default_factory=list)
    cue: str | None = None
    stance: Stance = "asserts"
    certainty: Certainty = "certain"
    quote: QuoteKind = "none"
    quantities: list[Quantity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    predicates: list[Predicate] = field(default_factory=list)
    caption: bool = False
    id: str = ""
    paragraph: int = 0
    sentence: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document,
            "evidence": self.evidence,
            "content": self.content,
            "source": self.source.to_json(),
            "via": [v.to_json() for v in self.via],
            "cue": self.cue,
            "stance": self.stance,
            "certainty": self.certainty,
            "quote": self.quote,
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
            "places": [p.to_json() for p in self.places],
            "predicates": [p.to_json() for p in self.predicates],
            "caption": self.caption,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
        }


@dataclass
class Relation:
    """Two claims that cannot both be true (contradicts) or that independent sources share."""

    kind: RelationKind
    a: str
    b: str
    basis: str  # quantity | status | polarity | same report | ...
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Proposition:
    """Claims, from one or many documents, about the same thing ("North Korea has sent troops to Russia")."""

    id: str
    label: str
    claims: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Ledger:
    documents: list[Document] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)

    def extend(self, other: Ledger) -> None:
        self.documents.extend(other.documents)
        self.claims.extend(other.claims)
        self.relations.extend(other.relations)
        self.propositions.extend(other.propositions)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "documents": [d.to_json() for d in self.documents],
            "claims": [c.to_json() for c in self.claims],
            "relations": [r.to_json() for r in self.relations],
            "propositions": [p.to_json() for p in self.propositions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ledger:
        """Read back what `to_json` wrote (the store keeps claims in this form)."""
        documents = []
        for d in data.get("documents", []):
            published = PublishedDate(**d["published"]) if d.get("published") else None
            documents.append(
                Document(
                    id=d["id"], name=d["name"], text=d.get("text", ""), path=d.get("path"), url=d.get("url"),
                    title=d.get("title"), outlet=d.get("outlet"), author=d.get("author"), published=published,
                )
            )
        return cls(
            documents=documents,
            claims=[claim_from_json(c) for c in data.get("claims", [])],
            relations=[Relation(**r) for r in data.get("relations", [])],
            propositions=[Proposition(**p) for p in data.get("propositions", [])],
        )


def claim_from_json(c: dict[str, Any]) -> Claim:
    return Claim(
        id=c["id"], document=c["document"], evidence=c["evidence"], content=c["content"],
        source=Source(**c["source"]), via=[Source(**v) for v in c.get("via", [])], cue=c.get("cue"),
        stance=c["stance"], certainty=c["certainty"], quote=c["quote"],
        quantities=[Quantity(**q) for q in c.get("quantities", [])],
        times=[Time(**t) for t in c.get("times", [])],
        places=[Place(**p) for p in c.get("places", [])],
        predicates=[Predicate(**p) for p in c.get("predicates", [])],
        caption=c.get("caption", False), start=c.get("start", 0), end=c.get("end", 0),
        paragraph=c.get("paragraph", 0), sentence=c.get("sentence", 0),
    )
