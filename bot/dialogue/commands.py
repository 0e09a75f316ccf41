"""What the commands do: help, why, summary, back, change N, restart, language, quit.

Each takes the engine's moves (`Moves`, read-only) and the session and returns the reply;
none keeps state. The engine calls `run`; this module does not import the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from bot.dialogue.definition import Dialogue, Question
from bot.dialogue.machine import RESULT
from bot.dialogue.params import question_params
from bot.dialogue.reply import Message, Reply, Shown
from bot.dialogue.session import Session
from bot.i18n import LANGUAGES, Phrase

if TYPE_CHECKING:
    from bot.dialogue.interpret import Command
    from bot.rules.model import Assessment


class Moves(Protocol):
    """What the commands need of the engine."""

    dialogue: Dialogue

    def question(self, session: Session) -> Question | None: ...
    def assessment(self, session: Session) -> Assessment: ...
    def summary_fields(self, session: Session) -> list[str]: ...
    def numbered_fields(self, session: Session) -> list[str]: ...
    def shown(self, session: Session, name: str, value: Any) -> Shown: ...
    def given(self, session: Session) -> list[tuple[Shown, str]]: ...
    def move(self, session: Session, trigger: str, dest: str) -> Session: ...
    def advance(self, session: Session, messages: list[Message]) -> Reply: ...
    def ask(self, session: Session, messages: list[Message], name: str) -> Reply: ...
    def same(self, session: Session, messages: list[Message], accepted: bool = True) -> Reply: ...
    def reject(self, session: Session, key: str, params: Mapping[str, Any] | None = None) -> Reply: ...


def run(engine: Moves, session: Session, command: Command) -> Reply:
    match command.name:
        case "help":
            return engine.same(session, help_messages(engine, session))
        case "why":
            return engine.same(session, why_messages(engine, session))
        case "summary":
            return engine.same(session, summary_messages(engine, session))
        case "back":
            return back(engine, session)
        case "change":
            return change(engine, session, command.arg)
        case "restart":
            return restart(engine, session)
        case "lang":
            return switch_language(engine, session, command.arg)
        case "quit":
            ended = engine.move(session, "quit", "ended")
            return Reply(ended, (Message("text", "dialog.goodbye"),), ended=True)
    return engine.reject(session, "answer.unknown_choice")


def help_messages(engine: Moves, session: Session) -> list[Message]:
    question = engine.question(session)
    if question is None:
        return [Message("help", "dialog.after_result"), Message("help", "dialog.commands")]
    # An optional question's own help says what "I don't know" gives (a test checks it does).
    return [Message("help", question.key("help"), question_params(question, session.as_of)),
            Message("help", "dialog.commands")]


def why_messages(engine: Moves, session: Session) -> list[Message]:
    question = engine.question(session)
    if question is None:
        return [Message("help", explanation=e) for e in engine.assessment(session).explanations]
    params = question_params(question, session.as_of)
    upcoming = question.dated and any(isinstance(params[name], date) and params[name] > session.as_of
                                      for name, _ in question.params)
    return [Message("help", question.upcoming_why_key if upcoming else question.key("why"), params)]


def summary_messages(engine: Moves, session: Session) -> list[Message]:
    given = engine.given(session)
    if not given:
        return [Message("summary", "dialog.summary_empty")]
    lines = [Message("summary", "dialog.summary_title")]
    numbers = engine.numbered_fields(session)  # the pending question's number is kept for it
    for shown, source in given:
        lines.append(Message("summary", "dialog.summary_line", {
            "number": numbers.index(shown.field) + 1,
            "field": Phrase(f"field.{shown.field}"),
            "answer": shown,
            "source": Phrase(f"dialog.source.{source}"),
        }))
    return lines


def back(engine: Moves, session: Session) -> Reply:
    """The question before this one, in interview order, among those the person answered."""
    order = engine.dialogue.order
    here = order.index(session.state) if session.state in engine.dialogue.questions else len(order)
    earlier = [f for f in engine.summary_fields(session)
               if session.sources.get(f, "person") == "person" and order.index(f) < here]
    if not earlier:
        return engine.reject(session, "dialog.nothing_before")
    return engine.ask(session, [Message("text", "dialog.back")], earlier[-1])


def change(engine: Moves, session: Session, number: object) -> Reply:
    if not isinstance(number, int):
        return engine.reject(session, "dialog.change_which")
    fields = engine.numbered_fields(session)
    if not 1 <= number <= len(fields):
        return engine.reject(session, "dialog.no_such_answer", {"number": number})
    return engine.ask(session, [], fields[number - 1])


def restart(engine: Moves, session: Session) -> Reply:
    agent = {k for k, source in session.sources.items() if source == "agent"}
    fresh = replace(
        session,
        answers={k: v for k, v in session.answers.items() if k in agent},
        sources={k: "agent" for k in agent},
        skipped=(),
        confirming=None,
        set_aside={},
        set_aside_skipped=(),
    )
    fresh = engine.move(fresh, "restart", "start")
    said = Message("text", "dialog.restarted_kept") if agent else Message("text", "dialog.restarted")
    return engine.advance(fresh, [said])


def switch_language(engine: Moves, session: Session, lang: object) -> Reply:
    if lang not in LANGUAGES:
        return engine.reject(session, "dialog.which_language")
    switched = replace(session, lang=str(lang))
    said = [Message("text", "dialog.language_switched")]
    if switched.state == RESULT:  # show the result again, and what to do with it, in the new language
        said += result_messages()
    return engine.same(switched, said)


def result_messages() -> list[Message]:
    """What introduces the result (its figures follow it) and what can be done then."""
    return [Message("result", "dialog.result_intro"), Message("text", "dialog.after_result")]
