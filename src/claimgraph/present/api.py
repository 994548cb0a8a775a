"""The JSON API and the app factory that joins it to the web pages.

Reads are open; the one write, `POST /api/documents`, needs `Authorization: Bearer <token>` and is off
(403) when no token is configured, so a server started without thinking about it cannot be written to.
Tokens are compared with `hmac.compare_digest` (no timing oracle). Request bodies are capped by an ASGI
middleware that refuses a Content-Length over the limit and also counts the bytes actually received
(a chunked or lying client gets 413 too). Articles are analysed by one worker behind a bounded queue
(`writer.py`). Every response carries a Content-Security-Policy of default-src 'self': the pages load
nothing from elsewhere and run no inline script, so markup that slipped past escaping still could not run.

Every parameter is validated (`params.py`), every status an operation can answer is in `/openapi.json`, and
every refusal has one of two documented shapes (`refusals.py`). List answers are paged alike: `total`,
`limit`, `offset`, and `next`/`previous` links.

Swagger UI is not served: FastAPI's loads its script and CSS from a CDN, which breaks offline and violates
the CSP. `/openapi.json` is kept, and `/docs` is a plain server-rendered list of the operations.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ..errors import ClaimgraphError, InputError
from ..ingest.text import parse_date, parse_header
from ..model import Document
from ..settings import Settings
from ..store import Store, queries
from . import refusals
from .board import DisputeFilter, board, disputes, relations
from .export import (
    CLAIM_COLUMNS,
    DISPUTE_COLUMNS,
    RELATION_COLUMNS,
    claim_json,
    claim_rows,
    csv_lines,
    dispute_json,
    dispute_row,
    document_json,
    document_page,
    proposition_page,
    relation_json,
    relation_rows,
)
from .middleware import BodyLimit, SecurityHeaders
from .params import (
    ARTICLE_TEXT,
    DATE_OR_TIME,
    NO_NUL,
    DateParam,
    FormatParam,
    FormDateParam,
    Limit,
    Offset,
    PathText,
    Text,
    paged,
)
from .refusals import documented, refuse, refuse_with
from .views import TimelineRow, find_proposition, proposition_view, timeline
from .writer import WriteQueueFull, Writer, WriteTimeout

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app", "dispute_filter", "router"]

DEFAULT_MAX_BODY_BYTES = 2_000_000
RETRY_AFTER_S = 10  # a full write queue: a few short articles take this long to analyse

router = APIRouter(prefix="/api", tags=["api"])


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(store_of)]


def dispute_filter(
    topic: Text = None, since: FormDateParam = None, until: FormDateParam = None, outlet: Text = None,
    source: Text = None, basis: Text = None, stance: Text = None,
    across: Annotated[bool, Query(description="only contradictions between two different sources")] = False,
    sort: Annotated[Literal["rank", "newest", "oldest", "most"], Query(
        description="rank: disputes between different sources first")] = "rank",
    limit: Limit = 50, offset: Offset = 0,
) -> DisputeFilter:
    """The board's filters, shared by `/disputes`, `/api/disputes` and `/api/relations`: `since`/`until` are
    document dates (inclusive); `outlet` exact; `source` part of a name; a contradiction passes when one of
    its claims passes them all."""
    return DisputeFilter(topic or None, since or None, until or None, outlet or None, source or None,
                         basis or None, stance or None, across, sort, limit, offset)


DisputeFilterDep = Annotated[DisputeFilter, Depends(dispute_filter)]
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "json: a page; csv: every row that passes the filters"}}


def _csv(name: str, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> StreamingResponse:
    return StreamingResponse(csv_lines(columns, rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows, total = queries.recent_documents(store, limit, offset)
    documents = [{**document_json(r.document), "claims": r.claims} for r in rows]
    return paged(request, "documents", documents, total, limit, offset)


@router.get("/documents/{document_id}", summary="One document: its text and its claims", responses=documented(404))
def get_document(store: StoreDep, document_id: PathText) -> dict[str, Any]:
    document = queries.document(store, document_id)
    if document is None:
        raise HTTPException(404, "no such document")
    claims = store.claims(document=document.id)
    return {**document_json(document), "text": document.text, "claims": [claim_json(c) for c in claims]}


@router.get("/claims", summary="Search claims: source, stance, certainty, document date range, outlet, words",
            responses=CSV, response_model=None)
def list_claims(
    request: Request, store: StoreDep, source: Text = None, stance: Text = None, certainty: Text = None,
    since: DateParam = None, until: DateParam = None, q: Text = None, document: Text = None,
    limit: Limit = 50, offset: Offset = 0, outlet: Text = None, format: FormatParam = "json",
) -> dict[str, Any] | StreamingResponse:
    """`since` and `until` are document dates, both inclusive; `q` words that must all occur in a claim's
    content or evidence; `source` part of the source's name or mention; `outlet` the document's outlet."""
    wanted = queries.ClaimFilter(source, stance, certainty, since, until, q, document, limit, offset, outlet)
    if format == "csv":
        return _csv("claims", CLAIM_COLUMNS, claim_rows(store, wanted))
    claims, total = queries.search_claims(store, wanted)
    heads = queries.document_heads(store, [c.document for c in claims])
    items = [claim_json(c, heads.get(c.document)) for c in claims]
    return paged(request, "claims", items, total, limit, offset)


@router.get("/sources", summary="Sources by number of claims")
def list_sources(request: Request, store: StoreDep, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    rows, total = queries.sources(store, limit, offset)
    sources = [{"name": r.name, "kind": r.kind, "claims": r.claims, "documents": r.documents,
                "page": f"/sources/{quote(r.name, safe='')}"} for r in rows]
    return paged(request, "sources", sources, total, limit, offset)


@router.get("/sources/{name:path}", summary="Everything one source claimed (a page of claims), and how others met it",
            responses=documented(404))
def get_source(request: Request, store: StoreDep, name: PathText, limit: Limit = 50,
               offset: Offset = 0) -> dict[str, Any]:
    record = queries.source_record(store, name, limit, offset)
    if record is None:
        raise HTTPException(404, "no claims by this source")
    heads = queries.document_heads(store, [c.document for c in record.claims])
    return paged(request, "claims", [claim_json(c, heads.get(c.document)) for c in record.claims],
                 record.total_claims, limit, offset, name=record.name,
                 contradicted_by_others=record.contradicted_by_others,
                 corroborated_by_others=record.corroborated_by_others, revisions=record.revisions,
                 total_relations=record.total_relations, relations=record.relations)


@router.get("/propositions", summary="Propositions: claims about the same thing, with their claim ids")
def list_propositions(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    propositions, total = queries.propositions(store, limit, offset)
    items = [{**p.to_json(), "page": proposition_page(p.id)} for p in propositions]
    return paged(request, "propositions", items, total, limit, offset)


@router.get("/propositions/{proposition_id}", summary="One proposition: a page of its claims, the relations that "
            "touch them, its timeline", responses=documented(404))
def get_proposition(request: Request, store: StoreDep, proposition_id: PathText, limit: Limit = 50,
                    offset: Offset = 0) -> dict[str, Any]:
    found = next(iter(store.index.propositions([proposition_id])), None)
    if found is None:
        raise HTTPException(404, "no such proposition")
    view = proposition_view(store, found, limit, offset)
    claims = [claim_json(c, view.documents.get(c.document)) for c in view.claims]
    return paged(request, "claims", claims, view.total, limit, offset, proposition=found.to_json(),
                 relations=[relation_json(r, view.named) for r in view.relations],
                 timeline=[timeline_json(row) for row in view.rows])


@router.get("/disputes", summary="Disputed propositions, filtered, counted by facet, ranked and paged",
            responses=CSV, response_model=None)
def list_disputes(request: Request, store: StoreDep, wanted: DisputeFilterDep,
                  format: FormatParam = "json") -> dict[str, Any] | StreamingResponse:
    if format == "csv":
        return _csv("disputes", DISPUTE_COLUMNS, (dispute_row(d) for d in disputes(store, wanted)))
    found = board(store, wanted)
    facets = {name: [{"value": value, "count": count} for value, count in values]
              for name, values in found.facets.items()}
    return paged(request, "disputes", [dispute_json(d) for d in found.disputes], found.total, wanted.limit,
                 wanted.offset, facets=facets)


@router.get("/relations", summary="Contradictions and corroborations, filtered as the disputes board, paged",
            responses=CSV, response_model=None)
def list_relations(request: Request, store: StoreDep, wanted: DisputeFilterDep,
                   kind: Annotated[Literal["contradicts", "corroborates"] | None, Query()] = None,
                   format: FormatParam = "json") -> dict[str, Any] | StreamingResponse:
    """The board's filters but `topic` and `sort`; in the order they were found."""
    if format == "csv":
        return _csv("relations", RELATION_COLUMNS, relation_rows(store, wanted, kind))
    found, claims, _ = relations(store, wanted, kind)
    page = found[wanted.offset: wanted.offset + wanted.limit]
    return paged(request, "relations", [relation_json(r, claims) for r in page], len(found), wanted.limit,
                 wanted.offset)


