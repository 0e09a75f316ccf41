"""The dialogue's state machine: which moves a conversation can make, as `transitions` states.

One `transitions.Machine` per dialogue definition, built once and never changed after.
It has no model: sessions are plain data, so a turn asks the machine whether a move is
allowed (`move`) instead of driving a shared model. Nothing is written during a turn,
so any number of threads can run turns on one machine without a lock. The moves the
machine allows are what a turn consults; the product's are kept compiled with its
dialogue (`bot.dialogue.product`), so a start builds the machine only when they changed.

States: "start", one per question, "result" and "ended". Triggers: `advance` goes forward
to the question the rules need next or to the result, `revisit` goes back to an earlier
answer (back, change N) or stays on the result, `restart` and `quit` do what they say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from transitions import Machine

START: Final = "start"
RESULT: Final = "result"
ENDED: Final = "ended"
END_STATES: Final = (RESULT, ENDED)


class IllegalMove(RuntimeError):
    """A move the dialogue does not allow: a bug in the engine, never the person's doing."""


def transition_table(order: Sequence[str]) -> list[dict[str, object]]:
    """Every move the conversation can make between its questions, in interview order."""
    table: list[dict[str, object]] = []
    for i, dest in enumerate((*order, RESULT)):
        table.append({"trigger": "advance", "source": [START, *order[:i]], "dest": dest})
        table.append({"trigger": "revisit", "source": [*order, RESULT], "dest": dest})
    table.append({"trigger": "restart", "source": [*order, RESULT, START], "dest": START})
    table.append({"trigger": "quit", "source": [START, *order, RESULT], "dest": ENDED})
    return table


Move = tuple[str, str, str]  # (trigger, source, dest)


def move_key(trigger: str, source: str, dest: str) -> str:
    """A move as one string: thousands of them are read at start-up, and strings, unlike
    tuples, cost the garbage collector nothing (made by the thousand, tuples set off
    full collections of everything imported so far)."""
    return f"{trigger}\x1f{source}\x1f{dest}"


class DialogueMachine:
    """The machine of one dialogue, read-only once built.

    `move_keys` are the moves the `transitions` machine of `order` allows (`move_key`),
    when they were computed before (`bot.dialogue.product` keeps the product's compiled):
    the machine itself is then built only when something asks for it."""

    def __init__(self, order: Sequence[str], move_keys: Iterable[str] | None = None) -> None:
        self.order = tuple(order)
        self.states: frozenset[str] = frozenset((START, *self.order, RESULT, ENDED))
        if move_keys is None:
            move_keys = (move_key(*move) for move in self.machine_moves())
        self._moves: frozenset[str] = frozenset(move_keys)

    @cached_property
    def machine(self) -> Machine:
        from transitions import Machine

        return Machine(model=None, states=[START, *self.order, RESULT, ENDED], initial=START,
                       transitions=transition_table(self.order), auto_transitions=False)

    def machine_moves(self) -> frozenset[Move]:
        """Every move the `transitions` machine allows."""
        return frozenset(
            (trigger, str(transition.source), str(transition.dest))
            for trigger, event in self.machine.events.items()
            for transitions in event.transitions.values()
            for transition in transitions
        )

    @property
    def move_keys(self) -> frozenset[str]:
        return self._moves

    def allows(self, trigger: str, source: str, dest: str) -> bool:
        return move_key(trigger, source, dest) in self._moves

    def move(self, state: str, trigger: str, dest: str) -> str:
        """The state after `trigger` from `state` to `dest`; IllegalMove if not allowed."""
        if not self.allows(trigger, state, dest):
            raise IllegalMove(f"{trigger}: {state} -> {dest}")
        return dest
