"""What a browser loads: the demo page (`/`), the console (`/console`), the scripts and
styles (package data under `static/`), the scripts' sentences (`/v1/texts`) and the
pre-fill form's fields (`/v1/schema`, from the situation schema and the dialogue)."""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.web.context import web_context
from bot.channels.web.errors import error_response, json_response
from bot.channels.web.texts import texts
from bot.dialogue.interpret.errors import MAX_LENGTH
from bot.dialogue.definition import cpf_dialogue
from bot.i18n import LANGUAGES, translator
from bot.render.reply import choice_labels
from bot.render.safe import printable
from bot.rules.situation import FIELDS, to_json_value
from bot.service.requests import Rejected, rejected, shown

STATIC: Final = {
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
}
CACHE: Final = {"Cache-Control": "no-cache"}


@cache
def _asset(name: str) -> bytes:
    return files("bot.channels.web").joinpath("static", name).read_bytes()


def _page_lang(request: Request) -> str:
    value = request.query_params.get("lang")
    return value if value in LANGUAGES else web_context(request).lang(request)


def _lang_param(request: Request) -> str:
    web = web_context(request)
    value = request.query_params.get("lang")
    if value is None:
        return web.lang(request)
    if value not in LANGUAGES:
        lang = web.lang(request)
        raise rejected("bad_language", lang, "protocol.bad_language", value=shown(value, lang))
    return value


async def asset(request: Request) -> Response:
    """A script or a style sheet of the widget or the console."""
    name = str(request.path_params["name"]) if "name" in request.path_params else request.url.path.lstrip("/")
    return Response(_asset(name), headers=CACHE, media_type=STATIC[name])


async def texts_route(request: Request) -> Response:
    """GET /v1/texts?lang=: the sentences of the widget and the console, and `max_length`,
    the most characters an answer may have (the widget's text field holds no more)."""
    try:
        lang = _lang_param(request)
    except Rejected as error:
        return error_response(error)
    return json_response({"ok": True, "lang": lang, "texts": texts(lang), "max_length": MAX_LENGTH}, headers=CACHE)


@cache
def schema_fields(lang: str) -> list[dict[str, Any]]:
    """The pre-fill form: every question of the dialogue with its label, kind and choices."""
    tr = translator(lang)
    dialogue = cpf_dialogue()
    found = []
    for phase, names in dialogue.phases:
        for name in names:
            question = dialogue.questions[name]
            spec = FIELDS[name]
            choices: list[dict[str, Any]] = []
            if question.kind == "choice":
                choices = [{"value": v, "label": printable(label)}
                           for v, label in zip(question.choices, choice_labels(question, tr))]
            elif question.kind == "yes_no":
                choices = [{"value": True, "label": tr.text("protocol.yes")},
                           {"value": False, "label": tr.text("protocol.no")}]
            found.append({
                "id": name, "phase": phase, "label": printable(tr.text(f"field.{name}")),
                "kind": question.kind, "type": spec.kind, "choices": choices,
                "optional": question.optional, "nullable": spec.nullable,
                "minimum": None if spec.minimum is None else to_json_value(spec.minimum),
                "maximum": None if spec.maximum is None else to_json_value(spec.maximum),
            })
    return found


async def schema_route(request: Request) -> Response:
    """GET /v1/schema?lang=: the fields an agent can pre-fill, in interview order."""
    try:
        lang = _lang_param(request)
    except Rejected as error:
        return error_response(error)
    return json_response({"ok": True, "lang": lang, "fields": schema_fields(lang)}, headers=CACHE)


def _html(lang: str, title: str, body: str, style: str) -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="/{style}"></head>'
            f"<body>{body}</body></html>")


async def demo_page(request: Request) -> Response:
    """GET /: a page with the chat widget, as a help desk would embed it."""
    lang = _page_lang(request)
    tr = translator(lang)
    snippet = f'<script src="https://…/widget.js" data-lang="{lang}" defer></script>'
    body = (f'<main class="demo"><h1>{escape(tr.text("web.demo.title"))}</h1>'
            f'<p>{escape(tr.text("web.demo.intro"))}</p>'
            f'<pre><code>{escape(snippet)}</code></pre>'
            f'<p><a href="/console?lang={lang}">{escape(tr.text("web.demo.console_link"))}</a></p>'
            f'<div id="cpf-bot"></div>'
            f'<script src="/widget.js" data-target="cpf-bot" data-lang="{lang}" defer></script></main>')
    return Response(_html(lang, tr.text("web.demo.title"), body, "widget.css"), headers=CACHE,
                    media_type="text/html; charset=utf-8")


async def console_page(request: Request) -> Response:
    """GET /console: the agent console (it asks for a token before anything else)."""
    lang = _page_lang(request)
    tr = translator(lang)
    body = (f'<main id="cpf-console" class="console" data-lang="{lang}">'
            f'<h1>{escape(tr.text("web.console.title"))}</h1></main>'
            '<script src="/console.js" defer></script>')
    return Response(_html(lang, tr.text("web.console.title"), body, "console.css"), headers=CACHE,
                    media_type="text/html; charset=utf-8")
