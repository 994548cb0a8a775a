"""Terminal views of a ledger: the claims table and the contradictions, with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import CERTAINTIES, STANCES, UNKNOWN_AUTHOR, Claim, Ledger, Proposition, Quantity, Relation
from ..store.queries import DocumentHead
from .board import Dispute
from .export import words
from .views import TimelineRow

__all__ = ["claims_table", "print_dispute_board", "print_disputes", "print_ledger", "print_polnear", "print_timeline"]

STANCE_STYLE = {"asserts": "green", "denies": "red", "doubts": "yellow", "declines": "magenta"}


def _figure(q: Quantity) -> str:
    return escape(q.text + (f" ({q.unit})" if q.unit else ""))


def _short(text: str, limit: int = 160) -> str:
    """Article text, shortened and escaped: brackets in a story must not be read as rich markup."""
    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def claims_table(claims: list[Claim], title: str = "Claims", documents: dict[str, DocumentHead] | None = None) -> Table:
    """Claims with, given their `documents`, the date and article (headline, outlet) of each. Dates, stances
    and certainties never wrap inside a word: their columns are as wide as their longest value."""
    table = Table(title=title, show_lines=True, expand=True)
    if documents is not None:
        table.add_column("date", no_wrap=True)
        table.add_column("article", ratio=3, overflow="fold")
    table.add_column("source (via)", ratio=3, overflow="fold")
    table.add_column("stance", no_wrap=True, min_width=len(max((*STANCES, *CERTAINTIES), key=len)))
    table.add_column("claim", ratio=8, overflow="fold")
    table.add_column("figures · times", ratio=3, overflow="fold")
    for claim in claims:
        if claim.caption:
            continue
        source = escape(claim.source.name)
        if claim.source.kind == "author":  # the article's own voice, named after its author or outlet when known
            source = "[dim](author)[/dim]" if claim.source.name == UNKNOWN_AUTHOR else f"{source} [dim](author)[/dim]"
        if claim.via:
            source += "\n[dim]via " + " → ".join(escape(v.name) for v in claim.via) + "[/dim]"
        cue = f"\n[dim]{claim.quote} · cue: {claim.cue}[/dim]" if claim.cue else ""
        details = [_figure(q) for q in claim.quantities] + [f"{t.text} = {t.value}" for t in claim.times if t.value]
        cells = [source, f"[{STANCE_STYLE[claim.stance]}]{claim.stance}[/]\n{claim.certainty}",
                 _short(claim.content) + cue, "\n".join(details)]
        if documents is not None:
            head = documents.get(claim.document)
            article = f"{_short(head.headline, 80)}\n[dim]{escape(head.outlet or '')}[/dim]" if head else claim.document
            cells[:0] = [head.date or "" if head else "", article]
        table.add_row(*cells)
    return table


def _claim_line(claim: Claim) -> str:
    via = f" (via {' → '.join(escape(v.name) for v in claim.via)})" if claim.via else ""
    return f"[bold]{escape(claim.source.name)}[/bold]{via} {claim.stance}: {_short(claim.content, 140)}"


def print_disputes(console: Console, claims: list[Claim], relations: list[Relation]) -> None:
    by_id = {c.id: c for c in claims}
    contradictions = [r for r in relations if r.kind == "contradicts" and r.a in by_id and r.b in by_id]
    if not contradictions:
        console.print("No contradictions found.")
        return
    console.rule(f"Contradictions ({len(contradictions)})")
    for relation in contradictions:
        console.print(f"[red]✗ {relation.basis}[/red]: {escape(relation.explanation)}")
        console.print("   ", _claim_line(by_id[relation.a]))
        console.print("   ", _claim_line(by_id[relation.b]))
    corroborations = [r for r in relations if r.kind == "corroborates" and r.a in by_id and r.b in by_id]
    if corroborations:
        console.rule(f"Corroborations ({len(corroborations)})")
        for relation in corroborations:
            console.print(f"[green]✓ {relation.basis}[/green]: {escape(relation.explanation)}")
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


def _named(claim: Claim | None, claim_id: str) -> str:
    """A claim named in a relation: its source and first words, not its id."""
    return f"[bold]{escape(claim.source.name)}[/bold]: “{escape(words(claim))}”" if claim else escape(claim_id)


def print_dispute_board(console: Console, board: list[Dispute]) -> None:
    """Each disputed proposition: who says what, when, with which figures, and why they conflict."""
    if not board:
        console.print("No disputed propositions.")
        return
    for dispute in board:
        console.rule(f"[bold]{escape(dispute.proposition.label)}[/bold]  [dim]{dispute.proposition.id}[/dim]")
        table = Table(show_header=True, expand=True, box=None)
        table.add_column("date", no_wrap=True)
        table.add_column("source (via)", ratio=3, overflow="fold")
        table.add_column("stance", no_wrap=True)
        table.add_column("claim", ratio=8, overflow="fold")
        table.add_column("figures", ratio=2, overflow="fold")
        for claim in dispute.claims:
            via = f"\n[dim]via {' → '.join(escape(v.name) for v in claim.via)}[/dim]" if claim.via else ""
            head = dispute.documents.get(claim.document)
            outlet = f"\n[dim]{escape(head.outlet)}[/dim]" if head and head.outlet else ""
            table.add_row(dispute.dates.get(claim.id) or "", escape(claim.source.name) + via + outlet,
                          f"[{STANCE_STYLE[claim.stance]}]{claim.stance}[/]\n{claim.certainty}",
                          _short(claim.content, 200), "\n".join(_figure(q) for q in claim.quantities))
        console.print(table)
        by_id = {c.id: c for c in dispute.claims}
        for mark, relations in (("[red]✗", dispute.contradictions), ("[green]✓", dispute.corroborations)):
            for relation in relations:
                console.print(f"  {mark} {relation.basis}[/]: {escape(relation.explanation)}")
                console.print(f"      {_named(by_id.get(relation.a), relation.a)}  vs  "
                              f"{_named(by_id.get(relation.b), relation.b)}")


def print_timeline(console: Console, proposition: Proposition, rows: list[TimelineRow]) -> None:
    table = Table(title=f"{proposition.label} ({proposition.id})", expand=True)
    for column, ratio in (("date", 2), ("source", 3), ("figures", 3), ("stance", 1), ("claim", 8)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        figures = [_figure(q) for q in row.claim.quantities] + (["[bold]revision[/bold]"] if row.revises else [])
        table.add_row(row.date or "undated", escape(row.claim.source.name), "\n".join(figures), row.claim.stance,
                      _short(row.claim.content, 160))
    console.print(table if rows else f"No figures in proposition {proposition.id}.")


def print_polnear(console: Console, figures: dict) -> None:
    """P / R / F1 per role and mode, then content recall by quotation type."""
    table = Table(title=f"PolNeAR {figures.get('split', '')}: precision / recall / F1", expand=False)
    table.add_column("match")
    roles = ("source", "cue", "content", "attribution")
    for role in roles:
        table.add_column(role, justify="right")
    for mode in ("exact", "exact_trimmed", "overlap"):
        if mode in figures:
            cells = [figures[mode][role] for role in roles]
            table.add_row(mode, *(f"{c['p']:.1f} / {c['r']:.1f} / {c['f1']:.1f}" for c in cells))
    console.print(table)
    types = figures.get("content_types", {})
    for mode, split in types.items():
        console.print(f"content {mode}: " + ", ".join(f"{kind} R {v['r']:.1f} F1 {v['f1']:.1f}"
                                                      for kind, v in split.items()))


def print_emergent(console: Console, figures: dict) -> None:
    """Accuracy, P / R / F1 per label, and the confusion matrix (rows gold, columns predicted)."""
    baseline = figures["majority_baseline"]
    console.print(f"Emergent {figures.get('split', '')}: accuracy {figures['accuracy']:.2f} on {figures['pairs']} "
                  f"headlines (macro F1 {figures['macro_f1']:.2f}; always {baseline['label']!r}: "
                  f"{baseline['accuracy']:.2f})", highlight=False, soft_wrap=True)
    labels = list(figures["confusion"])
    table = Table(title="per label, and predicted labels by gold label", expand=False)
    for column in ("gold", "P", "R", "F1", *(f"-> {label}" for label in labels)):
        table.add_column(column, justify="left" if column == "gold" else "right")
    for label in labels:
        scores = figures["per_label"][label]
        table.add_row(label, *(f"{scores[k]:.1f}" for k in ("p", "r", "f1")),
                      *(str(figures["confusion"][label][other]) for other in labels))
    console.print(table)
