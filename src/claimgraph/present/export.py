"""Claims, relations and disputes as the API's JSON items and as flat rows for CSV: one place, so that the
API's answers, its `?format=csv` and `claimgraph export` say the same things with the same words.

Every claim names its article (headline, outlet, date) and the page of its highlighted evidence; every
relation names both claims by source and words, not only by id. CSV cells are article text, which is
hostile: a cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return, and not a number) gets a leading apostrophe, the usual defence, so that it shows as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import quote

from ..model import Claim, Document, Relation
from ..store import Store, queries
from ..store.flat import flat_claim
from ..store.queries import MAX_LIMIT, ClaimFilter, DocumentHead
from .board import Dispute, DisputeFilter, relations
from .views import claim_date, is_revision

__all__ = [
    "CLAIM_COLUMNS",
    "DISPUTE_COLUMNS",
    "RELATION_COLUMNS",
    "article_json",
    "claim_json",
    "claim_page",
    "claim_row",
    "claim_rows",
    "csv_lines",
    "dispute_json",
    "dispute_row",
    "document_json",
    "document_page",
    "evidence_page",
    "proposition_page",
    "relation_json",
    "relation_row",
    "relation_rows",
    "words",
]

WORDS = 14  # a claim named in a relation: its first words, enough to recognise it beside its source


def document_page(document_id: str) -> str:
    return f"/documents/{quote(document_id, safe='')}"


def claim_page(claim: Claim) -> str:
    """Where a claim is shown: its document page, anchored at the claim's highlighted evidence."""
    return evidence_page(claim.document, claim.id)


def evidence_page(document_id: str, claim_id: str) -> str:
    return f"{document_page(document_id)}#{quote(claim_id, safe='')}"


def proposition_page(proposition_id: str) -> str:
    return f"/propositions/{quote(proposition_id, safe='')}"


def words(claim: Claim, limit: int = WORDS) -> str:
    """The claim's first words ("at least 25 people had died in the landslides, more than …")."""
    split = claim.content.split()
    return " ".join(split[:limit]) + (" …" if len(split) > limit else "")


def document_json(document: Document) -> dict[str, Any]:
    return {**document.to_json(), "page": document_page(document.id)}


def article_json(head: DocumentHead | None) -> dict[str, Any] | None:
    if head is None:
        return None
    return {"id": head.id, "headline": head.headline, "outlet": head.outlet, "date": head.date,
            "page": document_page(head.id)}


def claim_json(claim: Claim, head: DocumentHead | None = None) -> dict[str, Any]:
    """The claim, the page of its evidence and, given its article's head, the article."""
    out = {**claim.to_json(), "page": claim_page(claim)}
    if head is not None:
        out["article"] = article_json(head)
    return out


def _end(claim: Claim | None) -> dict[str, Any] | None:
    if claim is None:
        return None
    return {"id": claim.id, "source": claim.source.name, "words": words(claim), "page": claim_page(claim)}


def relation_json(relation: Relation, claims: dict[str, Claim]) -> dict[str, Any]:
    """The relation, whether it is a revision, and both claims by source, first words and evidence page."""
    return {**relation.to_json(), "revision": is_revision(relation),
            "claim_a": _end(claims.get(relation.a)), "claim_b": _end(claims.get(relation.b))}


def dispute_json(dispute: Dispute) -> dict[str, Any]:
    by_id = {c.id: c for c in dispute.claims}
    return {
        "proposition": dispute.proposition.to_json(), "page": proposition_page(dispute.proposition.id),
        "source_pairs": dispute.source_pairs,
        "claims": [claim_json(c, dispute.documents.get(c.document)) for c in dispute.claims],
        "contradictions": [relation_json(r, by_id) for r in dispute.contradictions],
        "corroborations": [relation_json(r, by_id) for r in dispute.corroborations], "dates": dispute.dates,
    }


CLAIM_COLUMNS = ("id", "document", "headline", "outlet", "date", "claim_date", "source", "source_kind", "via",
                 "cue", "stance", "certainty", "quote", "caption", "content", "figures", "figure_value", "times",
                 "places", "evidence", "page")
