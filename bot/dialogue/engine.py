"""The conversation engine: which question next, what an input means, what to say back.

One `transitions` Machine per dialogue definition, shared by every session. Its states
are the conversation's steps: "start", one per question, "result" and "ended". Guarded
transitions move between them: `advance` goes forward to the question the rules need
next (their "missing variables") or to the result, `revisit` goes back to an earlier
answer (back, change N), `restart` and `quit` do what they say. The machine runs on one
shared cursor: a turn loads the session's state into it, fires one trigger and reads the
new state out, so a turn costs the same whatever the number of live sessions.

Sessions are values (`bot.dialogue.session`); replies are structured (`Reply`): message keys and
typed parameters, the question, the assessment. Nothing here renders text.
"""

from __future__ import annotations

import threading
from functools import cache
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from transitions import Machine

from bot.dialogue.answers import (
    AnswerError, Choice, Command, is_dont_know, looks_like_social_security_number, match_choice,
    parse_amount, parse_command, parse_date, parse_number, parse_yes_no,
)
from bot.dialogue.definition import Dialogue, Question, cpf_dialogue
from bot.i18n import LANGUAGES, Phrase, translator
from bot.rules import assess
from bot.rules.model import Assessment, Days, Explanation, Hours, Money, Placeholder
from bot.rules.parameters import Parameter, parameters
from bot.dialogue.session import Session
from bot.rules.situation import FIELDS, Problem, check_value, validate

MessageKind = Literal["text", "help", "error", "summary", "result"]
START, RESULT, ENDED = "start", "result", "ended"
END_STATES = (RESULT, ENDED)


@dataclass(frozen=True)
class Shown:
    """An answer to show a person: the renderer turns it into a label or a formatted value."""

    field: str
    value: Any


@dataclass(frozen=True)
class Message:
    kind: MessageKind
    key: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    explanation: Explanation | None = None  # for "why" after the result


@dataclass(frozen=True)
class Reply:
    session: Session
    messages: tuple[Message, ...] = ()
    question: Question | None = None
    question_params: Mapping[str, Any] = field(default_factory=dict)  # for the question's sentence
    assessment: Assessment | None = None
    accepted: bool = True  # False: the input was rejected and the session is unchanged
    ended: bool = False


@dataclass(frozen=True)
class Say:
    """What a person typed, parsed as the terminal does."""

    text: str


@dataclass(frozen=True)
class Answer:
    """A structured answer, in the situation field's own JSON type."""

    value: Any


Event = Say | Answer | Command


def parameter_placeholder(parameter: Parameter, on: date) -> Placeholder:
    """A parameter's value on `on` typed for display: euros, hours, days, a number or a date.

    Before the parameter existed its amount is zero (no participation before May 2024).
    """
    found = parameter.at(on)
    value = Decimal(0) if found is None else found.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        match parameter.unit:
            case "EUR":
                return Money(value)
            case "hours":
                return Hours(value)
            case "days":
                return Days(int(value))
    return value


class _Cursor:
    """The one model the shared machine drives; holds a session's state for one turn."""

    state: str
    target: str = START
    trigger: Callable[[str], bool]  # bound by the Machine


