"""A reply as JSON data: the shape every machine channel sends (serve, the API, HTTP)."""

from __future__ import annotations

from typing import Any

from bot.dialogue.definition import Dialogue
from bot.dialogue.reply import Reply
from bot.i18n import Translator, translator
from bot.render.assessment import assessment_json
from bot.render.reply import choice_labels, message_text, question_text, reply_messages
from bot.render.safe import printable

_printable: dict[str, str] = {}  # the questions' texts and labels, made printable once


def _kept_printable(text: str) -> str:
    found = _printable.get(text)
    if found is None:
        found = printable(text)
        if len(_printable) >= 4096:
            _printable.clear()
        _printable[text] = found
    return found


def yes_no_choices(tr: Translator) -> list[dict[str, Any]]:
    return [{"value": True, "label": tr.text("protocol.yes")}, {"value": False, "label": tr.text("protocol.no")}]


def question_json(reply: Reply) -> dict[str, Any] | None:
    """The pending question: id (the situation field), kind, text, choices, optional."""
    question = reply.question
    if question is None:
        return None
    tr = translator(reply.session.lang)
    choices: list[dict[str, Any]] = []
    if question.kind == "choice":
        labels = choice_labels(question, tr)
        choices = [{"value": v, "label": _kept_printable(label)} for v, label in zip(question.choices, labels)]
    elif question.kind == "yes_no":
        choices = yes_no_choices(tr)
    return {"id": question.field, "kind": question.kind, "text": _kept_printable(question_text(reply, tr)),
            "choices": choices, "optional": question.optional}


def confirm_json(reply: Reply, dialogue: Dialogue) -> dict[str, Any] | None:
    """A pending confirmation: its kind, its sentence (also the last message) and yes/no."""
    if reply.confirmation is None or reply.session.confirming is None:
        return None
    tr = translator(reply.session.lang)
    return {"kind": reply.session.confirming.kind,
            "text": printable(message_text(reply.confirmation, dialogue, tr)),
            "choices": yes_no_choices(tr)}


def reply_json(reply: Reply, dialogue: Dialogue, tr: Translator | None = None) -> dict[str, Any]:
    """An accepted turn as the protocol's response (without its `session`); its messages
    said by `tr` (by default the session language's translator)."""
    tr = tr or translator(reply.session.lang)
    return {
        "ok": True,
        "messages": [{"kind": kind, "text": printable(text)} for kind, text in reply_messages(reply, dialogue, tr)],
        "question": question_json(reply),
        "assessment": None if reply.assessment is None else assessment_json(reply.assessment, tr),
        "ended": reply.ended,
        "turn": reply.session.turn,
        "confirm": confirm_json(reply, dialogue),
    }
