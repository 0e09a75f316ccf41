"""The conversation engine: which question next, what an input means, what to say back.

`Engine.step(session, event) -> Reply` is the whole of a turn: a pure function of the
session (a value) and the input. The engine holds only read-only things built once: the
dialogue, its machine (`bot.dialogue.machine`) and the rules. So one engine serves every
session of a process, from any number of threads, and a turn costs the same whatever
the number of live sessions. The next question follows the rules' "missing variables";
the commands (help, back, change N, …) are in `bot.dialogue.commands`, the questions
about the last input ("1,200": which was meant? restart: really?) in `bot.dialogue.confirm`.
Every typed answer accepted is echoed as it was read ("→ 1 200 €").

Why one module of about 300 lines: a turn's whole path (read, confirm, record, move)
stays in one place, so the order of its checks reads from top to bottom.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from bot.dialogue import commands, confirm
from bot.dialogue.codec import rules_version
from bot.dialogue.definition import Dialogue, Question, cpf_dialogue
from bot.dialogue.machine import ENDED, RESULT, START, DialogueMachine
from bot.dialogue.params import question_params
from bot.dialogue.refusals import refusal
from bot.dialogue.reply import ECHO, INFO_COMMANDS, Answer, Message, Reply, Say, Shown
from bot.dialogue.session import Confirmation, Session, evolve
from bot.i18n import LANGUAGES, Years
from bot.rules import NOTHING_KNOWN_MISSING, assess, check_date
from bot.rules.situation import FIELDS, MIN_AGE, SAME_SITUATION, Problem, check_value, same_as_status, validate

# The reading of what people type (bot.dialogue.interpret) is imported at the first input,
# not at start-up: the first question needs none of it, nor the rules' own model.
if TYPE_CHECKING:
    from bot.dialogue.interpret import Command
    from bot.dialogue.reply import Event
    from bot.rules.model import Assessment

# The assessments of the turn in progress, by the id of the answers they are of (see
# `Engine.assessment`); None outside a turn. One per thread or task: nothing is shared.
Kept: TypeAlias = "tuple[Mapping[str, Any], date, Assessment]"
Assessed: TypeAlias = "dict[int, Kept]"
_TURN: ContextVar[Assessed | None] = ContextVar("assessed_this_turn", default=None)

# The assessments the last turns' replies ended with, by the id of their answers, oldest
# first: the next turn of a session starts from the same answers mapping (its question, its
# unit), so it need not compute it again, whether the channel kept the reply (the API) or a
# store read back the row it wrote (serve, web), other sessions' turns coming in between.
# Shared by the threads that run turns (about 13 kB an assessment), under a lock.
RECENT_KEPT: Final = 256
_RECENT: Final[OrderedDict[int, Kept]] = OrderedDict()
_RECENT_LOCK: Final = threading.Lock()


OTHER: Final = "other_status"  # never the main situation itself (SAME_SITUATION)
BALANCE: Final = "balance"  # its unit follows the person's status: euros, or hours for public agents

class Engine:
    def __init__(self, dialogue: Dialogue, machine: DialogueMachine | None = None) -> None:
        self.dialogue = dialogue
        self.machine = machine or DialogueMachine(dialogue.order)
        self.rules_version = rules_version()
        # Each question with choices only for a person who has an employer, as asked of the others.
        self._without_employer = {
            name: q._replace(choices=tuple(c for c in q.choices if c not in q.employer_choices))
            for name, q in dialogue.questions.items() if q.employer_choices}
        # The other situation as asked of a person whose main one it would be (never offered).
        other = dialogue.questions.get(OTHER)
        self._without_same = {} if other is None else {
            same: other._replace(choices=tuple(c for c in other.choices if c != same))
            for same in set(SAME_SITUATION.values())}

    # -- public API ---------------------------------------------------------------

    def start(self, lang: str, as_of: date, known: Mapping[str, Any] | None = None,
              skipped: tuple[str, ...] = ()) -> Reply:
        """A new conversation; `known` answers (JSON) are pre-filled by an agent, never asked,
        and the optional questions in `skipped` count as answered "I don't know".

        Raises SituationError if a known answer is invalid, ValueError for a bad language
        or a skipped field that is not an optional question.
        """
        return self._turn(lambda: self._start(lang, as_of, known, skipped))

    def _start(self, lang: str, as_of: date, known: Mapping[str, Any] | None = None,
               skipped: tuple[str, ...] = ()) -> Reply:
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
        return self._turn(lambda: self._resume(session), session)

    def _resume(self, session: Session) -> Reply:
        messages = []
        if session.dialogue_version != self.dialogue.version:
            messages.append(Message("text", "dialog.version_changed"))
        if session.rules_version and session.rules_version != self.rules_version:
            messages.append(Message("text", "dialog.rules_changed"))
        session = replace(session, dialogue=self.dialogue.name, dialogue_version=self.dialogue.version,
                          rules_version=self.rules_version)
        if session.state == ENDED:
            return Reply(session, (Message("text", "dialog.finished"),), ended=True)
        if (pending := session.confirming) is not None:  # asked again, if it still applies
            if pending.kind == "restart" or (pending.field == session.state and pending.field in self.dialogue.questions):
                return self.same(session, messages)
            session = evolve(session, confirming=None)
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
        return self._turn(lambda: self._step(session, event), session)

    def _step(self, session: Session, event: Event) -> Reply:
        from bot.dialogue.interpret import Command

        if session.state == ENDED:
            return self.reject(session, "dialog.finished")
        if isinstance(event, Command):
            return self._command(session, event)
        if session.confirming is not None:
            return self._confirming(session, event)
        if isinstance(event, Say):
            return self._say(session, event.text)
        return self._counted(self._answer_value(session, event.value))

    def _command(self, session: Session, command: Command) -> Reply:
        if session.confirming is not None and not confirm.command_keeps(command):
            session = evolve(session, confirming=None)  # a command other than help cancels it
        reply = commands.run(self, session, command)
        return reply if command.name in INFO_COMMANDS else self._counted(reply)

    def _confirming(self, session: Session, event: Say | Answer) -> Reply:
        """The answer to a pending confirmation, or a command typed instead."""
        from bot.dialogue.interpret import parse_command

        if isinstance(event, Answer):
            return self._counted(confirm.resolve(self, session, None, event.value))
        command = parse_command(event.text)
        if command is not None:
            return self._typed_command(session, command)
        if confirm.retyped(session, event.text):  # another number: read as any answer
            reply = self._say(evolve(session, confirming=None), event.text)
            refusal = [m for m in reply.messages if m.kind == "error"]  # refused: nothing changes, asked again
            return reply if reply.accepted else self.same(session, refusal, accepted=False)
        return self._counted(confirm.resolve(self, session, event.text))

    def _typed_command(self, session: Session, command: Command) -> Reply:
        """A command a person typed: "restart" asks first (a program's command does not)."""
        if command.name == "restart":
            return self._counted(confirm.ask(self, evolve(session, confirming=None), Confirmation("restart")))
        return self._command(session, command)

    def _say(self, session: Session, text: str) -> Reply:
        """What a person typed, read once (`interpret`): a command, "I don't know" or a
        value. An empty line at a question already answered (after back) keeps the answer."""
        from bot.dialogue.interpret import Ambiguous, Command, DontKnow, Refused, Value, interpret

        question = self.question(session)
        if question is not None and not text.strip() and question.field in session.answers:
            kept = self.shown(session, question.field, session.answers[question.field])
            return self._counted(self.advance(session, [Message("text", ECHO, {"answer": kept})]))
        match interpret(text, session.lang, question, session.as_of):
            case Command() as command:
                return self._typed_command(session, command)
            case Refused(code="no_question") if session.state == RESULT:
                return self.reject(session, "dialog.not_understood_at_result")
            case Refused(code=code, params=params):
                return self.refuse(session, question, code, params)
            case DontKnow():
                assert question is not None
                return self._counted(self._dont_know(session, question, echo=True))
            case Ambiguous(readings=readings):
                assert question is not None
                return self._counted(confirm.ask(self, session, Confirmation("amount", question.field, readings)))
            case Value(value=value):
                assert question is not None
                if (inconsistent := self._inconsistent(session, question, value)) is not None:
                    return inconsistent
                if unlikely := confirm.implausible(self, session, question, value):
                    return self._counted(confirm.ask(self, session, unlikely))
                return self._counted(self._answered_too(self.accept(session, question, value), question, text))

    def _answered_too(self, reply: Reply, question: Question, text: str) -> Reply:
        """The question that follows answered from the same words too, when the answered one
        says it may be (`also_answers`: "permis B" is a driving licence, and the B licence)
        and they read as one of its choices; a number is the answer's own (7 is not a licence)."""
        from bot.dialogue.interpret import Value, interpret

        session = reply.session
        if not question.also_answers or session.state != question.also_answers or text.strip().isdigit():
            return reply
        follow = self.question(session)
        assert follow is not None
        found = interpret(text, session.lang, follow, session.as_of)
        if not isinstance(found, Value) or found.value not in follow.choices:
            return reply
        then = self.accept(session, follow, found.value)
        return then._replace(messages=(*reply.messages, *then.messages))

    def refuse(self, session: Session, question: Question | None, code: str,
               params: Mapping[str, Any] | None = None) -> Reply:
        """An answer refused with `code`, said in the question's terms (`bot.dialogue.refusals`:
        its unit, an example date it accepts); the session is unchanged."""
        in_hours = question is not None and self.shown(session, question.field, 0).unit == "hours"
        key, shown = refusal(question, code, params or {}, session.as_of, "hours" if in_hours else "")
        return self.reject(session, key, shown)

    @staticmethod
    def _counted(reply: Reply) -> Reply:
        if not reply.accepted:
            return reply
        return reply._replace(session=evolve(reply.session, turn=reply.session.turn + 1))

    def assessment(self, session: Session) -> Assessment:
        """The rules' assessment of the session's answers. A turn asks for it several times
        (moving on, the current answer, the summary) and computes it once: within a turn,
        it is kept by the answers mapping it is of. Sessions never change their answers in
        place (each change makes a new mapping), so the same mapping on the same date has
        the same assessment; identity, not equality, is the key, so `Decimal("40")` and
        `Decimal("40.0")` (equal, shown differently) are never mixed up. Those the last
        turns' replies ended with are kept too (`_RECENT`), for the next turn of each session."""
        answers, as_of = session.answers, session.as_of
        kept = _TURN.get()
        found = None if kept is None else kept.get(id(answers))
        if found is not None and found[0] is answers and found[1] == as_of:
            return found[2]
        assessment = assess(answers, as_of)
        if kept is not None:
            self._keep(kept, session, assessment)
        return assessment

    @staticmethod
    def _keep(kept: Assessed, session: Session, assessment: Assessment) -> None:
        # The answers themselves too, so that their id is not reused while the turn lasts.
        kept[id(session.answers)] = (session.answers, session.as_of, assessment)

    def _turn(self, work: Callable[[], Reply], session: Session | None = None) -> Reply:
        """`work` as one turn: its assessments kept until it ends, and the reply's own
        (when the turn computed it) given with the reply, for what a channel adds to it."""
        if _TURN.get() is not None:  # a turn within a turn (a command that moves on)
            return work()
        with _RECENT_LOCK:
            last = None if session is None else _RECENT.get(id(session.answers))
        kept: Assessed = {} if last is None else {id(last[0]): last}
        token = _TURN.set(kept)
        try:
            reply = work()
        finally:
            _TURN.reset(token)
        answers = reply.session.answers
        found = kept.get(id(answers))
        if found is None or found[0] is not answers or found[1] != reply.session.as_of:
            return reply
        with _RECENT_LOCK:
            _RECENT[id(answers)] = found
            _RECENT.move_to_end(id(answers))
            if len(_RECENT) > RECENT_KEPT:
                _RECENT.popitem(last=False)
        return reply._replace(assessed=found[2])

    def summary_fields(self, session: Session) -> list[str]:
        """The answers that apply, in interview order: what "summary" numbers."""
        relevant = set(self.assessment(session).relevant)
        return [f for f in self.dialogue.order
                if (f in session.answers or f in session.skipped) and f in relevant]

    def open_questions(self, session: Session, assessment: Assessment) -> list[str]:
        """The questions the result still waits for, in the order the rules need them:
        the fields the rules miss that the dialogue asks and the person has not skipped
        (none once the result is reached)."""
        return [f for f in assessment.missing if f in self.dialogue.questions and f not in session.skipped]

    def numbered_fields(self, session: Session, assessment: Assessment | None = None) -> list[str]:
        """What "summary" and "change N" number, and the question counter with them: the
        answers that apply, the pending question and the next one to ask (they differ while
        an answer is changed), in interview order. A question not answered yet keeps the
        number its answer will have, so "Question 4" on screen is "change 4", and the
        answers after it keep their numbers while it is answered or another one changed.
        `assessment` is the session's, when already known."""
        found = assessment if assessment is not None else self.assessment(session)
        relevant = set(found.relevant)
        pending = {session.state, self._next_target(session, found.missing)}
        return [f for f in self.dialogue.order
                if f in pending or (f in session.answers or f in session.skipped) and f in relevant]

    def given(self, session: Session) -> list[tuple[Shown, str]]:
        """The answers that apply, in interview order, as shown, each with who gave it."""
        return [(self.shown(session, name, session.answers.get(name)), session.sources.get(name, "person"))
                for name in self.summary_fields(session)]

    def shown(self, session: Session, name: str, value: Any) -> Shown:
        """An answer to show, as the question was asked of this person: a balance is in hours
        where the rights are, and a choice of a question with an hours version (a public
        agent's co-funding) gets that version's label."""
        question = self.dialogue.questions.get(name)
        if (value is not None and question is not None and question.in_hours is not None
                and self.assessment(session).unit == "hours"):
            return Shown(name, value, "hours")
        if value is not None and question is not None and question.variants:
            group = _cofunders(session)
            if group is not None and question.variant_for(group) is not None:
                return Shown(name, value, variant=group)
        return Shown(name, value)

    def question(self, session: Session) -> Question | None:
        """The pending question, as asked of this person: in hours where the rights are."""
        question = self.dialogue.questions.get(session.state)
        if question is not None and question.in_hours is not None and self.assessment(session).unit == "hours":
            return question.in_hours
        if question is not None and question.variants and (group := _cofunders(session)) is not None \
                and (version := question.variant_for(group)) is not None:
            return version  # the self-employed's FAF, an ESAT worker's ESAT: never an OPCO
        if question is not None and question.employer_choices and not _has_employer(session):
            # "My employer or the OPCO" is no choice for a self-employed person or a job seeker.
            return self._without_employer[question.field]
        if question is not None and question.field == OTHER \
                and (same := SAME_SITUATION.get(session.answers.get("status", ""))) in self._without_same:
            # A self-employed person's other situation is not "self-employed": counted once.
            return self._without_same[same]
        return question

    # -- answers ------------------------------------------------------------------

    def _answer_value(self, session: Session, value: Any) -> Reply:
        question = self.question(session)
        if question is None:
            return self.reject(session, "answer.no_question")
        if value is None and question.optional:
            return self._dont_know(session, question)
        checked = check_value(question.field, value)
        if isinstance(checked, Problem):
            return self.refuse(session, question, checked.code, checked.params)
        if (same := same_as_status(session.answers.get("status"), checked if question.field == OTHER else None)):
            return self.refuse(session, question, same.code, same.params)
        if question.kind == "choice" and checked not in question.choices:  # not offered to this person
            return self.reject(session, "answer.unknown_choice")
        if (inconsistent := self._inconsistent(session, question, checked)) is not None:
            return inconsistent
        return self._accept(session, question, checked)

    def _inconsistent(self, session: Session, question: Question, value: Any) -> Reply | None:
        """An answer refused for what else is known: a plan dated before the rules date
        (RULES.md section 7: its deadlines would already have passed), more years worked
        than the person's age allows (work starts at 14 at the earliest, as accounts do)."""
        if question.from_rules_date and isinstance(value, date) and value < session.as_of:
            return self.refuse(session, question, "before_rules_date", {"date": session.as_of})
        age = session.answers.get("age")
        if question.field == "years_worked" and isinstance(age, int) and isinstance(value, Decimal | int) \
                and value > age - MIN_AGE:
            return self.reject(session, "answer.more_years_than_age", {"age": age, "years": Years(int(age - MIN_AGE))})
        return None

    def _dont_know(self, session: Session, question: Question, echo: bool = False) -> Reply:
        if not question.optional:
            return self.reject(session, "answer.required")
        if FIELDS[question.field].nullable:
            return self._accept(session, question, None, echo)
        said = [Message("text", ECHO, {"answer": Shown(question.field, None)})] if echo else []
        return self.advance(session.with_skipped(question.field), said)

    def _accept(self, session: Session, question: Question, value: Any, echo: bool = False) -> Reply:
        answered = session.with_answer(question.field, value, "person")
        said = [Message("text", ECHO, {"answer": self.shown(answered, question.field, value)})]
        said = said if echo else []
        if question.field != BALANCE and (BALANCE in answered.answers or answered.aside(BALANCE)) \
                and (unit := self.assessment(session).unit) != self.assessment(answered).unit:
            # 120 given in hours is not 120 €: the balance is asked again in the new unit, and
            # set aside in its own, given back if that one applies again (a status changed and back).
            if BALANCE in answered.answers:
                answered = evolve(answered.setting_aside({BALANCE}), set_aside_unit=unit)
                said.append(Message("text", "dialog.balance_unit_changed"))
            elif not answered.set_aside_unit:  # set aside before, in the unit of then
                answered = evolve(answered, set_aside_unit=unit)
        status = answered.answers.get("status")
        if question.field != OTHER and (same_as_status(status, answered.answers.get(OTHER))
                                        or same_as_status(status, answered.set_aside.get(OTHER))):
            # A new status that the other situation is (even one set aside): that one is asked again.
            answered = answered.without({OTHER})
        return self.advance(answered, said)

    def accept(self, session: Session, question: Question, value: Any) -> Reply:
        """A typed answer recorded, and echoed as it was read ("→ 1 200 €")."""
        return self._accept(session, question, value, echo=True)

    def restart(self, session: Session) -> Reply:
        return commands.restart(self, session)

    # -- moving -------------------------------------------------------------------

    def _next_target(self, session: Session, missing: tuple[str, ...]) -> str:
        for name in missing:
            if name in self.dialogue.questions and name not in session.skipped:
                return name
        return RESULT

    def move(self, session: Session, trigger: str, dest: str) -> Session:
        return evolve(session, state=self.machine.move(session.state, trigger, dest))

    def advance(self, session: Session, messages: list[Message]) -> Reply:
        """Forward to the question the rules need next, or to the result. With no answer
        yet, that is what they read first, known without evaluating them (a first question
        costs no rules: `bot.rules.NOTHING_KNOWN_MISSING`)."""
        if session.state not in self.machine.states:
            session = replace(session, state=START)  # a state of another dialogue
        assessment = self.assessment(session) if session.answers else None
        if assessment is None:
            check_date(session.as_of)  # as an assessment would
        given_back = 0
        while assessment is not None and (back := [f for f in assessment.missing
                                                   if f not in session.skipped and session.aside(f)
                                                   and (f != BALANCE or session.set_aside_unit in ("", assessment.unit))]):
            session = session.given_back(back)
            if BALANCE in back:
                session = evolve(session, set_aside_unit="")
            assessment, given_back = self.assessment(session), given_back + len(back)
        if given_back:
            messages.append(Message("text", "dialog.answers_given_back", {"count": given_back}))
        target = self._next_target(session, NOTHING_KNOWN_MISSING if assessment is None else assessment.missing)
        if target == RESULT:
            if assessment is None:  # a dialogue that does not ask what the rules miss
                assessment = self.assessment(session)
            # Answers the rules no longer read leave the result only once nothing is missing
            # (until then a person who changes their status and back keeps what still
            # applies), and are set aside, to be given back if a later change needs them.
            relevant = set(assessment.relevant)
            stale = {f for f, source in session.sources.items() if source == "person" and f not in relevant}
            stale |= {f for f in session.skipped if f not in relevant}
            if stale:
                session = session.setting_aside(stale)
                kept = _TURN.get()
                if kept is not None:  # unread answers: the assessment is unchanged
                    self._keep(kept, session, assessment)
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
        return self.reply_question(self.move(evolve(session, confirming=None), "revisit", name), messages)

    def reject(self, session: Session, key: str, params: Mapping[str, Any] | None = None) -> Reply:
        return self.same(session, [Message("error", key, params or {})], accepted=False)

    def same(self, session: Session, messages: list[Message], accepted: bool = True) -> Reply:
        """Stay where we are: the current question again (after a pending confirmation,
        asked again), or the result."""
        asked = confirm.message(self, session, session.confirming) if session.confirming else None
        question = self.question(session)
        assessment = self.assessment(session) if session.state == RESULT else None
        params = question_params(question, session.as_of) if question else {}
        return Reply(session, (*messages, *([asked] if asked else [])), question, params, assessment,
                     accepted=accepted, confirmation=asked)


def _has_employer(session: Session) -> bool:
    """Whether the person's status has an employer who may co-fund (the regimes table)."""
    from bot.rules.regimes import rules_of
    from bot.rules.choices import Status

    status = session.answers.get("status")
    return status is None or rules_of(Status(status)).employer


def _cofunders(session: Session) -> str | None:
    """Who can co-fund the person's training (`bot.rules.regimes.cofunders`), once the status
    is known; asked here of a person whose account is in euros (an hours account has its own)."""
    from bot.rules.regimes import cofunders, rules_of
    from bot.rules.choices import Status

    status = session.answers.get("status")
    return None if status is None else str(cofunders(rules_of(Status(status)), hours=False))


@cache
def cpf_engine() -> Engine:
    """The product's engine: one machine for every session of this process."""
    from bot.dialogue.product import product_machine

    return Engine(cpf_dialogue(), product_machine())
