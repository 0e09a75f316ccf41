"""The conversation engine: which question next, what an input means, what to say back.

`Engine.step(session, event) -> Reply` is the whole of a turn: a pure function of the
session (a value) and the input. The engine holds only read-only things built once: the
dialogue, its machine (`bot.dialogue.machine`) and the rules. So one engine serves every
session of a process, from any number of threads, and a turn costs the same whatever
the number of live sessions. The next question follows the rules' "missing variables";
the commands (help, back, change N, …) are in `bot.dialogue.commands`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from bot.dialogue import commands
from bot.dialogue.codec import rules_version
from bot.dialogue.definition import Dialogue, Question, cpf_dialogue
from bot.dialogue.machine import ENDED, RESULT, START, DialogueMachine
from bot.dialogue.params import question_params
from bot.dialogue.reply import INFO_COMMANDS, Answer, Message, Reply, Say, Shown
from bot.dialogue.session import Session, evolve
from bot.i18n import LANGUAGES
from bot.rules import assess
from bot.rules.model import Assessment
from bot.rules.situation import FIELDS, Problem, check_value, validate

# The reading of what people type (bot.dialogue.interpret) is imported at the first input,
# not at start-up: the first question needs none of it.
if TYPE_CHECKING:
    from bot.dialogue.interpret import Command
    from bot.dialogue.reply import Event


class Engine:
    def __init__(self, dialogue: Dialogue) -> None:
        self.dialogue = dialogue
        self.machine = DialogueMachine(dialogue.order)
        self.rules_version = rules_version()

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
                          dialogue=self.dialogue.name, dialogue_version=self.dialogue.version,
                          rules_version=self.rules_version)
        messages = [Message("text", "dialog.welcome")]
        if answers:
            messages.append(Message("text", "dialog.prefilled", {"count": len(answers)}))
        return self.advance(session, messages)

    def resume(self, session: Session) -> Reply:
        """A saved session, carried on under this dialogue and these rules (either may be
        newer: a notice says so). A state this dialogue does not know starts over from
        the answers kept."""
        messages = []
        if session.dialogue_version != self.dialogue.version:
            messages.append(Message("text", "dialog.version_changed"))
        if session.rules_version and session.rules_version != self.rules_version:
            messages.append(Message("text", "dialog.rules_changed"))
        session = replace(session, dialogue=self.dialogue.name, dialogue_version=self.dialogue.version,
                          rules_version=self.rules_version)
        if session.state == ENDED:
            return Reply(session, (Message("text", "dialog.finished"),), ended=True)
        if session.state in self.dialogue.questions and session.state in session.answers:
            return self.reply_question(session, messages)  # was changing an answer
        return self.advance(replace(session, state=START), messages)

    def is_current(self, session: Session) -> bool:
        """True if the session was last computed with this dialogue and these rules, in
        a state this dialogue has (else `resume` carries it on)."""
        return (session.dialogue_version == self.dialogue.version
                and session.rules_version in ("", self.rules_version)
                and session.state in self.machine.states)

    def step(self, session: Session, event: Event) -> Reply:
        """One turn. A rejected input gives `accepted=False` and the same session; an
        accepted one that changes the session counts one more `turn`."""
        from bot.dialogue.interpret import Command

        if session.state == ENDED:
            return self.reject(session, "dialog.finished")
        if isinstance(event, Say):
            return self._say(session, event.text)
        if isinstance(event, Command):
            return self._command(session, event)
        return self._counted(self._answer_value(session, event.value))

    def _command(self, session: Session, command: Command) -> Reply:
        reply = commands.run(self, session, command)
        return reply if command.name in INFO_COMMANDS else self._counted(reply)

    def _say(self, session: Session, text: str) -> Reply:
        """What a person typed, read once (`interpret`): a command, "I don't know" or a value."""
        from bot.dialogue.interpret import Command, DontKnow, Refused, Value, interpret

        question = self.question(session)
        match interpret(text, session.lang, question):
            case Command() as command:
                return self._command(session, command)
            case Refused(code="no_question") if session.state == RESULT:
                return self.reject(session, "dialog.after_result")
            case Refused(code=code, params=params):
                return self.reject(session, f"answer.{code}", self._refusal_params(question, params))
            case DontKnow():
                assert question is not None
                return self._counted(self._dont_know(session, question))
            case Value(value=value):
                assert question is not None
                return self._counted(self._accept(session, question, value))

    @staticmethod
    def _refusal_params(question: Question | None, params: Mapping[str, Any]) -> dict[str, Any]:
        shown = dict(params)
        if question is not None and "candidates" in shown:
            shown["candidates"] = tuple(Shown(question.field, v) for v in shown["candidates"])
        return shown

    @staticmethod
    def _counted(reply: Reply) -> Reply:
        if not reply.accepted:
            return reply
        return evolve(reply, session=evolve(reply.session, turn=reply.session.turn + 1))

    def assessment(self, session: Session) -> Assessment:
        return assess(session.answers, session.as_of)

    def summary_fields(self, session: Session) -> list[str]:
        """The answers that apply, in interview order: what "summary" numbers."""
        relevant = set(self.assessment(session).relevant)
        return [f for f in self.dialogue.order
                if (f in session.answers or f in session.skipped) and f in relevant]

    def shown(self, session: Session, name: str, value: Any) -> Shown:
        """An answer to show, in its unit: a balance is in hours where the rights are."""
        if name == "balance" and value is not None and self.assessment(session).unit == "hours":
            return Shown(name, value, "hours")
        return Shown(name, value)

    def question(self, session: Session) -> Question | None:
        return self.dialogue.questions.get(session.state)

    # -- answers ------------------------------------------------------------------

    def _answer_value(self, session: Session, value: Any) -> Reply:
        question = self.question(session)
        if question is None:
            return self.reject(session, "answer.no_question")
        if value is None and question.optional:
            return self._dont_know(session, question)
        checked = check_value(question.field, value)
        if isinstance(checked, Problem):
            return self.reject(session, f"answer.{checked.code}", checked.params)
        return self._accept(session, question, checked)

    def _dont_know(self, session: Session, question: Question) -> Reply:
        if not question.optional:
            return self.reject(session, "answer.required")
        if FIELDS[question.field].nullable:
            return self._accept(session, question, None)
        return self.advance(session.with_skipped(question.field), [])

    def _accept(self, session: Session, question: Question, value: Any) -> Reply:
        return self.advance(session.with_answer(question.field, value, "person"), [])

    # -- moving -------------------------------------------------------------------

    def _next_target(self, session: Session, assessment: Assessment) -> str:
        for name in assessment.missing:
            if name in self.dialogue.questions and name not in session.skipped:
                return name
        return RESULT

    def move(self, session: Session, trigger: str, dest: str) -> Session:
        return evolve(session, state=self.machine.move(session.state, trigger, dest))

    def advance(self, session: Session, messages: list[Message]) -> Reply:
        """Forward to the question the rules need next, or to the result."""
        if session.state not in self.machine.states:
            session = replace(session, state=START)  # a state of another dialogue
        assessment = self.assessment(session)
        relevant = set(assessment.relevant)
        stale = {f for f, source in session.sources.items() if source == "person" and f not in relevant}
        stale |= {f for f in session.skipped if f not in relevant}
        session = session.without(stale)  # unread answers: the assessment is unchanged
        target = self._next_target(session, assessment)
        # Forward in interview order; else back (after a change, the next question may be
        # an earlier one) or staying on the result.
        trigger = "advance" if self.machine.allows("advance", session.state, target) else "revisit"
        session = self.move(session, trigger, target)
        if target == RESULT:
            messages += commands.result_messages()
            return Reply(session, tuple(messages), assessment=assessment)
        return self.reply_question(session, messages)

    def reply_question(self, session: Session, messages: list[Message]) -> Reply:
        question = self.question(session)
        assert question is not None
        if question.field in session.answers:
            messages.append(Message("text", "dialog.current_answer",
                                    {"answer": self.shown(session, question.field, session.answers[question.field])}))
        return Reply(session, tuple(messages), question, question_params(question, session.as_of))

    def ask(self, session: Session, messages: list[Message], name: str) -> Reply:
        """Go back to the question of `name` (back, change N)."""
        return self.reply_question(self.move(session, "revisit", name), messages)

    def reject(self, session: Session, key: str, params: Mapping[str, Any] | None = None) -> Reply:
        return self.same(session, [Message("error", key, params or {})], accepted=False)

    def same(self, session: Session, messages: list[Message], accepted: bool = True) -> Reply:
        """Stay where we are: the current question again, or the result."""
        question = self.question(session)
        assessment = self.assessment(session) if session.state == RESULT else None
        params = question_params(question, session.as_of) if question else {}
        return Reply(session, tuple(messages), question, params, assessment, accepted=accepted)


@cache
def cpf_engine() -> Engine:
    """The product's engine: one machine for every session of this process."""
    return Engine(cpf_dialogue())
