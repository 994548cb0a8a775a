"""The HTML pages: recent documents, one document with its claims highlighted (the disputed ones marked), the
disputes board with its filters and facets, a proposition's page, a source's record, a proposition's timeline,
claim search, an offline list of the API's operations, and (`atom.py`) an Atom feed of the newest disputes.
Every list is paged and says how many there are.

Each page reads the same store functions as its JSON twin under /api, so the two never disagree. The Jinja2
environment autoescapes everything; the only markup built outside a template is the highlighted article
(`render.highlight`, which escapes every piece of the text it wraps). Links to a claim always point at its
document page anchored at the claim (`/documents/<id>#<claim id>`), where the evidence is a
`<mark class="claim" id="<claim id>">`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..model import CERTAINTIES, STANCES, Claim
from ..store import Store, queries
from ..store.flat import figure_text
from ..store.queries import DocumentHead
from .api import DisputeFilterDep
from .atom import router as atom_feeds
from .board import FACETS, SORTS, board
from .chart import timeline_charts
from .export import claim_page, proposition_page, words
from .params import Offset, Text, is_calendar_date, pager
from .render import highlight, safe_url
from .views import disputed_claims, find_proposition, is_revision, proposition_view, timeline

__all__ = ["mount_web", "pages", "templates"]

HERE = Path(__file__).parent

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)
templates.filters["pathq"] = lambda value: quote(str(value), safe="")
templates.filters["figure"] = figure_text
templates.filters["words"] = words


CARDS = 6  # claim cards per dispute on the board; the proposition's page shows them all
templates.globals.update(claim_page=claim_page, proposition_page=proposition_page, safe_url=safe_url,
                         is_revision=is_revision, headline=queries.headline, STANCES=STANCES,
                         CERTAINTIES=CERTAINTIES, SORTS=SORTS, FACETS=FACETS, CARDS=CARDS)

pages = APIRouter(include_in_schema=False)


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def _missing(what: str) -> HTMLResponse:
    return _page("not_found.html", 404, title="Not found", what=what)


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _heads(store: Store, claims: Iterable[Claim]) -> dict[str, DocumentHead]:
    return queries.document_heads(store, [c.document for c in claims])


@pages.get("/", response_class=HTMLResponse)
def index(request: Request, offset: Offset = 0) -> HTMLResponse:
    store = _store(request)
    rows, total = queries.recent_documents(store, limit=50, offset=offset)
    top, sources = queries.sources(store, limit=20)
    return _page("index.html", title="claimgraph", documents=rows, pager=pager(request, total, 50, offset, len(rows)),
                 sources=top, total_sources=sources)


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    rows, total = queries.sources(_store(request), limit=100, offset=offset)
    return _page("sources.html", title="Sources", sources=rows, pager=pager(request, total, 100, offset, len(rows)))


@pages.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    store = _store(request)
    document = queries.document(store, document_id)
    if document is None:
        return _missing("document")
    claims = store.claims(document=document.id)
    disputed = disputed_claims(store, claims)
    title = queries.headline(document.title, document.text)
    return _page("document.html", title=title, document=document, claims=claims, disputed=disputed,
                 article=highlight(document.text, claims, disputed), link=safe_url(document.url))


@pages.get("/disputes", response_class=HTMLResponse)
def disputes_page(request: Request, wanted: DisputeFilterDep) -> HTMLResponse:
    found = board(_store(request), wanted)
    facets = {name: [(value, count, _facet_link(request, name, value)) for value, count in values]
              for name, values in found.facets.items()}
    removable = {name: str(request.url.remove_query_params([name, "offset"]))
                 for name in (*FACETS, "topic", "since", "until", "across") if request.query_params.get(name)}
    return _page("disputes.html", title="Disputes", board=found, wanted=wanted, facets=facets, removable=removable,
                 pager=pager(request, found.total, wanted.limit, wanted.offset, len(found.disputes)),
                 csv=_csv_link(request, "/api/disputes"))


def _csv_link(request: Request, path: str) -> str:
    """The JSON twin's CSV of what this page shows, every page of it."""
    url = request.url.remove_query_params("offset").include_query_params(format="csv")
    return f"{path}?{url.query}"


def _facet_link(request: Request, name: str, value: str) -> str:
    url = request.url.remove_query_params("offset").include_query_params(**{name: value})
    return f"{url.path}?{url.query}"


@pages.get("/propositions", response_class=HTMLResponse)
def propositions_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    found, total = queries.propositions(_store(request), limit=100, offset=offset)
    return _page("propositions.html", title="Propositions", propositions=found,
                 pager=pager(request, total, 100, offset, len(found)))


@pages.get("/propositions/{proposition_id}", response_class=HTMLResponse)
def proposition_page_(request: Request, proposition_id: str, offset: Offset = 0) -> HTMLResponse:
    store = _store(request)
    found = next(iter(store.index.propositions([proposition_id])), None)
    if found is None:
        return _missing("proposition")
    view = proposition_view(store, found, 50, offset)
    return _page("proposition.html", title=found.label, view=view, charts=timeline_charts(view.rows),
                 pager=pager(request, view.total, 50, offset, len(view.claims)))


@pages.get("/sources/{name:path}", response_class=HTMLResponse)
def source_page(request: Request, name: str, offset: Offset = 0) -> HTMLResponse:
    store = _store(request)
    record = queries.source_record(store, name, 50, offset)
    if record is None:
        return _missing("source")
    return _page("source.html", title=name, record=record, documents=_heads(store, record.claims),
                 pager=pager(request, record.total_claims, 50, offset, len(record.claims)))


@pages.get("/timeline/{proposition:path}", response_class=HTMLResponse)
def timeline_page(request: Request, proposition: str) -> HTMLResponse:
    store = _store(request)
    found = find_proposition(store, proposition)
    if found is None:
        return _missing("proposition")
    rows = timeline(store, found)
    return _page("timeline.html", title=found.label, proposition=found, rows=rows, charts=timeline_charts(rows))


@pages.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Text = None, source: Text = None, stance: Text = None,
                certainty: Text = None, since: Text = None, until: Text = None, outlet: Text = None,
                offset: Offset = 0) -> HTMLResponse:
    # a malformed date in a hand-typed form is ignored (and shown as such), not an error page
    since = since if since and is_calendar_date(since) else None
    until = until if until and is_calendar_date(until) else None
    wanted = queries.ClaimFilter(source, stance, certainty, since, until, q, None, 50, offset, outlet or None)
    searched = any((q, source, stance, certainty, since, until, outlet))
    store = _store(request)
    claims, total = queries.search_claims(store, wanted) if searched else ([], 0)
    return _page("search.html", title="Search", claims=claims, documents=_heads(store, claims), wanted=wanted,
                 searched=searched, q=q, pager=pager(request, total, 50, offset, len(claims)),
                 csv=_csv_link(request, "/api/claims"))


@pages.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's operations from its OpenAPI schema, rendered here: Swagger UI would need a CDN."""
    schema = request.app.openapi()
    operations = [(method.upper(), path, op.get("summary", ""), [p["name"] for p in op.get("parameters", [])])
                  for path, item in schema.get("paths", {}).items() for method, op in item.items()]
    return _page("docs.html", title="API", operations=operations)


def mount_web(app: FastAPI) -> None:
    app.include_router(pages)
    app.include_router(atom_feeds)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
