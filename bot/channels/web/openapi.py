"""The OpenAPI document of the web channel (`GET /openapi.json`), built from the code:
the situation schema from `FIELDS`, the error codes from the service and this channel,
the statuses from `errors.STATUS`. A test checks it covers every route of the app, and
schemathesis checks the app against it."""

from __future__ import annotations

from functools import cache
from typing import Any, Final, get_args

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.protocol import MAX_SESSION_ID
from bot.channels.web.errors import ALL_ERROR_CODES, json_response
from bot.channels.web.rest import MAX_SENDER
from bot.dialogue.definition import QuestionKind
from bot.dialogue.reply import MessageKind
from bot.i18n import LANGUAGES
from bot.rules.situation import FIELDS, MAX_DATE, MIN_DATE, FieldSpec, to_json_value
from bot.service.requests import COMMANDS

REF: Final = "#/components/schemas/"
DATE: Final = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
               "description": f"YYYY-MM-DD, from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"}
MESSAGE_KINDS: Final = get_args(MessageKind)
QUESTION_KINDS: Final = get_args(QuestionKind)
# The rules are known from earliest_date() (2019-01-01): a rules date from 2019 to 2199.
RULES_DATE: Final = {"type": "string", "format": "date", "pattern": r"^(20(19|[2-9]\d)|21\d\d)-\d{2}-\d{2}$",
                     "description": "YYYY-MM-DD, the date the rules are evaluated at (rules known from 2019-01-01)"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def field_schema(spec: FieldSpec) -> dict[str, Any]:
    """One situation field as JSON Schema."""
    schema: dict[str, Any]
    if spec.kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif spec.kind == "bool":
        schema = {"type": "boolean"}
    elif spec.kind == "date":
        schema = dict(DATE)
    else:
        schema = {"type": "integer" if spec.kind == "int" else "number"}
        if spec.positive:
            schema["exclusiveMinimum"] = 0
        elif spec.minimum is not None:
            schema["minimum"] = to_json_value(spec.minimum)
        if spec.maximum is not None:
            schema["maximum"] = to_json_value(spec.maximum)
    if spec.nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def situation_schema(require_status: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False,
                              "properties": {name: RULES_DATE if name == "as_of" else field_schema(spec)
                                             for name, spec in FIELDS.items()}}
    if require_status:
        schema["required"] = ["status"]
    return schema


def _object(properties: dict[str, Any], required: list[str] | None = None, closed: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "required": list(properties) if required is None else required}
    if closed:
        schema["additionalProperties"] = False
    return schema


NUMBER: Final = {"type": "number"}
NULLABLE_NUMBER: Final = {"type": ["number", "null"]}
TEXT: Final = {"type": "string"}
BOOL: Final = {"type": "boolean"}
COUNT: Final = {"type": "integer", "minimum": 0}
LANG: Final = {"type": "string", "enum": list(LANGUAGES)}


def components() -> dict[str, Any]:
    progress = _object({"answered": COUNT, "remaining": COUNT, "text": TEXT})
    question = _object({"id": TEXT, "kind": {"type": "string", "enum": list(QUESTION_KINDS)}, "text": TEXT,
                        "choices": {"type": "array", "items": _object({"value": {}, "label": TEXT})},
                        "optional": BOOL})
    assessment = _object({
        "as_of": DATE, "account": _object({"open": BOOL, "reason": TEXT}),
        "unit": {"type": "string", "enum": ["EUR", "hours"]}, "annual_credit": NUMBER, "cap": NUMBER,
        "balance": NULLABLE_NUMBER, "balance_estimated": BOOL,
        "training": {"oneOf": [{"type": "null"}, _object(
            {"eligible": BOOL, "reason": TEXT, "cpf_cap": NULLABLE_NUMBER})]},
        "participation": _object({"amount": NUMBER, "due": BOOL, "exemption": {"type": ["string", "null"]}}),
        "funding": {"oneOf": [{"type": "null"}, _object(
            {"cost": NUMBER, "participation": NUMBER, "cpf_pays": NUMBER, "remaining": NUMBER})]},
        "employer": {"oneOf": [{"type": "null"}, _object({
            "agreement_needed": BOOL, "ask_before": {"type": ["string", "null"]},
            "reply_days": {"type": ["integer", "null"]}, "silence_is_acceptance": BOOL})]},
        "next_steps": {"type": "array", "items": _object({"code": TEXT, "text": TEXT})},
        "explanations": {"type": "array", "items": _object({
            "code": TEXT, "text": TEXT, "sources": {"type": "array", "items": TEXT},
            "confidence": {"type": "string", "enum": ["V", "S", "seed"]}})},
        "missing": {"type": "array", "items": TEXT},
    }, required=["as_of", "account", "unit", "annual_credit", "cap", "balance", "balance_estimated",
                 "training", "participation", "funding", "employer", "next_steps", "explanations"])
    reply = _object({
        "session": TEXT, "ok": {"const": True},
        "messages": {"type": "array", "items": _object({"kind": {"type": "string", "enum": list(MESSAGE_KINDS)},
                                                         "text": TEXT})},
        "question": {"oneOf": [{"type": "null"}, ref("Question")]},
        "assessment": {"oneOf": [{"type": "null"}, ref("Assessment")]},
        "ended": BOOL, "turn": COUNT, "lang": LANG, "progress": ref("Progress"),
        "confirm": {"oneOf": [{"type": "null"}, ref("Confirm")]},
        "result": {"oneOf": [{"type": "null"}, ref("ResultView")]},
    })
    piece = _object({"text": TEXT, "url": {"type": ["string", "null"], "description": "an https address, or null"}})
    result_view = _object({
        "figures": {"type": "array", "description": "the main figures, one sentence each", "items": TEXT},
        "has_amount": {"type": "boolean", "description": "whether the result shows a figure that \"why\" details"},
        "sources": {"type": "array", "description": "per explanation, its references as text pieces, some linked",
                    "items": {"type": "array", "items": piece}}})
    confirm = _object({"kind": {"type": "string", "enum": ["amount", "plausible", "restart"]}, "text": TEXT,
                       "choices": {"type": "array", "items": _object({"value": BOOL, "label": TEXT})}})
    error = _object({
        "ok": {"const": False},
        "error": _object({"code": {"type": "string", "enum": list(ALL_ERROR_CODES)}, "message": TEXT}),
        "turn": COUNT,
        "current": ref("TurnReply"),
    }, required=["ok", "error"])
    answer = _object({"field": TEXT, "label": TEXT, "value": {}, "text": TEXT,
                      "source": {"type": "string", "enum": ["person", "agent"]}})
    details = _object({
        "ok": {"const": True}, "session": TEXT, "lang": LANG, "as_of": DATE, "owner": TEXT, "turn": COUNT,
        "ended": BOOL, "answers": {"type": "array", "items": ref("Answer")},
        "question": {"oneOf": [{"type": "null"}, ref("Question")]},
        "assessment": {"oneOf": [{"type": "null"}, ref("Assessment")]}, "progress": ref("Progress"),
        "result": {"oneOf": [{"type": "null"}, ref("ResultView")]},
    })
    report = {"allOf": [ref("Assessment"), _object({
        "answers": {"type": "array", "items": ref("Answer")},
        "provisional": {"type": "boolean", "description": "the result is not reached yet: its figures rest on assumptions"},
        "open_questions": {"type": "array", "items": _object({"field": TEXT, "label": TEXT})}})]}
    start = _object({"lang": LANG, "date": {"oneOf": [{"type": "null"}, RULES_DATE]},
                     "known": {"oneOf": [{"type": "null"}, situation_schema(False)]}}, required=[], closed=True)
    kinds = {"answer": {"description": "the answer, in the situation field's own JSON type"},
             "say": {"type": "string", "description": "what the person typed, read as the terminal reads it"},
             "command": {"type": "string", "enum": list(COMMANDS)}}
    turn_request = {
        "type": "object", "additionalProperties": False,
        "properties": {**kinds, "turn": {**COUNT, "description": "the turn the client last saw (safe retries)"}},
        "oneOf": [{"required": [kind]} for kind in kinds],
    }
    rest_request = _object({"sender": {"type": "string", "minLength": 1, "maxLength": MAX_SENDER},
                            "message": TEXT, "metadata": {"description": "ignored, but for `lang` (fr or en) in an object: the language of a new conversation"}}, required=["sender", "message"])
    rest_reply = {"type": "array", "items": _object({
        "recipient_id": TEXT, "text": TEXT,
        "buttons": {"type": "array", "items": _object({"title": TEXT, "payload": TEXT})}})}
    field = _object({"id": TEXT, "phase": TEXT, "label": TEXT, "kind": {"type": "string", "enum": list(QUESTION_KINDS)},
                     "type": TEXT, "choices": {"type": "array", "items": _object({"value": {}, "label": TEXT})},
                     "optional": BOOL, "nullable": BOOL, "minimum": NULLABLE_NUMBER, "maximum": NULLABLE_NUMBER})
    return {
        "schemas": {
            "Error": error, "Progress": progress, "Confirm": confirm, "Question": question, "Assessment": assessment,
            "TurnReply": reply, "ResultView": result_view, "Answer": answer, "Report": report, "SessionDetails": details, "StartRequest": start,
            "TurnRequest": turn_request, "Situation": situation_schema(True), "RestRequest": rest_request,
            "RestReply": rest_reply,
            "Texts": _object({"ok": {"const": True}, "lang": LANG,
                              "texts": {"type": "object", "additionalProperties": TEXT},
                              "max_length": {"type": "integer", "minimum": 1,
                                             "description": "the most characters an answer may have"}}),
            "Schema": _object({"ok": {"const": True}, "lang": LANG, "fields": {"type": "array", "items": field}}),
            "Agent": _object({"ok": {"const": True}, "agent": TEXT}),
            "Health": _object({"ok": {"const": True}}),
        },
        "securitySchemes": {"agentToken": {"type": "http", "scheme": "bearer",
                                           "description": "an agent's token (--agent-tokens FILE)"}},
    }


STATUS_TEXT: Final = {400: "bad input", 401: "no token, or a wrong one", 403: "another's session",
                      404: "unknown session", 405: "method not allowed", 409: "stale turn, ended, exists",
                      413: "body too large (64 KiB)", 415: "body not JSON", 429: "too many requests",
                      500: "a bug (internal_error)", 503: "the store failed (store_error)"}
COMMON: Final = (400, 405, 413, 429, 500)  # 400: a `?lang=` we do not speak, anywhere


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": STATUS_TEXT[s], "content": {"application/json": {"schema": ref("Error")}}}
            for s in sorted({*statuses, *COMMON})}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": ref(name)}}}