def timeline_json(row: TimelineRow) -> dict[str, Any]:
    return {"date": row.date, "claim": claim_json(row.claim), "revises": row.revises}


@router.get("/timeline/{proposition:path}", summary="The figures of one proposition by date and source",
            responses=documented(404))
def get_timeline(store: StoreDep, proposition: PathText) -> dict[str, Any]:
    found = find_proposition(store, proposition)
    if found is None:
        raise HTTPException(404, "no proposition matches")
    return {"proposition": found.to_json(), "page": proposition_page(found.id),
            "rows": [timeline_json(row) for row in timeline(store, found)]}


class NewDocument(BaseModel):
    """One article to ingest. A leading header block of `text` (`date`, `title`, `author`, `outlet`, `url`
    lines) gives the fields the body leaves out. No field may hold NUL, which PostgreSQL cannot store."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(pattern=ARTICLE_TEXT)
    date: str | None = Field(None, max_length=40, pattern=DATE_OR_TIME,
                             description="YYYY, YYYY-MM or YYYY-MM-DD, a day maybe with an ISO time")
    url: str | None = Field(None, max_length=2000, pattern=NO_NUL)
    title: str | None = Field(None, max_length=1000, pattern=NO_NUL)
    outlet: str | None = Field(None, max_length=200, pattern=NO_NUL)
    author: str | None = Field(None, max_length=200, pattern=NO_NUL)


class Stored(BaseModel):
    """Where the article is stored; `claims` and `relations` (found and linked) only when it is new."""

    id: str
    url: str
    created: bool
    claims: int | None = None
    relations: int | None = None


bearer = HTTPBearer(auto_error=False, description="the token in CLAIMGRAPH_API_TOKEN")


def require_writer(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """403 when the write API is off (no token configured), 401 for a missing or wrong token."""
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(403, "the write API is off: set CLAIMGRAPH_API_TOKEN to enable it")
    given = credentials.credentials.strip() if credentials else ""
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


@router.post("/documents", status_code=201, dependencies=[Depends(require_writer)], response_model=Stored,
             response_model_exclude_none=True,
             responses={200: {"model": Stored, "description": "the same text is already stored"},
                        **documented(400, 401, 403, 413, 503, 504)},
             summary="Ingest and link one article (201 created; 200 when the same text is already stored)")
async def post_document(request: Request, store: StoreDep, body: NewDocument) -> JSONResponse:
    header, text = parse_header(body.text)
    if not text.strip():
        refuse("text", "holds only a header, no article text")
    published = parse_date(body.date) if body.date else header.date
    url, title = body.url or header.url, body.title or header.title
    document = Document(name=url or title or "api", text=text, url=url, title=title,
                        outlet=body.outlet or header.outlet, author=body.author or header.author, published=published)
    stored = await run_in_threadpool(queries.document_id_for_hash, store, document.content_hash)
    if stored:
        return _answer(stored, created=False)
    writer: Writer = request.app.state.writer
    try:
        written = await writer.write(document)
    except WriteQueueFull as error:
        return refuse_with(503, error, **{"Retry-After": str(RETRY_AFTER_S)})
    except WriteTimeout as error:
        return refuse_with(504, error)
    except ClaimgraphError as error:  # no spaCy model, a store that cannot be written
        return refuse_with(503, error)
    if isinstance(written, InputError):
        refuse("text", written.reason)
    if not written.created:
        return _answer(written.id, created=False)
    return _answer(written.id, created=True, claims=written.claims, relations=written.relations)


def _answer(document_id: str, created: bool, **counts: int) -> JSONResponse:
    stored = Stored(id=document_id, url=document_page(document_id), created=created, **counts)
    return JSONResponse(stored.model_dump(exclude_none=True), status_code=201 if created else 200)


def create_app(db: str, token: str | None = None, *, max_body_bytes: int | None = None,
               settings: Settings | None = None) -> FastAPI:
    """The whole server over the database `db`: JSON API, web pages, static files, security middleware.

    `token` defaults to $CLAIMGRAPH_API_TOKEN, `max_body_bytes` to $CLAIMGRAPH_MAX_BODY_BYTES or 2 MB; the
    write queue's limits are in `settings` (`write_places`, `write_timeout_s`, `large_article_bytes`).
    """
    from .web import mount_web

    token = token if token is not None else os.environ.get("CLAIMGRAPH_API_TOKEN") or None
    if max_body_bytes is None:
        max_body_bytes = int(os.environ.get("CLAIMGRAPH_MAX_BODY_BYTES") or DEFAULT_MAX_BODY_BYTES)
    settings = settings or Settings()
    settings.db = db
    store = Store(db)
    writer = Writer(store, settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        writer.close()
        store.close()

    app = FastAPI(title="claimgraph", summary="Who claims what in the news, and who contradicts whom.",
                  version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.store, app.state.token, app.state.writer = store, token, writer
    refusals.install(app)
    app.include_router(router)
    mount_web(app)
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
