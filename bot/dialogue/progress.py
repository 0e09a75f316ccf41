"""How far a conversation has come: the questions answered, and about how many are left.

One figure for every channel (the web widget's bar, the terminal's and line mode's
"question 5 of about 14"). An estimate: an answer can make more questions relevant, or fewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.dialogue.machine import ENDED, RESULT

if TYPE_CHECKING:
    from bot.dialogue.engine import Engine
    from bot.dialogue.session import Session
    from bot.rules.model import Assessment


class Progress(NamedTuple):
    answered: int  # relevant questions answered (or skipped with "I don't know")
    remaining: int  # questions the rules still need, the current one included

    @property
    def current(self) -> int:
        """The number of the question being asked."""
        return self.answered + 1

    @property
    def total(self) -> int:
        return self.answered + self.remaining


def progress(engine: Engine, session: Session, assessment: Assessment | None = None) -> Progress:
    """`session`'s progress; `assessment` is its answers' assessment when already known."""
    found = assessment if assessment is not None else engine.assessment(session)
    relevant = set(found.relevant)
    answered = sum(1 for f in engine.dialogue.order
                   if (f in session.answers or f in session.skipped) and f in relevant)
    remaining = 0 if session.state in (RESULT, ENDED) else sum(
        1 for f in found.missing if f in engine.dialogue.questions and f not in session.skipped)
    return Progress(answered, remaining)
