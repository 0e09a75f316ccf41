"""The JSON API under `/v1/` (CONTRACT.md, "HTTP"): each route reads the request, calls
the conversation service once and turns its reply, or its refusal, into a response.
Service calls run in the thread pool: a store may block (a lock, a network round trip)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

import bot.api
from bot.channels.web import report_html
from bot.channels.web.bodies import read_json
from bot.channels.web.context import WebContext, check_reader, session_id_of, web_context
from bot.channels.web.errors import error_response, json_response, web_rejected
from bot.channels.web.views import answers_json, current_reply, session_json, turn_json, widget_translator
from bot.dialogue.session import Session
from bot.i18n import LANGUAGES, translator
from bot.render.report import markdown, report_json
from bot.service.requests import Rejected, rejected, request_kind, shown
from bot.service.stored import new_session_id

TURN_KINDS: Final = ("answer", "say", "command")
REPORT_FORMATS: Final = {"md": "text/markdown; charset=utf-8", "json": "application/json",
                         "html": "text/html; charset=utf-8"}
NO_STORE: Final = {"Cache-Control": "no-store"}


def _object(data: Any, lang: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise rejected("not_an_object", lang, "protocol.not_an_object")
    return data


def _query_lang(request: Request, default: str) -> str:
    value = request.query_params.get("lang")
    if value is None:
        return default
    if value not in LANGUAGES:
        raise rejected("bad_language", default, "protocol.bad_language", value=shown(value, default))
    return value


async def start_session(request: Request) -> Response:
    """POST /v1/sessions: a new session, its id made here; `known` needs an agent."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        agent = web.agent(request, lang)
        spec = _object(await read_json(request, lang), lang)
        if isinstance(spec.get("lang"), str) and spec["lang"] in LANGUAGES:
            lang = spec["lang"]
        if spec.get("known") not in (None, {}) and agent is None:
            raise web_rejected("missing_token", lang, "web.error.known_needs_agent")
        session_id = new_session_id()
        reply = await web.call(web.service(lang).start, session_id, dict(spec), agent or "")
    except Rejected as error:
        return error_response(error)
    return json_response(turn_json(reply, web.engine, session_id), 201,
                         {"Location": f"/v1/sessions/{session_id}", **NO_STORE})


def _turn_request(data: Mapping[str, Any], lang: str) -> str:
    return request_kind(data, TURN_KINDS, ("turn",), lang)


async def take_turn(request: Request) -> Response:
    """POST /v1/sessions/{id}/turns: one turn, for whoever holds the id; a stale `turn`
    is refused (409) with the session's current state under `current`."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        web.agent(request, lang)  # a token, if given, must be valid
        session_id = session_id_of(request, lang)
        data = _object(await read_json(request, lang), lang)
        kind = _turn_request(data, lang)
        service = web.service(lang)
        reply = await web.call(service.turn, session_id, kind, data[kind], data.get("turn"), widget_translator)
    except Rejected as error:
        if error.code != "stale_turn":
            return error_response(error)
        try:
            session = await web.call(web.service(lang).read, session_id)
        except Rejected:
            return error_response(error)
        current = turn_json(current_reply(web.engine, session), web.engine, session_id)
        return error_response(error, {"current": current})
    return json_response(turn_json(reply, web.engine, session_id), headers=NO_STORE)


async def current_state(request: Request) -> Response:
    """GET /v1/sessions/{id}/current: the pending question or the result, for whoever holds
    the id (the widget carrying on a session an agent started)."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        web.agent(request, lang)
        session_id = session_id_of(request, lang)
        session = await web.call(web.service(lang).read, session_id)
    except Rejected as error:
        return error_response(error)
    return json_response(turn_json(current_reply(web.engine, session), web.engine, session_id), headers=NO_STORE)


async def _readable(request: Request, web: WebContext, lang: str) -> tuple[str, Session]:
    agent = web.agent(request, lang)
    session_id = session_id_of(request, lang)
    session = await web.call(web.service(lang).read, session_id)
    check_reader(session, agent, session.lang)
    return session_id, session


async def session_details(request: Request) -> Response:
    """GET /v1/sessions/{id}: answers with who gave each, question, turn, assessment."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        session_id, session = await _readable(request, web, lang)
        shown_lang = _query_lang(request, session.lang)
    except Rejected as error:
        return error_response(error)
    return json_response(session_json(web.engine, session_id, session, shown_lang), headers=NO_STORE)


async def session_report(request: Request) -> Response:
    """GET /v1/sessions/{id}/report?format=md|json|html&lang=fr|en."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        session_id, session = await _readable(request, web, lang)
        shown_lang = _query_lang(request, session.lang)
        form = request.query_params.get("format", "md")
        if form not in REPORT_FORMATS:
            raise web_rejected("bad_request", shown_lang, "web.error.bad_format", value=shown(form, shown_lang))
    except Rejected as error:
        return error_response(error)
    tr = translator(shown_lang)
    assessment = web.engine.assessment(session)
    name = f"cpf-report-{shown_lang}.{form}"
    headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
    answers = answers_json(web.engine, session, shown_lang)
    open_questions = web.engine.open_questions(session, assessment)
    if form == "json":
        return json_response(report_json(assessment, tr, answers, open_questions), headers=headers)
    if form == "md":
        return Response(markdown(assessment, tr, answers, open_questions), headers=headers,
                        media_type=REPORT_FORMATS["md"])
    headers["Content-Disposition"] = f'inline; filename="{name}"'
    headers["Content-Security-Policy"] = report_html.CSP
    page = report_html.page(web.engine, session, assessment, tr)
    return Response(page, headers=headers, media_type=REPORT_FORMATS["html"])


async def assess_situation(request: Request) -> Response:
    """POST /v1/assess?lang=&date=: a situation in, its assessment out (as `cpf-bot assess`)."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        lang = _query_lang(request, web.config.lang)
        situation = await read_json(request, lang)
        date = request.query_params.get("date")
        found = await web.call(partial(bot.api.assess, today=web.config.today), situation, date, lang)
    except Rejected as error:
        return error_response(error)
    return json_response(found)


async def whoami(request: Request) -> Response:
    """GET /v1/agent: the agent a token speaks for (the console's sign-in)."""
    web = web_context(request)
    lang = web.lang(request)
    try:
        agent = web.required_agent(request, lang)
    except Rejected as error:
        return error_response(error)
    return json_response({"ok": True, "agent": agent}, headers=NO_STORE)


async def health(request: Request) -> Response:
    """GET /healthz: alive, and the store answers."""
    web = web_context(request)
    service = web.service(web.lang(request))
    try:
        await web.call(service.store.check)
    except Exception as error:  # any failure of the store is a failed check, never a 500
        if service.log is not None:
            service.log(f"store error: {error}\n")
        return error_response(rejected("store_error", service.lang, "protocol.store_error"))
    return json_response({"ok": True}, headers=NO_STORE)