RELATION_COLUMNS = ("kind", "basis", "revision", "explanation", "proposition", "a", "a_source", "a_outlet",
                    "a_date", "a_words", "a_page", "b", "b_source", "b_outlet", "b_date", "b_words", "b_page")
DISPUTE_COLUMNS = ("proposition", "label", "contradictions", "corroborations", "source_pairs", "sources",
                   "outlets", "bases", "documents", "first", "last", "page")


def claim_row(claim: Claim, head: DocumentHead | None, claim_date: str | None = None) -> dict[str, Any]:
    return {
        "id": claim.id, "document": claim.document, "headline": head.headline if head else None,
        "outlet": head.outlet if head else None, "date": head.date if head else None,
        "claim_date": claim_date, "source": claim.source.name, "source_kind": claim.source.kind,
        "cue": claim.cue, "stance": claim.stance, "certainty": claim.certainty, "quote": claim.quote,
        "caption": claim.caption, "content": claim.content, "evidence": claim.evidence, "page": claim_page(claim),
        **flat_claim(claim),
    }


def relation_row(relation: Relation, claims: dict[str, Claim], heads: dict[str, DocumentHead],
                 proposition: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": relation.kind, "basis": relation.basis, "revision": is_revision(relation),
                           "explanation": relation.explanation, "proposition": proposition}
    for end, claim_id in (("a", relation.a), ("b", relation.b)):
        claim = claims.get(claim_id)
        head = heads.get(claim.document) if claim else None
        row.update({end: claim_id, f"{end}_source": claim.source.name if claim else None,
                    f"{end}_outlet": head.outlet if head else None, f"{end}_date": head.date if head else None,
                    f"{end}_words": words(claim) if claim else None,
                    f"{end}_page": claim_page(claim) if claim else None})
    return row


def all_claims(store: Store, wanted: ClaimFilter) -> Iterator[tuple[Claim, DocumentHead | None]]:
    """Every claim that passes the filter (not one page), with its article, read a page at a time."""
    at = 0
    while True:
        claims, total = queries.search_claims(store, replace(wanted, limit=MAX_LIMIT, offset=at))
        heads = queries.document_heads(store, [c.document for c in claims])
        yield from ((claim, heads.get(claim.document)) for claim in claims)
        at += len(claims)
        if not claims or at >= total:
            return


def claim_rows(store: Store, wanted: ClaimFilter) -> Iterator[dict[str, Any]]:
    for claim, head in all_claims(store, wanted):
        yield claim_row(claim, head, claim_date(claim, head.date if head else None))


def relation_rows(store: Store, wanted: DisputeFilter, kind: str | None = None) -> Iterator[dict[str, Any]]:
    """Every relation (of `kind`) that passes the board's filter, as flat rows with its proposition."""
    found, claims, heads = relations(store, wanted, kind)
    home = store.index.propositions_of(sorted({i for r in found for i in (r.a, r.b)}))
    for relation in found:
        yield relation_row(relation, claims, heads, home.get(relation.a) or home.get(relation.b))


def dispute_row(dispute: Dispute) -> dict[str, Any]:
    return {
        "proposition": dispute.proposition.id, "label": dispute.proposition.label,
        "contradictions": len(dispute.contradictions), "corroborations": len(dispute.corroborations),
        "source_pairs": dispute.source_pairs,
        "sources": "; ".join(sorted({c.source.name for c in dispute.claims})),
        "outlets": "; ".join(sorted({h.outlet for h in dispute.documents.values() if h.outlet})),
        "bases": "; ".join(sorted({r.basis for r in dispute.contradictions})),
        "documents": len(dispute.documents), "first": dispute.first or None, "last": dispute.last or None,
        "page": proposition_page(dispute.proposition.id),
    }


def _cell(value: Any) -> Any:
    if not isinstance(value, str) or not value or value[0] not in "=+-@\t\r":
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def csv_lines(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then one CSV record per row (a generator, so a long export streams)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
