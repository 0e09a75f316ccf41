"""The ASGI application: routes, error replies for unknown paths and methods, and the
guards (security headers, CORS for the configured origins only, rate limit, body cap)."""

from __future__ import annotations

import os
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Scope

from bot.channels.web import api, pages, rest
from bot.channels.web.config import WebConfig
from bot.channels.web.context import WebContext
from bot.channels.web.errors import error_response, json_response, web_rejected
from bot.channels.web.openapi import openapi_route
from bot.channels.web.security import Guard, Limits, request_lang
from bot.dialogue.engine import Engine, cpf_engine
from bot.i18n import LANGUAGES
from bot.service.stored import StoredConversations
from bot.stores import Store


async def rest_status(request: Request) -> Response:
    """GET /webhooks/rest/: the REST channel is up (what Rasa answers there)."""
    return json_response({"status": "ok"})


ROUTES: list[BaseRoute] = [
    Route("/", pages.demo_page, methods=["GET"]),
    Route("/console", pages.console_page, methods=["GET"]),
    *[Route(f"/{name}", pages.asset, methods=["GET"]) for name in pages.STATIC],
    Route("/openapi.json", openapi_route, methods=["GET"]),
    Route("/healthz", api.health, methods=["GET"]),
    Route("/v1/sessions", api.start_session, methods=["POST"]),
    Route("/v1/sessions/{id}", api.session_details, methods=["GET"]),
    Route("/v1/sessions/{id}/turns", api.take_turn, methods=["POST"]),
    Route("/v1/sessions/{id}/current", api.current_state, methods=["GET"]),
    Route("/v1/sessions/{id}/report", api.session_report, methods=["GET"]),
    Route("/v1/assess", api.assess_situation, methods=["POST"]),
    Route("/v1/agent", api.whoami, methods=["GET"]),
    Route("/v1/texts", pages.texts_route, methods=["GET"]),
    Route("/v1/schema", pages.schema_route, methods=["GET"]),
    Route("/webhooks/rest/webhook", rest.webhook, methods=["POST"]),
    Route("/webhooks/rest/", rest_status, methods=["GET"]),
]


def route_template(scope: Scope) -> str:
    """The path template a request matched (`/v1/sessions/{id}`), never its own path."""
    routed = scope.get("route")  # set by the router, when the request got that far
    if routed is not None:
        return str(getattr(routed, "path", "-"))
    for route in ROUTES:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            return getattr(route, "path", "-")
    return "-"


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths (404) and methods (405) answered in JSON like every other error."""
    lang = request_lang(request.scope, request.app.state.web.config.lang)
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        response = error_response(web_rejected("method_not_allowed", lang, "web.error.method_not_allowed"))
        allow = getattr(exc, "headers", None) or {}
        response.headers.update(allow)
        return response
    if status == 404:
        return error_response(web_rejected("not_found", lang, "web.error.not_found"))
    return error_response(web_rejected("internal_error", lang, "protocol.internal_error"))


def create_app(store: Store, config: WebConfig | None = None, *, engine: Engine | None = None,
               log: Callable[[str], None] | None = None, turn_lock: str | None = None) -> Starlette:
    """The web channel on `store`; `log` gets the service's store failures and bugs.

    `turn_lock`: a file that the worker processes of one SQLite store take turns on
    (flock) around each service call, so a worker waiting for another's turn is woken
    the moment it ends, rather than by SQLite's busy handler, which sleeps and polls
    (1, 2, 5 … 100 ms): half as much throughput again with two workers, and a shorter tail."""
    config = config or WebConfig()
    engine = engine or cpf_engine()
    conversations = {lang: StoredConversations(store, engine, lang, today=config.today, log=log)
                     for lang in LANGUAGES}
    middleware = [Middleware(Guard, frame_ancestors=config.frame_ancestors, lang=config.lang,
                             template=route_template)]
    if config.allow_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.allow_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                                     max_age=600))
    middleware.append(Middleware(Limits, rate=config.rate_limit, max_body=config.max_body, lang=config.lang))
    app = Starlette(routes=ROUTES, middleware=middleware, exception_handlers={HTTPException: http_error})
    remote = type(store).__module__.endswith("postgresql")
    lock = None if turn_lock is None else os.open(turn_lock, os.O_RDWR | os.O_CREAT, 0o600)
    app.state.web = WebContext(conversations, engine, config, threads=8 if remote else 0, file_lock=lock)
    return app
