"""The HTML pages: recent documents, one document with its claims highlighted, the disputes board, a
source's record, a proposition's timeline, claim search, and an offline list of the API's operations.

Each page reads the same store functions as its JSON twin under /api, so the two never disagree. The Jinja2
environment autoescapes everything; the only markup built outside a template is the highlighted article
(`render.highlight`, which escapes every piece of the text it wraps). Links to a claim always point at its
document page anchored at the claim (`/documents/<id>#<claim id>`), where the evidence is a
`<mark class="claim" id="<claim id>">`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..model import CERTAINTIES, STANCES, Claim
from ..store import Store, queries
from .api import claim_page
from .params import Offset, Text, is_calendar_date
from .render import highlight, safe_url, timeline_chart
from .views import disputes, find_proposition, timeline

__all__ = ["mount_web", "pages", "templates"]

HERE = Path(__file__).parent

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)
templates.filters["pathq"] = lambda value: quote(str(value), safe="")
templates.filters["figure"] = lambda q: q.text + (f" ({q.unit})" if q.unit else "")


def link_for(claims: list[Claim], claim_id: str) -> str:
    """The evidence page of the claim with this id among `claims` (a relation names claims by id)."""
    found = next((c for c in claims if c.id == claim_id), None)
    return claim_page(found) if found else "#"


templates.globals.update(claim_page=claim_page, link_for=link_for, safe_url=safe_url, STANCES=STANCES,
                         CERTAINTIES=CERTAINTIES)

pages = APIRouter(include_in_schema=False)


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def _missing(what: str) -> HTMLResponse:
    return _page("not_found.html", 404, title="Not found", what=what)


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


@pages.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    store = _store(request)
    rows, total = queries.recent_documents(store, limit=50)
    top, _ = queries.sources(store, limit=20)
    return _page("index.html", title="claimgraph", documents=rows, total=total, sources=top)


@pages.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    store = _store(request)
    document = queries.document(store, document_id)
    if document is None:
        return _missing("document")
    claims = store.claims(document=document.id)
    return _page("document.html", title=document.title or document.name, document=document, claims=claims,
                 article=highlight(document.text, claims), link=safe_url(document.url))


@pages.get("/disputes", response_class=HTMLResponse)
def disputes_page(request: Request, topic: Text = None) -> HTMLResponse:
    board = disputes(_store(request), topic or None)
    return _page("disputes.html", title="Disputes", disputes=board, topic=topic or "")


@pages.get("/sources/{name:path}", response_class=HTMLResponse)
def source_page(request: Request, name: str) -> HTMLResponse:
    record = queries.source_record(_store(request), name)
    if record is None:
        return _missing("source")
    return _page("source.html", title=name, record=record)


@pages.get("/timeline/{proposition:path}", response_class=HTMLResponse)
def timeline_page(request: Request, proposition: str) -> HTMLResponse:
    store = _store(request)
    found = find_proposition(store, proposition)
    if found is None:
        return _missing("proposition")
    rows = timeline(store, found)
    return _page("timeline.html", title=found.label, proposition=found, rows=rows, chart=timeline_chart(rows))


@pages.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Text = None, source: Text = None, stance: Text = None,
                certainty: Text = None, since: Text = None, until: Text = None,
                offset: Offset = 0) -> HTMLResponse:
    # a malformed date in a hand-typed form is ignored (and shown as such), not an error page
    since = since if since and is_calendar_date(since) else None
    until = until if until and is_calendar_date(until) else None
    wanted = queries.ClaimFilter(source, stance, certainty, since, until, q, None, 50, offset)
    searched = any((q, source, stance, certainty, since, until))
    claims, total = queries.search_claims(_store(request), wanted) if searched else ([], 0)
    return _page("search.html", title="Search", claims=claims, total=total, wanted=wanted, searched=searched,
                 q=q)


@pages.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's operations from its OpenAPI schema, rendered here: Swagger UI would need a CDN."""
    schema = request.app.openapi()
    operations = [(method.upper(), path, op.get("summary", ""), [p["name"] for p in op.get("parameters", [])])
                  for path, item in schema.get("paths", {}).items() for method, op in item.items()]
    return _page("docs.html", title="API", operations=operations)


def mount_web(app: FastAPI) -> None:
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
