"""Terminal views of a ledger: the claims table and the contradictions, with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import Claim, Ledger, Quantity, Relation

__all__ = ["claims_table", "print_disputes", "print_ledger"]

STANCE_STYLE = {"asserts": "green", "denies": "red", "doubts": "yellow", "declines": "magenta"}


def _figure(q: Quantity) -> str:
    return q.text + (f" [{q.unit}]" if q.unit else "")


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def claims_table(claims: list[Claim], title: str = "Claims") -> Table:
    table = Table(title=title, show_lines=True, expand=True)
    for column, ratio in (("source (via)", 3), ("stance", 2), ("claim", 8), ("figures · times", 3)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for claim in claims:
        if claim.caption:
            continue
        source = claim.source.name if claim.source.kind != "author" else "[dim](author)[/dim]"
        if claim.via:
            source += "\n[dim]via " + " → ".join(v.name for v in claim.via) + "[/dim]"
        cue = f"\n[dim]{claim.quote} · cue: {claim.cue}[/dim]" if claim.cue else ""
        details = [_figure(q) for q in claim.quantities] + [f"{t.text} = {t.value}" for t in claim.times if t.value]
        table.add_row(
            source,
            f"[{STANCE_STYLE[claim.stance]}]{claim.stance}[/]\n{claim.certainty}",
            _short(claim.content) + cue,
            "\n".join(details),
        )
    return table


def _claim_line(claim: Claim) -> str:
    via = f" (via {' → '.join(v.name for v in claim.via)})" if claim.via else ""
    return f"[bold]{claim.source.name}[/bold]{via} {claim.stance}: {_short(claim.content, 140)}"


def print_disputes(console: Console, claims: list[Claim], relations: list[Relation]) -> None:
    by_id = {c.id: c for c in claims}
    contradictions = [r for r in relations if r.kind == "contradicts" and r.a in by_id and r.b in by_id]
    if not contradictions:
        console.print("No contradictions found.")
        return
    console.rule(f"Contradictions ({len(contradictions)})")
    for relation in contradictions:
        console.print(f"[red]✗ {relation.basis}[/red]: {relation.explanation}")
        console.print("   ", _claim_line(by_id[relation.a]))
        console.print("   ", _claim_line(by_id[relation.b]))
    corroborations = [r for r in relations if r.kind == "corroborates" and r.a in by_id and r.b in by_id]
    if corroborations:
        console.rule(f"Corroborations ({len(corroborations)})")
        for relation in corroborations:
            console.print(f"[green]✓ {relation.basis}[/green]: {relation.explanation}")
            console.print("   ", _claim_line(by_id[relation.a]))
            console.print("   ", _claim_line(by_id[relation.b]))


def print_ledger(console: Console, ledger: Ledger) -> None:
    for document in ledger.documents:
        claims = [c for c in ledger.claims if c.document == document.id]
        date = document.published.value if document.published else "undated"
        console.print(claims_table(claims, title=f"{document.title or document.name} ({date})"))
        captions = [c for c in claims if c.caption]
        for caption in captions:
            console.print(f"[dim]caption (not a claim): {_short(caption.evidence, 200)}[/dim]")
    print_disputes(console, ledger.claims, ledger.relations)
