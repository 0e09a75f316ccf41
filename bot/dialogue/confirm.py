"""Questions about the last input before acting on it: which reading of "1,200" was meant,
whether an unlikely value is right, whether to really start again.

A pending `Confirmation` lives in the session, so it survives a save, a store and a
restart of the process. `ask` shows it; `resolve` reads the answer: yes or no (in any
language, short forms too), or for an amount one of its two readings typed plainly;
another number typed plainly is a new answer to the question (`retyped`). Anything
else is refused and leaves the confirmation pending; a command cancels it,
except help, why, summary and a language switch, which show it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from bot.dialogue.definition import Question
from bot.dialogue.reply import LegalSource, Message, Reply, Shown
from bot.dialogue.session import Confirmation, Session, evolve
from bot.rules.situation import check_value

if TYPE_CHECKING:
    from bot.dialogue.interpret import Command
    from bot.rules.model import Assessment

KEEPS_CONFIRMATION = frozenset({"help", "why", "summary", "lang"})


class Confirms(Protocol):
    """What confirmations need of the engine."""

    def question(self, session: Session) -> Question | None: ...
    def assessment(self, session: Session) -> Assessment: ...
    def shown(self, session: Session, name: str, value: Any) -> Shown: ...
    def same(self, session: Session, messages: list[Message], accepted: bool = True) -> Reply: ...
    def reject(self, session: Session, key: str, params: Mapping[str, Any] | None = None) -> Reply: ...
    def accept(self, session: Session, question: Question, value: Any) -> Reply: ...
    def restart(self, session: Session) -> Reply: ...


def message(engine: Confirms, session: Session, confirmation: Confirmation) -> Message:
    """The sentence that asks for the confirmation."""
    if confirmation.kind == "restart":
        return Message("text", "dialog.confirm.restart")
    shown = [engine.shown(session, confirmation.field, v) for v in confirmation.readings]
    if confirmation.kind == "amount":
        return Message("text", "dialog.confirm.amount", {"likely": shown[0], "other": shown[1]})
    if confirmation.field == "training_cost":
        return Message("text", "dialog.confirm.free_training", {"cost": shown[0]})
    from bot.rules.model import quantity  # with the rules: an answer was assessed by now

    assessment = engine.assessment(session)
    return Message("text", "dialog.confirm.balance_above_cap", {
        "balance": shown[0], "cap": quantity(assessment.cap, assessment.unit), "source": LegalSource(cap_source(assessment))})


def cap_source(assessment: Assessment) -> str:
    """The legal source of the cap that applies, as the rules report it."""
    for explanation in assessment.explanations:
        for used in explanation.parameters:
            if used.name.endswith(".cap") and used.value == assessment.cap:
                return used.source
    return ""


def implausible(engine: Confirms, session: Session, question: Question, value: Any) -> Confirmation | None:
    """A typed value to confirm before recording it: a balance above this person's cap, a
    training that costs nothing."""
    if question.field == "training_cost" and value == 0:
        return Confirmation("plausible", question.field, (value,))
    if question.field != "balance" or not isinstance(value, Decimal | int):
        return None
    assessment = engine.assessment(session)
    if value > assessment.cap and cap_source(assessment):
        return Confirmation("plausible", question.field, (value,))
    return None


def ask(engine: Confirms, session: Session, confirmation: Confirmation) -> Reply:
    return engine.same(evolve(session, confirming=confirmation), [])


def _read(text: str, lang: str) -> bool | Decimal | None:
    """What was typed at a confirmation: yes or no, a number written plainly, or neither."""
    from bot.dialogue.interpret import AnswerError, parse_number, parse_yes_no, separator_readings

    try:
        return parse_yes_no(text)
    except AnswerError:
        pass
    try:
        return None if separator_readings(text, lang) else parse_number(text, lang)
    except AnswerError:
        return None


def retyped(session: Session, text: str) -> bool:
    """Whether `text`, typed at an amount's or an unlikely value's confirmation, is another
    number written plainly: a new answer to the question (the person corrected it), not a
    reply to the confirmation."""
    confirmation = session.confirming
    if confirmation is None or confirmation.kind not in ("amount", "plausible"):
        return False
    said = _read(text, session.lang)
    return isinstance(said, Decimal) and all(reading != said for reading in confirmation.readings)


def resolve(engine: Confirms, session: Session, text: str | None, value: Any = None) -> Reply:
    """The answer to the pending confirmation: `text` typed, or a structured `value`."""
    confirmation = session.confirming
    assert confirmation is not None
    said: Any = value
    if text is None and confirmation.field and not isinstance(value, bool):
        said = check_value(confirmation.field, value)  # a reading in its JSON form: 1.2, 1200
    if text is not None:
        said = _read(text, session.lang)
    if said is True or said is False:
        return _yes_no(engine, evolve(session, confirming=None), confirmation, said)
    if confirmation.kind == "amount" and isinstance(said, Decimal | int) and not isinstance(said, bool):
        for reading in confirmation.readings:
            if reading == said:
                return _record(engine, evolve(session, confirming=None), confirmation, reading)
    return engine.reject(session, "dialog.confirm.expected")


def _yes_no(engine: Confirms, session: Session, confirmation: Confirmation, yes: bool) -> Reply:
    match confirmation.kind, yes:
        case "restart", True:
            return engine.restart(session)
        case "restart", False:
            return engine.same(session, [Message("text", "dialog.confirm.restart_cancelled")])
        case "plausible", False:
            return engine.same(session, [Message("text", "dialog.confirm.not_recorded")])
    return _record(engine, session, confirmation, confirmation.readings[0 if yes else 1])


def _record(engine: Confirms, session: Session, confirmation: Confirmation, value: Any) -> Reply:
    """The confirmed value recorded; the reading chosen of an amount is still checked as a
    typed one is (a balance above the cap, a free training), so it is confirmed in turn."""
    question = engine.question(session)
    assert question is not None and question.field == confirmation.field
    if confirmation.kind == "amount" and (unlikely := implausible(engine, session, question, value)):
        return ask(engine, session, unlikely)
    return engine.accept(session, question, value)


def command_keeps(command: Command) -> bool:
    """Whether a command shows the pending confirmation again rather than cancelling it."""
    return command.name in KEEPS_CONFIRMATION
