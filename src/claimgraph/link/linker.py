"""Across articles: link a new document's claims to the stored ones, incrementally.

For each new claim: embed it, compute its blocking keys, fetch the stored claims that share a key (a
bounded number per key), and compare it with those that are close in meaning or share a counted thing.
Findings become relations (the strongest per group, per pair of documents); claims that are about the
same thing are put in one proposition, merging propositions a new claim shows to be one. The same code
serves `claimgraph ingest` (a database) and `claimgraph extract` over several files (an in-memory one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import Claim, Ledger, Relation
from ..store import Store
from .blocking import blocking_keys
from .compare import Finding, Pairing, compare_claims, unit_of
from .embed import embedder

__all__ = ["LinkResult", "Linker"]

# Candidates below this similarity are compared only when they share a counted unit: calibrated on the
# founding article and the Wikinews dev stories, where rival claims about one event score 0.35-0.8.
MIN_SIMILARITY = 0.35
# Claims at least this close in meaning are about the same thing even without a relation between them.
SAME_PROPOSITION = 0.7
LABEL_LENGTH = 120


@dataclass
class LinkResult:
    relations: list[Relation] = field(default_factory=list)
    propositions: dict[str, str] = field(default_factory=dict)  # claim id -> proposition id


class _Groups:
    """Union-find over claim ids and proposition ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # propositions that already exist win over new claims, older ones over newer
            keep, drop = sorted((ra, rb), key=lambda x: (not x.startswith("p-"), x))
            self.parent[drop] = keep


class Linker:
    def __init__(self, store: Store, per_key: int = 40) -> None:
        self.store = store
        self.per_key = per_key

    def link(self, ledger: Ledger, within: list[Relation] | None = None) -> LinkResult:
        """Link the claims of one stored document (the ledger of `pipeline.extract`) to everything stored."""
        document = ledger.documents[0]
        claims = [c for c in ledger.claims if not c.caption]
        if not claims:
            return LinkResult()
        vectors = embedder()([c.content for c in claims])
        keys = {c.id: blocking_keys(c, v) for c, v in zip(claims, vectors, strict=True)}
        index = self.store.index
        candidate_ids = index.candidates(set().union(*keys.values()), document.id, self.per_key)
        candidates = self.store.claims_by_id(candidate_ids)
        stored_vectors = index.vectors([c.id for c in candidates])
        candidates = [c for c in candidates if c.id in stored_vectors]
        dates = self.store.published(sorted({c.document for c in candidates}))
        here = document.published.value if document.published else None

        groups = _Groups()
        best: dict[str, tuple[Finding, Claim, Claim]] = {}
        if candidates:
            matrix = np.vstack([stored_vectors[c.id] for c in candidates])
            for claim, vector in zip(claims, vectors, strict=True):
                similarities = matrix @ vector
                for other, similarity in zip(candidates, similarities, strict=True):
                    self._compare(claim, other, float(similarity), keys[claim.id], (here, _date(dates, other)),
                                  groups, best)
        for relation in within or []:
            groups.union(relation.a, relation.b)
        self._group_within(claims, vectors, groups)

        existing = index.propositions_of([c.id for c in candidates])
        for claim_id, proposition in existing.items():
            groups.union(claim_id, proposition)
        result = LinkResult(relations=[
            Relation(kind=f.kind, a=a.id, b=b.id, basis=f.basis, explanation=f.explanation)  # type: ignore[arg-type]
            for f, a, b in best.values()
        ])
        labels: dict[str, str] = {}
        for claim in claims:
            root = groups.find(claim.id)
            proposition = root if root.startswith("p-") else f"p-{root}"
            result.propositions[claim.id] = proposition
            if not root.startswith("p-"):
                labels.setdefault(proposition, _label(claim))
        for old in {groups.find(p) for p in existing.values()}:
            merged = [p for p in set(existing.values()) if groups.find(p) == old and p != old]
            index.merge(old, merged)
        index.add(keys, dict(zip([c.id for c in claims], vectors, strict=True)))
        index.assign(result.propositions, labels)
        if result.relations:
            self.store.add_relations(result.relations)
        return result

    def _compare(self, claim: Claim, other: Claim, similarity: float, claim_keys: set[str],
                 dates: tuple[str | None, str | None], groups: _Groups,
                 best: dict[str, tuple[Finding, Claim, Claim]]) -> None:
        shares_unit = any(k.startswith("unit:") and k in claim_keys for k in _units(other))
        if similarity < MIN_SIMILARITY and not shares_unit:
            return
        pairing = Pairing(similarity=similarity, dates=dates, documents=f"{claim.document}|{other.document}")
        findings = compare_claims(other, claim, pairing)
        if findings or similarity >= SAME_PROPOSITION:
            groups.union(claim.id, other.id)
        for finding in findings[:1]:
            if finding.group not in best or finding.strength > best[finding.group][0].strength:
                best[finding.group] = (finding, other, claim)

    def _group_within(self, claims: list[Claim], vectors: np.ndarray, groups: _Groups) -> None:
        """Claims of one article that say nearly the same thing belong to one proposition."""
        similarities = vectors @ vectors.T
        for i in range(len(claims)):
            for j in range(i + 1, len(claims)):
                if similarities[i, j] >= SAME_PROPOSITION:
                    groups.union(claims[i].id, claims[j].id)


def _units(claim: Claim) -> set[str]:
    return {f"unit:{unit_of(q)}" for q in claim.quantities if unit_of(q)}


def _date(dates: dict, claim: Claim) -> str | None:
    published = dates.get(claim.document)
    return published.value if published else None


def _label(claim: Claim) -> str:
    text = " ".join(claim.content.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"