SESSION_ID: Final = {"name": "id", "in": "path", "required": True,
                     "schema": {"type": "string", "maxLength": MAX_SESSION_ID},
                     "description": "a session id the server made (POST /v1/sessions)"}
LANG_QUERY: Final = {"name": "lang", "in": "query", "required": False, "schema": LANG}
OPTIONAL_AGENT: Final[list[dict[str, list[str]]]] = [{}, {"agentToken": []}]
HTML: Final = {"description": "an HTML page", "content": {"text/html": {"schema": TEXT}}}


def paths() -> dict[str, Any]:
    session_read = _errors(400, 401, 403, 404, 409, 503)
    return {
        "/v1/sessions": {"post": {
            "operationId": "startSession", "summary": "A new session; its id is made by the server",
            "description": "Anyone may start one; `known` (pre-filled answers) needs an agent token, and the "
                           "session then belongs to that agent.",
            "security": OPTIONAL_AGENT, "parameters": [LANG_QUERY], "requestBody": _body("StartRequest"),
            "responses": {"201": {**_json(ref("TurnReply"), "the first reply"),
                                  "headers": {"Location": {"schema": TEXT}},
                                  "links": {"turn": {"operationId": "takeTurn",
                                                     "parameters": {"id": "$response.body#/session"}},
                                            "current": {"operationId": "currentState",
                                                        "parameters": {"id": "$response.body#/session"}},
                                            "details": {"operationId": "sessionDetails",
                                                        "parameters": {"id": "$response.body#/session"}}}},
                          **_errors(400, 401, 409, 415, 503)}}},
        "/v1/sessions/{id}": {"get": {
            "operationId": "sessionDetails", "summary": "Answers with who gave each, question, turn, assessment",
            "description": "For the agent who started the session; a session started without a token is read "
                           "without one (an agent's token gives no access to it).",
            "security": OPTIONAL_AGENT, "parameters": [SESSION_ID, LANG_QUERY],
            "responses": {"200": _json(ref("SessionDetails"), "the session"), **session_read}}},
        "/v1/sessions/{id}/turns": {"post": {
            "operationId": "takeTurn", "summary": "One turn, for whoever holds the id",
            "parameters": [SESSION_ID, LANG_QUERY], "requestBody": _body("TurnRequest"),
            "responses": {"200": _json(ref("TurnReply"), "the reply"), **_errors(400, 401, 404, 409, 415, 503)}}},
        "/v1/sessions/{id}/current": {"get": {
            "operationId": "currentState", "summary": "The pending question or the result, for whoever holds the id",
            "parameters": [SESSION_ID, LANG_QUERY],
            "responses": {"200": _json(ref("TurnReply"), "the current state"), **_errors(400, 401, 404, 409, 503)}}},
        "/v1/sessions/{id}/report": {"get": {
            "operationId": "sessionReport", "summary": "The report: Markdown, JSON or a printable HTML page",
            "security": OPTIONAL_AGENT,
            "parameters": [SESSION_ID, LANG_QUERY, {"name": "format", "in": "query", "required": False,
                                                    "schema": {"type": "string", "enum": ["md", "json", "html"]}}],
            "responses": {"200": {"description": "the report", "content": {
                "text/markdown": {"schema": TEXT}, "application/json": {"schema": ref("Report")},
                "text/html": {"schema": TEXT}}}, **session_read}}},
        "/v1/assess": {"post": {
            "operationId": "assess", "summary": "A situation in, its assessment out (as `cpf-bot assess`)",
            "parameters": [LANG_QUERY, {"name": "date", "in": "query", "required": False, "schema": RULES_DATE}],
            "requestBody": _body("Situation"),
            "responses": {"200": _json(ref("Assessment"), "the assessment"), **_errors(400, 415)}}},
        "/v1/agent": {"get": {
            "operationId": "agent", "summary": "The agent a token speaks for", "security": [{"agentToken": []}],
            "responses": {"200": _json(ref("Agent"), "the agent"), **_errors(401)}}},
        "/v1/texts": {"get": {
            "operationId": "texts", "summary": "The sentences of the widget and the console",
            "parameters": [LANG_QUERY], "responses": {"200": _json(ref("Texts"), "the texts"), **_errors(400)}}},
        "/v1/schema": {"get": {
            "operationId": "schema", "summary": "The fields an agent can pre-fill, in interview order",
            "parameters": [LANG_QUERY], "responses": {"200": _json(ref("Schema"), "the fields"), **_errors(400)}}},
        "/webhooks/rest/webhook": {"post": {
            "operationId": "restWebhook", "summary": "The REST channel that Rasa clients speak",
            "requestBody": _body("RestRequest"),
            "responses": {"200": _json(ref("RestReply"), "the bot's messages"), **_errors(400, 415, 503)}}},
        "/webhooks/rest/": {"get": {
            "operationId": "restStatus", "summary": "The REST channel is up",
            "responses": {"200": _json(_object({"status": TEXT}), "ok"), **_errors()}}},
        "/healthz": {"get": {
            "operationId": "health", "summary": "Alive, and the store answers",
            "responses": {"200": _json(ref("Health"), "alive"), **_errors(503)}}},
        "/openapi.json": {"get": {
            "operationId": "openapi", "summary": "This document",
            "responses": {"200": _json({"type": "object"}, "the OpenAPI document"), **_errors()}}},
        "/": {"get": {"operationId": "demoPage", "summary": "A page with the chat widget",
                      "parameters": [LANG_QUERY], "responses": {"200": HTML, **_errors()}}},
        "/console": {"get": {"operationId": "console", "summary": "The agent console",
                             "parameters": [LANG_QUERY], "responses": {"200": HTML, **_errors()}}},
        **{f"/{name}": {"get": {"operationId": name.replace(".", "_"), "summary": f"The {name} asset",
                                "responses": {"200": {"description": name, "content": {
                                    ("text/javascript" if name.endswith(".js") else "text/css"): {"schema": TEXT}}},
                                    **_errors()}}}
           for name in ("widget.js", "widget.css", "console.js", "console.css")},
    }


@cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "cpf-bot", "version": "1",
                 "description": "French training rights (CPF), as a conversation or an assessment. "
                                "Every error is {\"ok\": false, \"error\": {\"code\", \"message\"}}."},
        "paths": paths(),
        "components": components(),
    }


async def openapi_route(request: Request) -> Response:
    return json_response(document())


def main() -> None:
    """`python -m bot.channels.web.openapi > docs/openapi.json`: the document, for the docs."""
    import json
    import sys

    sys.stdout.write(json.dumps(document(), ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
