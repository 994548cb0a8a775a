"""Across articles: link a new document's claims to the stored ones, incrementally.

For each new claim: embed it, compute its blocking keys, fetch the stored claims that share a key (a
bounded number per key), and compare it with those that are close in meaning or share a counted thing.
Findings become relations (the strongest per group, per pair of documents); claims that are about the
same thing are put in one proposition, merging propositions a new claim shows to be one. The same code
serves `claimgraph ingest` (a database) and `claimgraph extract` over several files (an in-memory one).

Linking only reads the store: what it finds comes back as a `Linking` that `Store.add_article` writes in
the article's own transaction, so no article is ever stored without its links.
"""

from __future__ import annotations

import re

import numpy as np

from ..model import Claim, Ledger, Relation
from ..store import Store
from ..store.index import Linking
from .blocking import blocking_keys, top_names
from .compare import (
    STORY_DOUBT_SIMILARITY,
    STORY_SIMILARITY,
    Finding,
    Kept,
    Pairing,
    compare_claims,
    dismisses_claims,
    keep_strongest,
    quantity_class,
)
from .embed import DIMENSIONS, embedder

__all__ = ["Linker", "claim_vectors"]

# Stored claims less similar than this are not compared at all: on the Wikinews corpus, pairs of claims
# below 0.5 that shared a figure's unit were about different events ("220 votes" vs "108 votes").
MIN_SIMILARITY = 0.5
MAX_COMPARED = 20  # the closest candidates of each new claim; bounds the work per article
# Within one story (articles whose mean claim vectors are this close), claims are compared from this lower
# similarity: successive reports of a toll say it in different words.
MIN_SIMILARITY_IN_STORY = 0.25
NAMED_STORY_SIMILARITY = 0.4
RIVALS_PER_ARTICLE = 2
MAX_STORY_CLAIMS = 600  # claims of the story's stored articles fetched as candidates, at most
UNNAMED_STORY_SIMILARITY = 0.78
STORY_BONUS = 0.3
# A new claim joins a stored proposition at this similarity (a relation to its claim counts 0.2 more).
SAME_PROPOSITION = 0.7
# Claims of one article join each other's proposition at this similarity (or through a relation).
WITHIN_SAME_PROPOSITION = 0.75
LABEL_LENGTH = 120


