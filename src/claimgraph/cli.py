"""The command line: parse options, call ingest/pipeline/store, print. No logic of its own.

Bad inputs are reported one line each on stderr, naming the input, and the rest of the batch goes on;
the exit code is 1 when any input was rejected, 2 for a usage or configuration error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from .errors import ClaimgraphError, InputError
from .ingest import read_inputs
from .model import Document
from .present.tables import claims_table, print_dispute_board, print_ledger, print_timeline
from .settings import Settings
from .store import Store

app = typer.Typer(help="claimgraph: a ledger of who claims what in the news.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
out = Console()
err = Console(stderr=True)


class Format(StrEnum):
    json = "json"
    table = "table"


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj  # type: ignore[no-any-return]


def _report(error: InputError) -> None:
    err.print(f"error: {error}", highlight=False, markup=False, soft_wrap=True)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(help="SQLite path or database URL (default ./claimgraph.db).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name (default: en_core_web_sm if installed).")] = None,
    max_input_mb: Annotated[float | None, typer.Option(help="Refuse inputs larger than this many MB.")] = None,
    processes: Annotated[int | None, typer.Option(help="Worker processes for the NLP pipeline.")] = None,
) -> None:
    settings = Settings()
    if db:
        settings.db = db
    if model:
        settings.model = model
    if processes:
        settings.processes = processes
    if max_input_mb is not None:
        settings.max_input_bytes = int(max_input_mb * 1_000_000)
    ctx.obj = settings


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@dataclass
class _Counts:
    read: int = 0
    rejected: int = 0


def _documents(paths: list[str], settings: Settings, store: Store, counts: _Counts) -> Iterator[Document]:
    """The documents of `paths` as they are read (a corpus is never held whole); each input that cannot
    be read is reported and recorded in its place."""
    for item in read_inputs(paths, settings):
        if isinstance(item, InputError):
            _report(item)
            store.record_rejection(item.path, item.code, item.reason)
            counts.rejected += 1
        else:
            for warning in item.warnings:
                err.print(f"warning: {item.path or item.name}: {warning}", highlight=False, markup=False)
            counts.read += 1
            yield item


def _ingest_all(paths: list[str], settings: Settings, store: Store, link: bool,
                cluster: dict[str, Any] | None = None) -> tuple[int, int, int]:
    """Read, extract, store and link, on a Dask cluster when `cluster` holds its options (see
    `scale.dask.ingest`); bad inputs are reported and recorded. Returns how many documents were added,
    how many were already stored, and how many inputs were rejected."""
    from .pipeline import Ingested, ingest

    counts = _Counts()
    documents = _documents(paths, settings, store, counts)
    if cluster is None:
        results = ingest(documents, store, settings, link=link)
    else:
        from .scale.dask import ingest as ingest_on_cluster

        results = ingest_on_cluster(documents, store, settings, link=link, **cluster)
    added = failed = 0
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        for result in results:
            progress.advance(task)
            if isinstance(result, Ingested):
                added += result.new
            else:
                _report(result)
                failed += 1
    # a document already stored is not analysed again: whatever was read and not added was a copy
    return added, counts.read - added - failed, counts.rejected + failed


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders: text, JSONL, HTML, RSS/Atom, WARC.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the ledger here.")] = None,
    format: Annotated[Format, typer.Option("--format", help="json (claimgraph/v1) or table.")] = Format.json,
    link: Annotated[bool, typer.Option(help="Link claims across the articles (propositions, relations).")] = True,
) -> None:
    """Run the whole pipeline in memory (no database file) and write the ledger, cross-article relations
    and propositions included."""
    from .store import Store

    settings = _settings(ctx)
    with Store("sqlite://") as store:
        rejected = _ingest_all(paths, settings, store, link)[2]
        ledger = store.export()
    if format is Format.table:
        print_ledger(Console(file=output.open("w", encoding="utf-8")) if output else out, ledger)
    else:
        text = json.dumps(ledger.to_json(), ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    if output:
        err.print(f"{len(ledger.documents)} documents, {len(ledger.claims)} claims, {len(ledger.relations)} "
                  f"relations, {len(ledger.propositions)} propositions -> {output}", highlight=False)
    raise typer.Exit(1 if rejected else 0)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders to add to the database.")],
    link: Annotated[bool, typer.Option(help="Link the new claims with the stored ones.")] = True,
    engine: Annotated[Engine, typer.Option(help="local (this process, or --processes) or dask (a Dask cluster).")] = (
        Engine.local),
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: a running Dask scheduler's address (default: a cluster on this machine).")] = None,
    workers: Annotated[int | None, typer.Option(
        help="With --engine dask: the local cluster's worker processes (default: one per CPU), or with "
             "--scheduler how many workers to wait for.", min=1)] = None,
) -> None:
    """Extract claims, store and link them; an article already stored (same content) is skipped."""
    from .store import Store

    settings = _settings(ctx)
    if engine is Engine.local and (scheduler or workers):
        raise ClaimgraphError("--scheduler and --workers apply to --engine dask only")
    cluster = {"scheduler": scheduler, "workers": workers} if engine is Engine.dask else None
    with Store(settings.db) as store:
        added, skipped, rejected = _ingest_all(paths, settings, store, link, cluster)
    err.print(f"{added} documents added, {skipped} already stored, {rejected} rejected -> {settings.db}",
              highlight=False)
    raise typer.Exit(1 if rejected else 0)


@app.command("claims")
def list_claims(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option(help="Only claims whose source name or mention contains this.")] = None,
    document: Annotated[str | None, typer.Option(help="Only claims of this document (id or name).")] = None,
    stance: Annotated[str | None, typer.Option(help="asserts, denies, doubts or declines.")] = None,
) -> None:
    """List stored claims as a table."""
    from .store import Store

    with Store(_settings(ctx).db) as store:
        claims = store.claims(source=source, document=document, stance=stance)
    out.print(claims_table(claims, title=f"{len(claims)} claims"))


@app.command()
def disputes(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option(help="Only propositions whose claims mention all these words.")] = None,
) -> None:
    """Each disputed proposition: who says what, when, with which figures, and why they conflict."""
    from .present.views import disputes as board

    with Store(_settings(ctx).db) as store:
        print_dispute_board(out, board(store, topic))


@app.command()
def timeline(
    ctx: typer.Context,
    proposition: Annotated[str, typer.Argument(help="A proposition id (p-...) or words of its label.")],
) -> None:
    """The figures of one proposition by source and date."""
    from .present.views import find_proposition
    from .present.views import timeline as rows_of

    with Store(_settings(ctx).db) as store:
        found = find_proposition(store, proposition)
        if found is None:
            raise ClaimgraphError(f"no proposition matches {proposition!r}; `claimgraph disputes` lists them")
        print_timeline(out, found, rows_of(store, found))


evaluate_app = typer.Typer(help="Accuracy on public benchmarks.", no_args_is_help=True)
app.add_typer(evaluate_app, name="eval")


class Split(StrEnum):
    dev = "dev"
    test = "test"


@evaluate_app.command("polnear")
def eval_polnear(
    split: Annotated[Split, typer.Option(help="Which split to score (tune on dev, report test).")] = Split.dev,
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (train/dev/test).")] = Path("../shared/data/polnear"),
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the figures here as JSON.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
) -> None:
    """Attribution accuracy on PolNeAR: P/R/F1 of source, cue and content spans, exact and overlap."""
    from .evaluation.polnear import evaluate
    from .present.tables import print_polnear

    if not (data / split.value).is_dir():
        raise ClaimgraphError(f"no PolNeAR {split.value} split under {data}")
    figures = evaluate(split.value, data, limit=limit)
    print_polnear(out, figures)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


class EmergentSplit(StrEnum):
    train = "train"
    test = "test"


@evaluate_app.command("emergent")
def eval_emergent(
    ctx: typer.Context,
    split: Annotated[EmergentSplit, typer.Option(help="Which split to score (train on train, report test).")] = (
        EmergentSplit.test),
    data: Annotated[Path, typer.Option(help="The folder of emergent_clean-*.csv.")] = Path("../shared/data/stance"),
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the figures here as JSON.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N headlines.")] = None,
) -> None:
    """Headline stance on Emergent (for / against / observing), derived from each headline's ledger."""
    from .evaluation.emergent import evaluate
    from .present.tables import print_emergent

    if not (data / f"emergent_clean-{split.value}.csv").is_file():
        raise ClaimgraphError(f"no Emergent {split.value} split (emergent_clean-{split.value}.csv) under {data}")
    figures = evaluate(split.value, data, limit=limit, settings=_settings(ctx))
    print_emergent(out, figures)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", help="Only json (claimgraph/v1) for now.")] = Format.json,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
) -> None:
    """Export the whole database as a claimgraph/v1 JSON ledger."""
    from .store import Store

    if format is not Format.json:
        raise ClaimgraphError("export supports --format json only")
    with Store(_settings(ctx).db) as store:
        text = json.dumps(store.export().to_json(), ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


@app.command()
def serve(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(help="SQLite path or database URL (overrides the global --db).")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web pages and the JSON API (writes need $CLAIMGRAPH_API_TOKEN)."""
    import uvicorn

    from .present.api import create_app

    settings = _settings(ctx)
    uvicorn.run(create_app(db or settings.db, settings=settings), host=host, port=port)


def run() -> None:
    """Entry point: coded errors become one line on stderr, never a traceback."""
    try:
        app()
    except ClaimgraphError as error:
        err.print(f"error: {error}", highlight=False, markup=False)
        sys.exit(2)
