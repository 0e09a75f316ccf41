"""Sessions as the web channel shows them: a turn's reply with its session id and
progress, the current state of a session (to carry it on), and an agent's view of it
(every answer with who gave it). Read-only: nothing here changes a session."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, Final

from bot.dialogue.engine import Engine
from bot.dialogue.machine import ENDED
from bot.dialogue.progress import progress as counted_progress
from bot.dialogue.reply import Reply, Shown
from bot.dialogue.session import Session
from bot.i18n import Reworded, Translator, translator
from bot.render.answers import answers_json as given_answers
from bot.render.assessment import assessment_json, figure_lines, has_amount
from bot.render.json_view import question_json, reply_json
from bot.render.references import reference_pieces
from bot.render.reply import shown_text
from bot.render.safe import printable
from bot.rules.model import Assessment
from bot.rules.situation import to_json_value


def progress(engine: Engine, session: Session, assessment: Assessment | None = None,
             lang: str | None = None) -> dict[str, Any]:
    """`bot.dialogue.progress`, with the sentence that says it."""
    found = assessment if assessment is not None else engine.assessment(session)
    answered, remaining, _ = counted_progress(engine, session, found)
    tr = translator(lang or session.lang)
    if session.state == ENDED and _left_early(engine, session, found):
        text = tr.text("web.progress.ended", count=answered)
    elif remaining == 0:
        text = tr.text("web.progress.done", answered=answered)
    else:
        text = tr.text("web.progress.text", answered=answered, remaining=remaining)
    return {"answered": answered, "remaining": remaining, "text": text}


def _left_early(engine: Engine, session: Session, found: Assessment) -> bool:
    """Whether an ended session ended before its result (a question still to answer)."""
    return bool(engine.open_questions(session, found))


def result_view(assessment: Assessment | None, lang: str) -> dict[str, Any] | None:
    """How the widget and the console show a result: its main figures, one sentence each
    (as the terminal's box), whether it has a figure (`has_amount`, as the terminal decides),
    and each explanation's references as pieces of text, each with its https link or null."""
    if assessment is None:
        return None
    tr = translator(lang)
    return {"figures": [printable(line) for line in figure_lines(assessment, tr)],
            "has_amount": has_amount(assessment),
            "sources": [[{"text": printable(text), "url": url if url and url.startswith("https://") else None}
                         for text, url in reference_pieces(e.sources, tr, detailed=True)]
                        for e in assessment.explanations]}


# Sentences naming typed commands, and their widget forms naming its buttons.
BUTTONS_SAID: Final = {"dialog.after_result": "web.widget.after_result",
                       "dialog.not_understood_at_result": "web.widget.not_understood_at_result",
                       "result.based_on": "web.widget.based_on",
                       "result.based_on_reasons": "web.widget.based_on_reasons",
                       "dialog.welcome": "web.widget.welcome",
                       "dialog.commands": "web.widget.commands_help",
                       "dialog.current_answer": "web.widget.current_answer",
                       "dialog.answers_given_back": "web.widget.answers_given_back",
                       "dialog.prefilled": "web.widget.prefilled",
                       "dialog.change_which": "web.widget.change_which",
                       "dialog.no_such_answer": "web.widget.no_such_answer",
                       "dialog.which_language": "web.widget.which_language",
                       "answer.required": "web.widget.required"}


@cache
def widget_translator(lang: str) -> Translator:
    """The translator of the widget's replies: its buttons where the terminal types commands."""
    return Reworded(lang, BUTTONS_SAID)


def turn_json(reply: Reply, engine: Engine, session_id: str) -> dict[str, Any]:
    """A turn's reply: the `serve` response with `session`, `turn`, and (additions of the web
    channel) the session's `lang`, `progress` and `result` (`result_view`); a hint naming
    what to type names the widget's buttons instead."""
    found = reply_json(reply, engine.dialogue, widget_translator(reply.session.lang))
    return {"session": session_id, **found, "lang": reply.session.lang,
            "progress": progress(engine, reply.session, reply.assessed or reply.assessment),
            "result": result_view(reply.assessment, reply.session.lang)}


def current_reply(engine: Engine, session: Session) -> Reply:
    """The session as it stands: its pending question, or its result, with no message."""
    if session.state == ENDED:
        return Reply(session, ended=True)
    if not engine.is_current(session):
        resumed = engine.resume(session)
        return Reply(session, resumed.messages, resumed.question, resumed.question_params,
                     resumed.assessment, ended=resumed.ended)
    return engine.same(session, [])


def answers_json(engine: Engine, session: Session, lang: str) -> list[dict[str, Any]]:
    """The answers that apply, in interview order: field, its label, the value, how it reads, who gave it."""
    return given_answers(engine.given(session), engine.dialogue, translator(lang))


def session_json(engine: Engine, session_id: str, session: Session, lang: str) -> dict[str, Any]:
    """An agent's view of a session (GET /v1/sessions/{id}), texts in `lang`."""
    reply = current_reply(engine, session)
    shown = Reply(replace(session, lang=lang), (), reply.question,
                  reply.question_params, reply.assessment, ended=reply.ended)
    return {
        "ok": True,
        "session": session_id,
        "lang": session.lang,
        "as_of": session.as_of.isoformat(),
        "owner": session.owner,
        "turn": session.turn,
        "ended": reply.ended,
        "answers": answers_json(engine, session, lang),
        "question": question_json(shown),
        "assessment": None if reply.assessment is None else assessment_json(reply.assessment, translator(lang)),
        "progress": progress(engine, session, reply.assessment, lang),
        "result": result_view(reply.assessment, lang),
    }