class Linker:
    def __init__(self, store: Store, per_key: int = 40) -> None:
        self.store = store
        self.per_key = per_key

    def link(self, ledger: Ledger, within: list[Relation] | None = None, vectors: np.ndarray | None = None) -> Linking:
        """Link the claims of one document (the ledger of `pipeline.extract`) to everything stored; the
        document itself need not be stored yet, and nothing is written. `vectors` are the ledger's
        `claim_vectors`, when the process that extracted it computed them."""
        document = ledger.documents[0]
        claims = _linked(ledger)
        if not claims:
            return Linking(document.id)
        vectors = claim_vectors(ledger) if vectors is None else vectors
        keys = {c.id: blocking_keys(c, v) for c, v in zip(claims, vectors, strict=True)}
        index = self.store.index
        topic = _unit_vector(vectors.mean(axis=0))
        names = top_names(claims)
        # the stored articles of this story (about the same names, close as wholes): all their claims are
        # candidates, since successive reports of one event share few words
        story_documents = index.documents_named(names, document.id)
        stories = self._stories(story_documents, topic, names)
        story_claims = index.claim_ids_of([d for d, s in stories.items() if s >= STORY_SIMILARITY], MAX_STORY_CLAIMS)
        posting = index.candidates(sorted(set().union(*keys.values())), document.id, self.per_key)
        candidate_ids = sorted(set().union(*posting.values(), story_claims))
        stored_vectors = index.vectors(candidate_ids)
        candidates = _Candidates(posting, story_claims, stored_vectors, index.documents_of(list(stored_vectors)))
        other_documents = sorted(set(candidates.documents.values()))
        dates = self.store.published(other_documents)
        stories.update(self._stories([d for d in other_documents if d not in stories], topic, names))
        here = document.published.value if document.published else None
        own = {document.id: document.published}
        shortlists = [candidates.shortlist(keys[c.id], v, stories, whole_story=dismisses_claims(c))
                      for c, v in zip(claims, vectors, strict=True)]
        compared = {c.id: c for c in self.store.claims_by_id(sorted({i for s in shortlists for i, _ in s}))}
        existing = index.propositions_of(list(compared))

        best: Kept = {}
        joins: dict[str, str] = {}  # new claim id -> proposition it joins
        for claim, shortlist in zip(claims, shortlists, strict=True):
            match, match_score = None, 0.0
            # a dismissal ("rejected the claim from Valoria as groundless") answers claims it need not resemble
            dismissal = dismisses_claims(claim)
            for other_id, similarity in shortlist:
                other = compared[other_id]
                story = stories.get(other.document, 0.0)
                in_story = story >= STORY_SIMILARITY
                if similarity < (MIN_SIMILARITY_IN_STORY if in_story else MIN_SIMILARITY) and not (
                    in_story and (_counts_alike(claim, other) or dismissal)
                ):
                    continue
                pairing = Pairing(similarity=similarity, dates=(_date(dates, other), _date(own, claim) or here),
                                  documents=f"{other.document}|{claim.document}", story=story)
                findings = compare_claims(other, claim, pairing)
                for finding in findings[:1]:
                    _keep(best, finding, other, claim)
                score = similarity + (0.2 if findings else 0.0)
                if other.id in existing and score > match_score and score >= SAME_PROPOSITION:
                    match, match_score = existing[other.id], score
            if match is not None:
                joins[claim.id] = match

        self._within_polarity(claims, vectors, within or [], best)
        result = Linking(
            document.id, keys=keys, vectors=dict(zip([c.id for c in claims], vectors, strict=True)), topic=topic,
            names=names, relations=[
                Relation(kind=f.kind, a=a.id, b=b.id, basis=f.basis, explanation=f.explanation)  # type: ignore[arg-type]
                for kept in best.values() for f, a, b in kept
            ])
        self._propositions(claims, vectors, within or [], joins, result)
        return result

    def _within_polarity(self, claims: list[Claim], vectors: np.ndarray, within: list[Relation],
                         best: Kept) -> None:
        """Denials and doubts of this article that words alone left unanswered, matched by meaning:
        "no traces of poison were found" against "he had been poisoned"."""
        answered = {c for r in within if r.basis == "polarity" for c in (r.a, r.b)}
        similarities = vectors @ vectors.T
        for i, doubt in enumerate(claims):
            if doubt.stance not in ("denies", "doubts") or doubt.id in answered:
                continue
            for j, other in enumerate(claims):
                if other.stance != "asserts" or similarities[i, j] < STORY_DOUBT_SIMILARITY:
                    continue
                pairing = Pairing(similarity=float(similarities[i, j]), documents=f"{doubt.document}|same", story=1.0)
                for finding in compare_claims(doubt, other, pairing)[:1]:
                    if finding.basis == "polarity":
                        _keep(best, finding, doubt, other)

    def _stories(self, document_ids: list[str], topic: np.ndarray, names: list[str]) -> dict[str, float]:
        """How surely each stored article reports this one's story (see `_story`)."""
        named = self.store.index.document_names(document_ids)
        return {d: _story(float(v @ topic), named.get(d, set()) & set(names))
                for d, v in self.store.index.document_vectors(document_ids).items()}

    def _propositions(self, claims: list[Claim], vectors: np.ndarray, within: list[Relation],
                      joins: dict[str, str], result: Linking) -> None:
        """Each claim joins the stored proposition it matches best; claims of this article that match
        none join the proposition of a related or near-identical claim of the same article, else start
        their own. No proposition is ever merged into another: chains of "similar to" would otherwise
        grow one proposition over a whole corpus."""
        related: dict[str, set[str]] = {c.id: set() for c in claims}
        for relation in within:
            if relation.a in related and relation.b in related:
                related[relation.a].add(relation.b)
                related[relation.b].add(relation.a)
        similarities = vectors @ vectors.T
        for i, claim in enumerate(claims):
            for j in range(i):
                if similarities[i, j] >= WITHIN_SAME_PROPOSITION:
                    related[claim.id].add(claims[j].id)
        for claim in claims:
            proposition = joins.get(claim.id) or next(
                (result.propositions[other] for other in sorted(related[claim.id]) if other in result.propositions),
                None)
            if proposition is None:
                proposition = f"p-{claim.id}"
                result.labels[proposition] = _label(claim)
            result.propositions[claim.id] = proposition