class Engine:
    def __init__(self, dialogue: Dialogue) -> None:
        self.dialogue = dialogue
        order = dialogue.order
        self._choices = {
            q.field: tuple(Choice(v, self._choice_words(q, v)) for v in q.choices)
            for q in dialogue.questions.values()
        }
        self._cursor = _Cursor()
        self._lock = threading.Lock()
        self.machine = Machine(
            model=self._cursor, states=[START, *order, RESULT, ENDED], initial=START,
            transitions=self.transition_table(), auto_transitions=False,
        )

    @staticmethod
    def _choice_words(question: Question, value: str) -> tuple[str, ...]:
        """Everything that picks a choice: its label and its synonyms, in every language."""
        words = [translator(lang).text(question.choice_key(value)) for lang in LANGUAGES]
        for lang in LANGUAGES:
            tr = translator(lang)
            if tr.has(question.synonyms_key(value)):
                words += tr.text_template(question.synonyms_key(value)).split("|")
        return tuple(words)

    def transition_table(self) -> list[dict[str, Any]]:
        """Every move the conversation can make, each guarded by where the rules lead."""
        order = self.dialogue.order
        table: list[dict[str, Any]] = []
        for i, dest in enumerate((*order, RESULT)):
            guard = self._is_target(dest)
            table.append({"trigger": "advance", "source": [START, *order[:i]], "dest": dest, "conditions": guard})
            table.append({"trigger": "revisit", "source": [*order, RESULT], "dest": dest, "conditions": guard})
        table.append({"trigger": "restart", "source": [*order, RESULT, START], "dest": START})
        table.append({"trigger": "quit", "source": [START, *order, RESULT], "dest": ENDED})
        return table

    def _is_target(self, dest: str) -> Any:
        return lambda: self._cursor.target == dest

    def _move(self, session: Session, trigger: str, target: str = START) -> Session:
        with self._lock:
            self._cursor.state = session.state
            self._cursor.target = target
            self._cursor.trigger(trigger)
            return replace(session, state=self._cursor.state)

    # -- public API ---------------------------------------------------------------

    def start(self, lang: str, as_of: date, known: Mapping[str, Any] | None = None,
              skipped: tuple[str, ...] = ()) -> Reply:
        """A new conversation; `known` answers (JSON) are pre-filled by an agent, never asked,
        and the optional questions in `skipped` count as answered "I don't know".

        Raises SituationError if a known answer is invalid, ValueError for a bad language
        or a skipped field that is not an optional question.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        if not all(name in self.dialogue.questions and self.dialogue.questions[name].optional for name in skipped):
            raise ValueError(f"only optional questions can be skipped: {skipped!r}")
        answers = validate(known or {}, require_status=False)
        as_of = answers.pop("as_of", as_of)
        session = Session(lang, as_of, answers, {k: "agent" for k in answers}, skipped=skipped,
                          dialogue=self.dialogue.name, dialogue_version=self.dialogue.version)
        messages = [Message("text", "dialog.welcome")]
        if answers:
            messages.append(Message("text", "dialog.prefilled", {"count": len(answers)}))
        return self._advance(session, messages)

    def resume(self, session: Session) -> Reply:
        """A saved session, carried on under this dialogue (which may be newer)."""
        messages = []
        if session.dialogue_version != self.dialogue.version:
            messages.append(Message("text", "dialog.version_changed"))
            session = replace(session, dialogue_version=self.dialogue.version)
        if session.state == ENDED:
            return Reply(session, (Message("text", "dialog.finished"),), ended=True)
        if session.state in self.dialogue.questions and session.state in session.answers:
            return self._ask(session, messages, session.state)  # was changing an answer
        return self._advance(replace(session, state=START), messages)

    def step(self, session: Session, event: Event) -> Reply:
        """One turn. A rejected input gives `accepted=False` and the same session."""
        if session.state == ENDED:
            return self._reject(session, "dialog.finished")
        if isinstance(event, Say):
            if looks_like_social_security_number(event.text):
                return self._reject(session, "answer.no_social_security_number")
            command = parse_command(event.text)
            if command is None:
                return self._answer_text(session, event.text)
            event = command
        if isinstance(event, Command):
            return self._command(session, event)
        return self._answer_value(session, event.value)

    def assessment(self, session: Session) -> Assessment:
        return assess(session.answers, session.as_of)

    def summary_fields(self, session: Session) -> list[str]:
        """The answers that apply, in interview order: what "summary" numbers."""
        relevant = set(self.assessment(session).relevant)
        return [f for f in self.dialogue.order
                if (f in session.answers or f in session.skipped) and f in relevant]

    # -- answers ------------------------------------------------------------------

    def _question(self, session: Session) -> Question | None:
        return self.dialogue.questions.get(session.state)

    def _answer_text(self, session: Session, text: str) -> Reply:
        question = self._question(session)
        if question is None:
            if session.state == RESULT:
                return self._reject(session, "dialog.after_result")
            return self._reject(session, "answer.no_question")
        try:
            if is_dont_know(text):
                return self._dont_know(session, question)
            value = self._parse(question, text, session.lang)
        except AnswerError as error:
            return self._reject(session, f"answer.{error.code}", self._error_params(question, error))
        return self._accept(session, question, value)

    def _answer_value(self, session: Session, value: Any) -> Reply:
        question = self._question(session)
        if question is None:
            return self._reject(session, "answer.no_question")
        if value is None and question.optional:
            return self._dont_know(session, question)
        checked = check_value(question.field, value)
        if isinstance(checked, Problem):
            return self._reject(session, f"answer.{checked.code}", checked.params)
        return self._accept(session, question, checked)

    def _parse(self, question: Question, text: str, lang: str) -> Any:
        spec = FIELDS[question.field]
        match question.kind:
            case "choice":
                return match_choice(text, self._choices[question.field])
            case "yes_no":
                return parse_yes_no(text)
            case "date":
                return self._checked(question, parse_date(text, lang))
            case "money":
                return self._checked(question, parse_amount(text, lang))
            case _:
                number = parse_number(text, lang)
                if spec.kind == "int":
                    if number != number.to_integral_value():
                        raise AnswerError("not_whole")
                    return self._checked(question, int(number))
                return self._checked(question, number)

    @staticmethod
    def _checked(question: Question, value: Any) -> Any:
        """A parsed answer checked against the situation schema (ranges, dates)."""
        checked = check_value(question.field, value)
        if isinstance(checked, Problem):
            raise AnswerError(checked.code, dict(checked.params))
        return checked

    def _error_params(self, question: Question, error: AnswerError) -> dict[str, Any]:
        params = dict(error.params)
        if "candidates" in params:
            candidates: Sequence[Any] = params["candidates"]  # type: ignore[assignment]
            params["candidates"] = tuple(Shown(question.field, v) for v in candidates)
        return params

    def _dont_know(self, session: Session, question: Question) -> Reply:
        if not question.optional:
            return self._reject(session, "answer.required")
        if FIELDS[question.field].nullable:
            return self._accept(session, question, None)
        return self._advance(session.with_skipped(question.field), [])

    def _accept(self, session: Session, question: Question, value: Any) -> Reply:
        return self._advance(session.with_answer(question.field, value, "person"), [])

    # -- moving -------------------------------------------------------------------

    def _next_target(self, session: Session, assessment: Assessment) -> str:
        for name in assessment.missing:
            if name in self.dialogue.questions and name not in session.skipped:
                return name
        return RESULT

    def _advance(self, session: Session, messages: list[Message], trigger: str = "advance") -> Reply:
        assessment = self.assessment(session)
        relevant = set(assessment.relevant)
        stale = {f for f, source in session.sources.items() if source == "person" and f not in relevant}
        stale |= {f for f in session.skipped if f not in relevant}
        session = session.without(stale)  # unread answers: the assessment is unchanged
        target = self._next_target(session, assessment)
        if session.state == RESULT and target == RESULT:
            trigger = "revisit"
        session = self._move(session, trigger, target)
        if target == RESULT:
            messages.append(Message("result", "dialog.result_intro"))
            messages.append(Message("text", "dialog.after_result"))
            return Reply(session, tuple(messages), assessment=assessment)
        return self._reply_question(session, messages)

    def _reply_question(self, session: Session, messages: list[Message]) -> Reply:
        question = self._question(session)
        assert question is not None
        if question.field in session.answers:
            messages.append(Message("text", "dialog.current_answer",
                                    {"answer": Shown(question.field, session.answers[question.field])}))
        return Reply(session, tuple(messages), question, self.question_params(question, session.as_of))

    def _ask(self, session: Session, messages: list[Message], name: str) -> Reply:
        """Go back to the question of `name` (back, change N)."""
        return self._reply_question(self._move(session, "revisit", name), messages)

    def _reject(self, session: Session, key: str, params: Mapping[str, Any] | None = None) -> Reply:
        return self._same(session, [Message("error", key, params or {})], accepted=False)

    def _same(self, session: Session, messages: list[Message], accepted: bool = True) -> Reply:
        """Stay where we are: the current question again, or the result."""
        question = self._question(session)
        assessment = self.assessment(session) if session.state == RESULT else None
        params = self.question_params(question, session.as_of) if question else {}
        return Reply(session, tuple(messages), question, params, assessment, accepted=accepted)

    # -- commands -----------------------------------------------------------------

    def _command(self, session: Session, command: Command) -> Reply:
        match command.name:
            case "help":
                return self._same(session, self._help(session))
            case "why":
                return self._same(session, self._why(session))
            case "summary":
                return self._same(session, self._summary(session))
            case "back":
                return self._back(session)
            case "change":
                return self._change(session, command.arg)
            case "restart":
                return self._restart(session)
            case "lang":
                if command.arg not in LANGUAGES:
                    return self._reject(session, "dialog.which_language")
                switched = replace(session, lang=str(command.arg))
                said = [Message("text", "dialog.language_switched")]
                if switched.state == RESULT:  # show the result again, in the new language
                    said.append(Message("result", "dialog.result_intro"))
                return self._same(switched, said)
            case "quit":
                ended = self._move(session, "quit")
                return Reply(ended, (Message("text", "dialog.goodbye"),), ended=True)
        return self._reject(session, "answer.unknown_choice")

    def _help(self, session: Session) -> list[Message]:
        question = self._question(session)
        if question is None:
            return [Message("help", "dialog.after_result"), Message("help", "dialog.commands")]
        messages = [Message("help", f"help.{question.field}", self.question_params(question, session.as_of))]
        if question.optional:
            messages.append(Message("help", "answer.optional_hint"))
        return messages + [Message("help", "dialog.commands")]

    def _why(self, session: Session) -> list[Message]:
        question = self._question(session)
        if question is None:
            return [Message("help", explanation=e) for e in self.assessment(session).explanations]
        return [Message("help", f"why.{question.field}", self.question_params(question, session.as_of))]

    @staticmethod
    def question_params(question: Question, on: date) -> dict[str, Any]:
        """The dated parameters a question's sentences show, as in force on `on`."""
        return {name: parameter_placeholder(parameters()[parameter], on) for name, parameter in question.params}

    def _summary(self, session: Session) -> list[Message]:
        fields = self.summary_fields(session)
        if not fields:
            return [Message("summary", "dialog.summary_empty")]
        lines = [Message("summary", "dialog.summary_title")]
        for n, name in enumerate(fields, 1):
            lines.append(Message("summary", "dialog.summary_line", {
                "number": n,
                "field": Phrase(f"field.{name}"),
                "answer": Shown(name, session.answers.get(name)),
                "source": Phrase(f"dialog.source.{session.sources.get(name, 'person')}"),
            }))
        return lines

    def _back(self, session: Session) -> Reply:
        """The question before this one, in interview order, among those the person answered."""
        order = self.dialogue.order
        here = order.index(session.state) if session.state in self.dialogue.questions else len(order)
        earlier = [f for f in self.summary_fields(session)
                   if session.sources.get(f, "person") == "person" and order.index(f) < here]
        if not earlier:
            return self._reject(session, "dialog.nothing_before")
        return self._ask(session, [Message("text", "dialog.back")], earlier[-1])

    def _change(self, session: Session, number: object) -> Reply:
        if not isinstance(number, int):
            return self._reject(session, "dialog.change_which")
        fields = self.summary_fields(session)
        if not 1 <= number <= len(fields):
            return self._reject(session, "dialog.no_such_answer", {"number": number})
        return self._ask(session, [], fields[number - 1])

    def _restart(self, session: Session) -> Reply:
        agent = {k for k, source in session.sources.items() if source == "agent"}
        fresh = replace(
            session,
            answers={k: v for k, v in session.answers.items() if k in agent},
            sources={k: "agent" for k in agent},
            skipped=(),
        )
        fresh = self._move(fresh, "restart")
        said = Message("text", "dialog.restarted_kept") if agent else Message("text", "dialog.restarted")
        return self._advance(fresh, [said])


@cache
def cpf_engine() -> Engine:
    """The product's engine: one machine for every session of this process."""
    return Engine(cpf_dialogue())
