"""How far a conversation has come: the questions answered, and about how many are left.

One figure for every channel (the web widget's bar, the terminal's and line mode's
"question 5 of about 14"). An estimate: an answer can make more questions relevant, or fewer;
the rest of the way is walked with plain answers (`_still_to_ask`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from bot.dialogue.machine import ENDED, RESULT

if TYPE_CHECKING:
    from bot.dialogue.engine import Engine
    from bot.dialogue.session import Session
    from bot.rules.model import Assessment


class Progress(NamedTuple):
    answered: int  # relevant questions answered (or skipped with "I don't know"), but the current one
    remaining: int  # questions the rules still need, the current one included
    before: int  # of the answered ones, those before the current one in the summary

    @property
    def current(self) -> int:
        """The number of the question being asked (after `back`, the one gone back to)."""
        return self.before + 1

    @property
    def total(self) -> int:
        return self.answered + self.remaining


def progress(engine: Engine, session: Session, assessment: Assessment | None = None) -> Progress:
    """`session`'s progress; `assessment` is its answers' assessment when already known."""
    found = assessment if assessment is not None else engine.assessment(session)
    if session.state in (RESULT, ENDED):
        return Progress(sum(1 for f in found.relevant if f in session.answers or f in session.skipped), 0, 0)
    current = session.state  # the pending question's field; it has an answer after `back`
    done = sum(f in session.answers or f in session.skipped for f in found.relevant)
    again = current in session.answers or current in session.skipped
    numbered = engine.numbered_fields(session, found)  # the summary's numbers: "change N" is question N
    before = numbered.index(current) if current in numbered else len(numbered)
    return Progress(done - again, _still_to_ask(engine, session, found) + again, before)


def question_progress(engine: Engine, session: Session, assessment: Assessment | None = None) -> Progress | None:
    """`progress` for numbering the question, or None before any answer: then nothing is
    answered, so no number is shown (`bot.render.reply.progress_line`), and nothing is
    assessed (the first question runs no rules)."""
    if not session.answers and not session.skipped:
        return None
    return progress(engine, session, assessment)


def _still_to_ask(engine: Engine, session: Session, found: Assessment) -> int:
    """The questions left on the way to the result if the person gave plain answers from
    here: the first choice, no, or "I don't know" for a figure. The rules only report
    what they miss next (one status opens more questions than another), so they are asked
    again with those answers until they miss nothing new: a few rules evaluations."""
    from bot.rules import assess

    questions = engine.dialogue.questions
    assumed: dict[str, Any] = dict(session.answers)
    assumed.update((f, None) for f in session.skipped)
    asked = 0
    while True:
        new = [f for f in found.missing if f not in assumed and f in questions]
        if not new:
            return asked
        asked += len(new)
        for field in new:
            question = questions[field]
            assumed[field] = question.choices[0] if question.choices else False if question.kind == "yes_no" else None
        found = assess(assumed, session.as_of)