class _Candidates:
    """The stored claims that a new article's claims may be compared with, known by their vectors and
    documents: an article has thousands of candidates in a large store and compares a few hundred of them,
    so only those are read as claims."""

    def __init__(self, posting: dict[str, list[str]], story: list[str], vectors: dict[str, np.ndarray],
                 documents: dict[str, str]) -> None:
        self.posting = posting  # blocking key -> claim ids, newest first
        self.story = story  # claims of the stored articles of this story
        self.documents = documents  # claim id -> document id, for the stored claims that have a vector
        self._rows = {claim_id: row for row, claim_id in enumerate(documents)}
        self._matrix = np.vstack([vectors[i] for i in documents]) if documents else np.zeros((0, DIMENSIONS))

    def shortlist(self, keys: set[str], vector: np.ndarray, stories: dict[str, float],
                  whole_story: bool = False) -> list[tuple[str, float]]:
        """The `MAX_COMPARED` candidates of one new claim, with their similarities: claims of the same story
        first, then by their own similarity. With `whole_story` (a dismissal of another party's claims),
        every claim of the story's articles too."""
        pool = [i for i in dict.fromkeys([*(i for k in keys for i in self.posting[k]), *self.story]) if i in self._rows]
        if not pool:
            return []
        similarities = self._matrix[[self._rows[i] for i in pool]] @ vector
        ranking = similarities + np.array([STORY_BONUS * (stories.get(self.documents[i], 0) >= STORY_SIMILARITY)
                                           for i in pool])
        chosen = list(np.argsort(-ranking)[:MAX_COMPARED])
        if whole_story:
            chosen += [p for p in np.argsort(-ranking)[MAX_COMPARED:]
                       if stories.get(self.documents[pool[p]], 0) >= STORY_SIMILARITY]
        return [(pool[p], float(similarities[p])) for p in chosen]


def _linked(ledger: Ledger) -> list[Claim]:
    """The claims that linking compares: captions describe a picture, they claim nothing."""
    return [c for c in ledger.claims if not c.caption]


def claim_vectors(ledger: Ledger) -> np.ndarray:
    """The embeddings `Linker.link` compares, one row per claim that is not a caption, in order."""
    return embedder()([c.content for c in _linked(ledger)])


def _date(dates: dict, claim: Claim) -> str | None:
    """When a claim's figure held: the first day it names ("as of Monday"), else its article's date."""
    named = next((t.value for t in claim.times if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value)), None)
    published = dates.get(claim.document)
    return named or (published.value if published else None)


def _keep(best: Kept, finding: Finding, a: Claim, b: Claim) -> None:
    """For a new figure, its few closest rivals in one earlier article (a report often gives a figure and an
    earlier one: "62 dead", "53 deaths earlier this week"); for everything else, the strongest finding."""
    across = finding.basis == "quantity" and a.document != b.document
    keep_strongest(best, finding, a, b, RIVALS_PER_ARTICLE if across else 1)


def _counts_alike(a: Claim, b: Claim) -> bool:
    """Both give a figure of the same kind (deaths, cases...): within one story, always worth comparing."""
    kinds = {quantity_class(q) for q in a.quantities} - {None}
    return bool(kinds & {quantity_class(q) for q in b.quantities})


def _story(similarity: float, shared_names: set[str]) -> float:
    """How surely two articles report one story, as the similarity that counts: articles about the same
    names need less closeness (two reports of one crash, 0.45) than articles sharing none (two outbreaks of
    different diseases reach 0.7). Read off the pairs of tests/gold/stories-dev.json."""
    if shared_names and similarity >= NAMED_STORY_SIMILARITY:
        return max(similarity, STORY_SIMILARITY)
    return similarity if similarity >= UNNAMED_STORY_SIMILARITY else 0.0


def _unit_vector(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _label(claim: Claim) -> str:
    text = " ".join(claim.content.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"
