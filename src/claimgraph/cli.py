"""The command line: parse options, call ingest/pipeline/store, print. No logic of its own.

Bad inputs are reported one line each on stderr, naming the input, and the rest of the batch goes on;
the exit code is 1 when any input was rejected, 2 for a usage or configuration error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console

from .errors import ClaimgraphError, InputError
from .ingest import read_inputs
from .model import Document
from .present.tables import claims_table, print_dispute_board, print_ledger, print_timeline
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .present.board import DisputeFilter

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
                cluster: dict[str, Any] | None = None, every: int = 25) -> tuple[int, int, int]:
    """Read, extract, store and link, on a Dask cluster when `cluster` holds its options (see
    `scale.dask.ingest`), showing progress; bad inputs are reported and recorded. Returns how many documents
    were added, how many were already stored, and how many inputs were rejected."""
    from .pipeline import Ingested, ingest
    from .present.progress import IngestProgress

    counts = _Counts()
    documents = _documents(paths, settings, store, counts)
    if cluster is None:
        results = ingest(documents, store, settings, link=link)
    else:
        from .scale.dask import ingest as ingest_on_cluster

        results = ingest_on_cluster(documents, store, settings, link=link, **cluster)
    added = failed = 0
    with IngestProgress(err, None, every) as progress:  # inputs are streamed: their number is not known
        for result in results:
            if isinstance(result, Ingested):
                progress.advance(result.claims_added)
                added += result.new
            else:
                progress.advance(failed=True)
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
    progress_every: Annotated[int, typer.Option(min=1, help="Off a terminal (a log, cron), print a progress "
                                                           "line every this many documents.")] = 25,
    engine: Annotated[Engine, typer.Option(help="local (this process, or --processes) or dask (a Dask cluster).")] = (
        Engine.local),
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: a running Dask scheduler's address (default: a cluster on this machine).")] = None,
    workers: Annotated[int | None, typer.Option(
        help="With --engine dask: the local cluster's worker processes (default: one per CPU), or with "
             "--scheduler how many workers to wait for.", min=1)] = None,
) -> None:
    """Extract claims, store and link them; an article already stored (same content) is skipped. Ends with
    the documents, claims, contradictions and corroborations this run added."""
    from .store import Store, queries

    settings = _settings(ctx)
    if engine is Engine.local and (scheduler or workers):
        raise ClaimgraphError("--scheduler and --workers apply to --engine dask only")
    cluster = {"scheduler": scheduler, "workers": workers} if engine is Engine.dask else None
    with Store(settings.db) as store:
        before = queries.counts(store)
        added, skipped, rejected = _ingest_all(paths, settings, store, link, cluster, progress_every)
        after = queries.counts(store)
    new = {key: after[key] - before[key] for key in after}
    err.print(f"{added} documents added, {skipped} already stored, {rejected} rejected -> {settings.db}; "
              f"{new['claims']} claims, {new['contradicts']} contradictions, {new['corroborates']} corroborations "
              "added", highlight=False, soft_wrap=True)
    raise typer.Exit(1 if rejected else 0)


# Filters shared by `claims`, `disputes` and `export`, worded once (the web pages and the API take the same ones)
Source = Annotated[str | None, typer.Option(help="Only claims whose source name or mention contains this.")]
Stance = Annotated[str | None, typer.Option(help="asserts, denies, doubts or declines.")]
Since = Annotated[str | None, typer.Option(help="Only articles dated on or after this day (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option(help="Only articles dated on or before this (YYYY[-MM[-DD]]).")]
Outlet = Annotated[str | None, typer.Option(help="Only articles of this outlet (exactly).")]
Topic = Annotated[str | None, typer.Option(help="Only propositions whose claims mention all these words.")]
Basis = Annotated[str | None, typer.Option(help="Only contradictions on this basis: quantity, polarity, status, ...")]
Across = Annotated[bool, typer.Option("--across", help="Only contradictions between two different sources.")]
Sort = Annotated[str, typer.Option(help="rank (different sources first), newest, oldest or most.")]
Limit = Annotated[int, typer.Option(min=1, help="Show at most this many.")]
Offset = Annotated[int, typer.Option(min=0, help="Skip this many first (the next page).")]


def _date(option: str, value: str | None) -> str | None:
    from .present.params import is_calendar_date

    if value and not is_calendar_date(value):
        raise ClaimgraphError(f"{option} takes a calendar date, YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value or None


def _dispute_filter(topic: str | None, since: str | None, until: str | None, outlet: str | None, source: str | None,
                    basis: str | None, stance: str | None, across: bool, sort: str, limit: int = 50,
                    offset: int = 0) -> DisputeFilter:
    from .present.board import SORTS, DisputeFilter

    if sort not in SORTS:
        raise ClaimgraphError(f"--sort takes one of {', '.join(SORTS)}, not {sort!r}")
    return DisputeFilter(topic, _date("--since", since), _date("--until", until), outlet, source, basis, stance,
                         across, sort, limit, offset)


@app.command("claims")
def list_claims(
    ctx: typer.Context, source: Source = None,
    document: Annotated[str | None, typer.Option(help="Only claims of this document (id or name).")] = None,
    stance: Stance = None,
    certainty: Annotated[str | None, typer.Option(help="certain, probable, possible or conditional.")] = None,
    since: Since = None, until: Until = None, outlet: Outlet = None,
    words: Annotated[str | None, typer.Option("--words", help="Only claims holding all these words.")] = None,
    limit: Limit = 50, offset: Offset = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the page as JSON, as /api/claims answers.")] = False,
) -> None:
    """List stored claims, a page at a time, with their article and date."""
    from .present.export import claim_json
    from .store import queries

    wanted = queries.ClaimFilter(source, stance, certainty, _date("--since", since), _date("--until", until),
                                 words, document, limit, offset, outlet)
    with Store(_settings(ctx).db) as store:
        claims, total = queries.search_claims(store, wanted)
        heads = queries.document_heads(store, [c.document for c in claims])
    if as_json:
        page = {"total": total, "limit": limit, "offset": offset,
                "claims": [claim_json(c, heads.get(c.document)) for c in claims]}
        sys.stdout.write(json.dumps(page, ensure_ascii=False, indent=1) + "\n")
        return
    shown = f"{offset + 1}–{offset + len(claims)} of {total:,} claims" if claims else f"{total:,} claims"
    out.print(claims_table(claims, title=shown, documents=heads))
    if offset + len(claims) < total:
        err.print(f"{shown}; --offset {offset + len(claims)} for the next {limit}, --json for JSON, "
                  "`claimgraph export --format csv --what claims` for all of them", highlight=False)


@app.command()
def disputes(
    ctx: typer.Context, topic: Topic = None, since: Since = None, until: Until = None, outlet: Outlet = None,
    source: Source = None, basis: Basis = None, stance: Stance = None, across: Across = False, sort: Sort = "rank",
    limit: Limit = 20, offset: Offset = 0,
) -> None:
    """Each disputed proposition: who says what, when, with which figures, and why they conflict; disputes
    between different sources first."""
    from .present.board import board

    wanted = _dispute_filter(topic, since, until, outlet, source, basis, stance, across, sort, limit, offset)
    with Store(_settings(ctx).db) as store:
        found = board(store, wanted)
    print_dispute_board(out, found.disputes)
    if found.disputes:
        err.print(f"{offset + 1}–{offset + len(found.disputes)} of {found.total} disputed propositions"
                  + (f"; --offset {offset + limit} for the next {limit}" if offset + limit < found.total else ""),
                  highlight=False)


@app.command()
def timeline(
    ctx: typer.Context,
    proposition: Annotated[str, typer.Argument(help="A proposition id (p-...) or words of its label.")],
) -> None:
    """The figures of one proposition by source and date (words pick the proposition with the most figures)."""
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


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


class What(StrEnum):
    ledger = "ledger"
    claims = "claims"
    relations = "relations"
    disputes = "disputes"


_CLAIMS_AND_BOARD = {"--source", "--stance", "--since", "--until", "--outlet"}
EXPORT_FILTERS = {
    What.ledger: set(), What.claims: _CLAIMS_AND_BOARD | {"--certainty", "--document", "--words"},
    What.relations: _CLAIMS_AND_BOARD | {"--basis", "--across", "--kind"},
    What.disputes: _CLAIMS_AND_BOARD | {"--topic", "--basis", "--across"},
}


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", help="json or csv.")] = ExportFormat.json,
    what: Annotated[What, typer.Option("--what", help="The whole claimgraph/v1 ledger (JSON only), or the "
                                                       "claims, relations or disputes that pass the filters.")] = (
        What.ledger),
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    source: Source = None, stance: Stance = None, since: Since = None, until: Until = None, outlet: Outlet = None,
    certainty: Annotated[str | None, typer.Option(help="Claims: certain, probable, possible or conditional.")] = None,
    document: Annotated[str | None, typer.Option(help="Claims: of this document (id or name).")] = None,
    words: Annotated[str | None, typer.Option("--words", help="Claims: holding all these words.")] = None,
    topic: Topic = None, basis: Basis = None, across: Across = False, sort: Sort = "rank",
    kind: Annotated[str | None, typer.Option(help="Relations: contradicts or corroborates.")] = None,
) -> None:
    """Export the database: the whole claimgraph/v1 ledger as JSON, or its claims, relations or disputes,
    whole or filtered as the web pages filter them, as JSON or CSV."""
    from .present import export as rows
    from .present.board import disputes, relations

    given = {"--source": source, "--stance": stance, "--since": since, "--until": until, "--outlet": outlet,
             "--certainty": certainty, "--document": document, "--words": words, "--topic": topic, "--basis": basis,
             "--across": across, "--kind": kind}
    wrong = [name for name, value in given.items() if value and name not in EXPORT_FILTERS[what]]
    if wrong:
        raise ClaimgraphError(f"{', '.join(wrong)} cannot filter --what {what.value}")
    if what is What.ledger and format is ExportFormat.csv:
        raise ClaimgraphError("a ledger holds four tables, CSV holds one: add --what claims, relations or disputes")

    with Store(_settings(ctx).db) as store, (output.open("w", encoding="utf-8", newline="") if output
                                             else nullcontext(sys.stdout)) as sink:
        if what is What.ledger:
            sink.write(json.dumps(store.export().to_json(), ensure_ascii=False, indent=1) + "\n")
            return
        if what is What.claims:
            from .store.queries import ClaimFilter

            wanted = ClaimFilter(source, stance, certainty, _date("--since", since), _date("--until", until), words,
                                 document, outlet=outlet)
            if format is ExportFormat.csv:
                sink.writelines(rows.csv_lines(rows.CLAIM_COLUMNS, rows.claim_rows(store, wanted)))
            else:
                _json_array(sink, (rows.claim_json(c, head) for c, head in rows.all_claims(store, wanted)))
            return
        board = _dispute_filter(topic, since, until, outlet, source, basis, stance, across, sort)
        if what is What.relations:
            if format is ExportFormat.csv:
                sink.writelines(rows.csv_lines(rows.RELATION_COLUMNS, rows.relation_rows(store, board, kind)))
            else:
                found, claims, _ = relations(store, board, kind)
                _json_array(sink, (rows.relation_json(r, claims) for r in found))
            return
        found_disputes = disputes(store, board)
        if format is ExportFormat.csv:
            sink.writelines(rows.csv_lines(rows.DISPUTE_COLUMNS, (rows.dispute_row(d) for d in found_disputes)))
        else:
            _json_array(sink, (rows.dispute_json(d) for d in found_disputes))


def _json_array(sink: TextIO, items: Iterable[dict]) -> None:
    """A JSON array written an item at a time, so that a large export never sits whole in memory as text."""
    sink.write("[")
    for n, item in enumerate(items):
        sink.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False))
    sink.write("\n]\n")


@app.command()
def watch(
    ctx: typer.Context,
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs (http or https).")],
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit (for cron): 1 if a feed failed.")] = (
        False),
    topic: Annotated[str | None, typer.Option(help="Only news whose claims mention all these words; also "
                                                   "report relayed claims on it.")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert here as JSON.")] = None,
) -> None:
    """Poll feeds (conditional GET), fetch and ingest their new entries, and print each new contradiction and
    corroboration (and, with --topic, relayed claim) one line each; feeds' progress and failures go to stderr."""
    import time

    from .ingest.fetch import is_web_url
    from .watch import parse_interval

    pause = parse_interval(every)
    wrong = [url for url in (*feeds, *([webhook] if webhook else [])) if not is_web_url(url)]
    if wrong:
        raise ClaimgraphError(f"watch takes http or https URLs, not {', '.join(map(repr, wrong))}")
    settings = _settings(ctx)
    with Store(settings.db) as store:
        while True:
            failed = _watch_once(store, feeds, settings, topic, webhook)
            if once:
                raise typer.Exit(1 if failed else 0)
            time.sleep(pause)


def _watch_once(store: Store, feeds: list[str], settings: Settings, topic: str | None, webhook: str | None) -> bool:
    """One round, printed as it goes; whether a feed failed."""
    from .present.webhook import WebhookError, post_json
    from .watch import Alert, watch_round

    failed = False
    for event in watch_round(store, feeds, settings, topic):
        if isinstance(event, Alert):
            out.print(event.line(), highlight=False, markup=False, soft_wrap=True)
            if not webhook:
                continue
            try:
                post_json(webhook, event.to_json())
            except WebhookError as error:  # the alert is printed all the same, and the round goes on
                err.print(f"error: {error}", highlight=False, markup=False, soft_wrap=True)
        else:
            failed |= event.failed
            err.print(("error: " if event.failed else "watch: ") + event.line(), highlight=False, markup=False,
                      soft_wrap=True)
    return failed


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
