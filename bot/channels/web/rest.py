"""The REST channel Rasa clients speak (`POST /webhooks/rest/webhook`), so help-desk
integrations written for Rasa (Chatwoot and others) connect unchanged.

In: `{"sender": "…", "message": "…"}` (other keys, such as Rasa's `metadata`, are
ignored; `metadata.lang` picks the language of a new conversation). Out: a list of
`{"recipient_id": sender, "text": "…", "buttons": [{"title", "payload"}]}`.

`sender` names the conversation: its session is kept under a key derived from it
(`rest:` and a SHA-256), never under the client's own string, and the API's session
ids cannot reach it. A sender's first message starts the conversation and gets the
welcome and the first question. Choices come back as buttons whose payload,
`/answer{"value": …, "turn": N}`, posted back as the message, answers in the field's
own type; the turn makes a late click on an old button harmless (`stale_turn`: the
current question is shown again). Anything else is read as typed text, commands
included. A refused answer is said as a message, then the question again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.web.bodies import read_json
from bot.channels.web.context import WebContext, web_context
from bot.channels.web.errors import error_response, json_response, web_rejected
from bot.channels.web.views import current_reply
from bot.dialogue.reply import Reply
from bot.i18n import LANGUAGES, translator
from bot.render.json_view import confirm_json, question_json
from bot.render.reply import reply_messages
from bot.render.safe import printable
from bot.service.requests import Rejected, rejected
from bot.service.stored import StoredConversations

MAX_SENDER: Final = 200  # characters
PAYLOAD: Final = re.compile(r"/answer(\{.*\})", re.DOTALL)
SHOW_QUESTION_AFTER: Final = frozenset({"invalid_answer", "command_refused", "stale_turn", "bad_request"})


def session_key(sender: str) -> str:
    """The store key of a sender's conversation."""
    return "rest:" + hashlib.sha256(sender.encode("utf-8", "surrogatepass")).hexdigest()


def payload(value: Any, turn: int) -> str:
    return "/answer" + json.dumps({"value": value, "turn": turn}, ensure_ascii=False, separators=(",", ":"))


def bot_messages(reply: Reply, web: WebContext, sender: str) -> list[dict[str, Any]]:
    """A reply as REST messages: what it says, then its question with buttons."""
    tr = translator(reply.session.lang)
    out: list[dict[str, Any]] = [{"recipient_id": sender, "text": printable(text), "buttons": []}
           for _, text in reply_messages(reply, web.engine.dialogue, tr)]
    confirm = confirm_json(reply, web.engine.dialogue)
    question = question_json(reply)
    if confirm is not None:  # its sentence is the last message: it gets the yes/no buttons
        out[-1]["buttons"] = _buttons(confirm["choices"], reply.session.turn)
    elif question is not None:
        out.append({"recipient_id": sender, "text": question["text"],
                    "buttons": _buttons(question["choices"], reply.session.turn)})
    return out


def _buttons(choices: list[dict[str, Any]], turn: int) -> list[dict[str, Any]]:
    return [{"title": c["label"], "payload": payload(c["value"], turn)} for c in choices]


def _event(message: str) -> tuple[str, Any, Any]:
    """(kind, value, expected turn) of a message: a button's payload or typed text."""
    found = PAYLOAD.fullmatch(message.strip())
    if found:
        try:
            data = json.loads(found[1])
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, Mapping) and set(data) <= {"value", "turn"} and "value" in data:
            return "answer", data["value"], data.get("turn")
    return "say", message, None


def _converse(service: StoredConversations, key: str, message: str, lang: str) -> Reply:
    kind, value, turn = _event(message)
    try:
        return service.turn(key, kind, value, turn)
    except Rejected as error:
        if error.code != "unknown_session":
            raise
    try:
        return service.start(key, {"lang": lang})
    except Rejected as error:
        if error.code != "session_exists":  # another request started it meanwhile
            raise
    return service.turn(key, kind, value, turn)


async def webhook(request: Request) -> Response:
    web = web_context(request)
    lang = web.lang(request)
    try:
        data = await read_json(request, lang)
        if not isinstance(data, Mapping):
            raise rejected("not_an_object", lang, "protocol.not_an_object")
        metadata = data.get("metadata")
        if isinstance(metadata, Mapping) and metadata.get("lang") in LANGUAGES:
            lang = str(metadata["lang"])
        sender, message = data.get("sender"), data.get("message")
        if not isinstance(sender, str) or not 1 <= len(sender) <= MAX_SENDER or not sender.isprintable():
            raise web_rejected("bad_request", lang, "web.error.bad_sender", max=MAX_SENDER)
        if not isinstance(message, str):
            raise web_rejected("bad_request", lang, "web.error.bad_message")
    except Rejected as error:
        return error_response(error)
    service = web.service(lang)
    key = session_key(sender)
    try:
        reply = await web.call(_converse, service, key, message, lang)
    except Rejected as error:
        if error.code in ("store_error", "internal_error"):
            return error_response(error)
        said = [{"recipient_id": sender, "text": error.message, "buttons": []}]
        if error.code in SHOW_QUESTION_AFTER:
            try:
                session = await web.call(service.read, key)
            except Rejected:
                return json_response(said)
            said += bot_messages(current_reply(web.engine, session), web, sender)[-1:]
        return json_response(said)
    return json_response(bot_messages(reply, web, sender))
