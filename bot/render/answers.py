"""The answers a result rests on, each with its question's short name, the value as the
person reads it and who gave it: for the reports (Markdown, JSON, the web's page) and the
agent's view of a session."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.dialogue.definition import Dialogue
from bot.dialogue.reply import Shown
from bot.i18n import Translator
from bot.render.reply import shown_text
from bot.render.safe import printable
from bot.rules.situation import to_json_value


def answers_json(given: Iterable[tuple[Shown, str]], dialogue: Dialogue, tr: Translator) -> list[dict[str, Any]]:
    """`given` (the engine's answers with who gave each) as `{field, label, value, text, source}`;
    `source` is "person" or "agent"."""
    return [{
        "field": shown.field,
        "label": printable(tr.text(f"field.{shown.field}")),
        "value": to_json_value(shown.value),
        "text": printable(shown_text(shown, dialogue, tr)),
        "source": source,
    } for shown, source in given]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def answers_markdown(answers: list[dict[str, Any]], tr: Translator) -> list[str]:
    """The answers as a Markdown section: a heading and a table, nothing when none was given."""
    if not answers:
        return []
    head = [tr.text(key) for key in ("result.answers_question", "result.answers_answer", "result.answers_given_by")]
    lines = [f"## {tr.text('result.answers')}", "", "| " + " | ".join(map(_cell, head)) + " |", "|---|---|---|"]
    for a in answers:
        given_by = tr.text("dialog.source." + a["source"])
        lines.append(f"| {_cell(a['label'])} | {_cell(a['text'])} | {_cell(given_by)} |")
    return lines
