"""The web app: HTML pages and a JSON API over one store, read-only.

Handlers parse the request and call the reader (for the API) or the views (for pages); the work
is done there. Every route is a GET and the store is opened read-only, so nothing the app
serves can change it. Every response carries a Content-Security-Policy that allows only the
app's own script and stylesheet, and the app answers only to the host names it is served under
(so a web page cannot reach it through DNS rebinding).

`/openapi.json` describes the API; `/docs` is left out on purpose, because the usual API pages
load their scripts from a CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.serve import views
from storyline.serve.params import (
    ID_PATTERN,
    MAX_ID,
    ArticleQuery,
    EntityQuery,
    EventQuery,
    QuoteQuery,
    SearchPageQuery,
    SearchQuery,
    SpanQuery,
    TimelineQuery,
    TimexQuery,
)
from storyline.store.reader import STORE_FILE, BadSpanError, StoreReader, UnknownRecordError
from storyline.store.records import (
    ArticleDetail,
    ArticleFacts,
    ArticleSummary,
    EntityDetail,
    EntitySummary,
    Event,
    Overview,
    Page,
    Problem,
    Quote,
    SearchHit,
    TimelineEntry,
    Timex,
)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
_STATIC_TYPES = {
    "app.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}

ItemId = Annotated[str, PathParam(max_length=MAX_ID, pattern=ID_PATTERN)]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}
_SPAN_ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Problem}, 404: {"model": Problem}}


def create_app(store_dir: Path, *, allowed_hosts: Sequence[str] = LOOPBACK_HOSTS) -> FastAPI:
    """The app serving `store_dir/storyline.duckdb`; raises StoreError when it cannot be read."""
    reader = StoreReader(store_dir / STORE_FILE)
    store_name = str(store_dir)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        reader.open()
        yield
        reader.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        summary="Read-only JSON API over a storyline dossier store.",
        description=(
            "Every list is paged (limit at most 200) and filtered by query parameters; "
            "offsets are character offsets into the article's cleaned text."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(_SecurityHeaders)
    app.include_router(_api(reader))
    app.include_router(_pages(reader, store_name))
    app.include_router(_static())
    app.exception_handler(RequestValidationError)(_invalid_request)
    app.exception_handler(StarletteHTTPException)(_http_error)
    app.exception_handler(UnknownRecordError)(_unknown_record)
    app.exception_handler(BadSpanError)(_bad_span)
    return app


def run(store_dir: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    wildcard = host in ("0.0.0.0", "::", "")
    hosts = ["*"] if wildcard else sorted({*LOOPBACK_HOSTS, host})
    app = create_app(store_dir, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False)


def _api(reader: StoreReader) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["api"])

    @api.get("/overview")
    def overview() -> Overview:
        return reader.overview()

    @api.get("/articles")
    def articles(query: Annotated[ArticleQuery, Query()]) -> Page[ArticleSummary]:
        return reader.articles(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/articles/{article_id}", responses=_SPAN_ERRORS)
    def article(article_id: ItemId, span: Annotated[SpanQuery, Query()]) -> ArticleDetail:
        """The article's cleaned text; with start and end, `highlight` is that span."""
        return reader.article(article_id, start=span.start, end=span.end)

    @api.get("/articles/{article_id}/facts", responses=_NOT_FOUND)
    def article_facts(article_id: ItemId) -> ArticleFacts:
        return reader.article_facts(article_id)

    @api.get("/entities")
    def entities(query: Annotated[EntityQuery, Query()]) -> Page[EntitySummary]:
        return reader.entities(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/entities/{entity_id}", responses=_NOT_FOUND)
    def entity(entity_id: ItemId) -> EntityDetail:
        return reader.entity(entity_id)

    @api.get("/quotes")
    def quotes(query: Annotated[QuoteQuery, Query()]) -> Page[Quote]:
        return reader.quotes(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/quotes/{quote_id}", responses=_NOT_FOUND)
    def quote(quote_id: ItemId) -> Quote:
        return reader.quote(quote_id)

    @api.get("/timexes")
    def timexes(query: Annotated[TimexQuery, Query()]) -> Page[Timex]:
        return reader.timexes(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/events")
    def events(query: Annotated[EventQuery, Query()]) -> Page[Event]:
        return reader.events(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/events/{event_id}", responses=_NOT_FOUND)
    def event(event_id: ItemId) -> Event:
        return reader.event(event_id)

    @api.get("/timeline")
    def timeline(query: Annotated[TimelineQuery, Query()]) -> Page[TimelineEntry]:
        return reader.timeline(query.filters(), limit=query.limit, offset=query.offset)

    @api.get("/search")
    def search(query: Annotated[SearchQuery, Query()]) -> Page[SearchHit]:
        """Articles, then quotes, then events holding the words (case-insensitive)."""
        return reader.search(query.q, limit=query.limit, offset=query.offset)

    return api


def _pages(reader: StoreReader, store_name: str) -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/")
    def home() -> HTMLResponse:
        return HTMLResponse(views.overview_page(reader, store_name=store_name))

    @pages.get("/articles")
    def articles(query: Annotated[ArticleQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.articles_page(reader, query))

    @pages.get("/articles/{article_id}")
    def article(article_id: ItemId, span: Annotated[SpanQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.article_page(reader, article_id, span))

    @pages.get("/entities")
    def entities(query: Annotated[EntityQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.entities_page(reader, query))

    @pages.get("/entities/{entity_id}")
    def entity(entity_id: ItemId) -> HTMLResponse:
        return HTMLResponse(views.entity_page(reader, entity_id))

    @pages.get("/quotes")
    def quotes(query: Annotated[QuoteQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.quotes_page(reader, query))

    @pages.get("/timexes")
    def timexes(query: Annotated[TimexQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.timexes_page(reader, query))

    @pages.get("/events")
    def events(query: Annotated[EventQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.events_page(reader, query))

    @pages.get("/events/{event_id}")
    def event(event_id: ItemId) -> HTMLResponse:
        return HTMLResponse(views.event_page(reader, event_id))

    @pages.get("/timeline")
    def timeline(query: Annotated[TimelineQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.timeline_page(reader, query))

    @pages.get("/search")
    def search(query: Annotated[SearchPageQuery, Query()]) -> HTMLResponse:
        return HTMLResponse(views.search_page(reader, query))

    return pages


def _static() -> APIRouter:
    """The app's own assets, read once from the package; a name not in the list is a 404."""
    folder = resources.files("storyline.serve").joinpath("static")
    assets = {name: folder.joinpath(name).read_bytes() for name in _STATIC_TYPES}
    static = APIRouter(include_in_schema=False)

    @static.get("/static/{name}")
    def asset(name: Annotated[str, PathParam(max_length=64)]) -> Response:
        if name not in assets:
            raise StarletteHTTPException(404, f"no static file {name!r}")
        return Response(
            assets[name], media_type=_STATIC_TYPES[name], headers={"cache-control": "no-cache"}
        )

    return static


class _SecurityHeaders:
    """Adds the security headers (CSP first of all) to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    problems = [
        f"{'.'.join(str(part) for part in error['loc'][1:]) or error['loc'][0]}: {error['msg']}"
        for error in exc.errors()
    ]
    return HTMLResponse(views.error_page(422, "Invalid request", problems), status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _is_api(request):
        return await http_exception_handler(request, exc)
    titles = {404: "Not found", 405: "Method not allowed"}
    return HTMLResponse(
        views.error_page(exc.status_code, titles.get(exc.status_code, "Error"), [str(exc.detail)]),
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _unknown_record(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return HTMLResponse(views.error_page(404, "Not found", [str(exc)]), status_code=404)


async def _bad_span(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return HTMLResponse(views.error_page(400, "Bad span", [str(exc)]), status_code=400)
