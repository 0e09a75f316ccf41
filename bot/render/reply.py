"""Engine replies as plain sentences: messages, the question with its choices, the result.

Shared by every channel (line mode, terminal, JSON lines), so all say the same words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from bot.dialogue.definition import Dialogue, Question
from bot.dialogue.progress import Progress
from bot.dialogue.reply import LegalSource, Message, Reply, Shown
from bot.i18n import Months, Translator, Years

# The result's rendering (bot.render.assessment) and the rules' types are imported where a
# reply needs them: the first question needs neither.


def shown_text(shown: Shown, dialogue: Dialogue, tr: Translator) -> str:
    """An answer as the person reads it: a choice's label, yes/no, a formatted value; an
    answer shown in hours is read in the question's hours version, where it has one."""
    question = dialogue.questions[shown.field]
    if shown.unit == "hours" and question.in_hours is not None:
        question = question.in_hours
    elif shown.variant and (version := question.variant_for(shown.variant)) is not None:
        question = version
    value = shown.value
    if value is None:
        return tr.text("answer.unknown")
    if question.kind == "choice":
        return tr.text(question.choice_key(str(value)))
    if (shown.unit == "hours" or question.unit == "hours") and isinstance(value, Decimal | int):  # "→ 24 h"
        from bot.rules.model import Hours

        return tr.format(Hours(Decimal(value)))
    if question.unit == "months" and isinstance(value, Decimal | int):  # "→ 3 mois", "→ 1 month"
        return tr.format(Months(value))
    if question.unit in ("years", "age") and isinstance(value, Decimal | int):  # "→ 25 ans", "→ 1 year"
        return tr.format(Years(value))
    if question.kind == "money" and isinstance(value, Decimal):
        from bot.rules.model import Money

        return tr.format(Money(value))
    if isinstance(value, bool | date | Decimal | int):
        return tr.format(value)
    return str(value)


def _params(params: Mapping[str, Any], dialogue: Dialogue, tr: Translator) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, Shown):
            value = shown_text(value, dialogue, tr)
        elif isinstance(value, LegalSource):
            from bot.render.references import plain, reference_pieces  # rare: not on the start path

            value = plain(reference_pieces([value.text], tr, detailed=True))
        elif isinstance(value, tuple) and all(isinstance(v, Shown) for v in value):
            value = ", ".join(shown_text(v, dialogue, tr) for v in value)
        out[name] = value
    return out


def message_text(message: Message, dialogue: Dialogue, tr: Translator) -> str:
    if message.explanation is not None:
        from bot.render.assessment import explanation_text, sources_line

        text = explanation_text(message.explanation, tr)
        if message.explanation.sources:
            text = f"{text}\n{sources_line(message.explanation, tr)}"
        return text
    return tr.text(message.key, **_params(message.params, dialogue, tr))


KEPT: Final = 4096  # sentences of questions kept ready (they come back every turn)
_labels: dict[tuple[int, Translator], tuple[Question, tuple[str, ...]]] = {}
_questions: dict[tuple[str, Translator, int], tuple[Mapping[str, Any] | None, str]] = {}


def _keep(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= KEPT:
        cache.clear()
    cache[key] = value


def choice_labels(question: Question, tr: Translator) -> list[str]:
    kept = _labels.get((id(question), tr))
    if kept is None or kept[0] is not question:
        kept = (question, tuple(tr.text(question.choice_key(value)) for value in question.choices))
        _keep(_labels, (id(question), tr), kept)
    return list(kept[1])


def question_lines(reply: Reply, tr: Translator) -> list[str]:
    """The reply's question, then its numbered choices."""
    assert reply.question is not None
    lines = [question_text(reply, tr)]
    lines += [f"  {n}. {label}" for n, label in enumerate(choice_labels(reply.question, tr), 1)]
    return lines


def progress_line(found: Progress, tr: Translator) -> str | None:
    """"Question 5 of about 14" (after `back`, the number the question had), or None at the
    result or before the first answer (how many depends on it)."""
    if found.remaining == 0 or found.answered == 0:
        return None
    return tr.text("terminal.progress", current=found.current, total=found.total)


def result_lines(reply: Reply, tr: Translator) -> list[str]:
    """The figures and the numbered next steps of a finished dialogue."""
    from bot.render.assessment import based_on_line, figure_lines, next_step_text

    assert reply.assessment is not None
    lines = figure_lines(reply.assessment, tr)
    lines.append(based_on_line(reply.assessment, tr))
    if reply.assessment.next_steps:
        lines += ["", tr.text("result.next_steps")]
        lines += [f"{n}. {next_step_text(s, tr)}" for n, s in enumerate(reply.assessment.next_steps, 1)]
    return lines


def reply_messages(reply: Reply, dialogue: Dialogue, tr: Translator) -> list[tuple[str, str]]:
    """The reply's messages as (kind, text); the result message carries the figures."""
    out: list[tuple[str, str]] = []
    for message in reply.messages:
        text = message_text(message, dialogue, tr)
        if message.kind == "result" and reply.assessment is not None:
            text = "\n".join([text, *result_lines(reply, tr)])
        out.append((message.kind, text))
    return out


def question_text(reply: Reply, tr: Translator) -> str:
    """The question's sentence alone (its choices are listed apart).

    Kept for the same parameters object: a question's dated figures are made once per
    question and date (`bot.dialogue.params`), and babel takes microseconds a figure.
    """
    assert reply.question is not None
    params = reply.question_params
    key = (reply.question.key("question"), tr, id(params) if params else 0)
    kept = _questions.get(key)
    if kept is None or (params and kept[0] is not params):
        kept = (params or None, tr.text(reply.question.key("question"), **params))
        _keep(_questions, key, kept)
    return kept[1]


def reply_lines(reply: Reply, dialogue: Dialogue, tr: Translator, found: Progress | None = None) -> Iterator[str]:
    """Everything a reply says, as plain lines, in reading order; with its progress
    (`found`), the question is numbered."""
    for _, text in reply_messages(reply, dialogue, tr):
        yield from text.split("\n")
    if asks_question(reply):
        numbered = progress_line(found, tr) if found is not None else None
        if numbered is not None:
            yield numbered
        yield from question_lines(reply, tr)


def asks_question(reply: Reply) -> bool:
    """Whether the reply ends on its question: not while a confirmation (its last message)
    waits for yes or no."""
    return reply.question is not None and reply.confirmation is None
