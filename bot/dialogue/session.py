"""A conversation's state as plain data.

Sessions are values: the engine never changes one, it returns the next. So a rejected
input leaves the session exactly as it was, and two threads can run turns of different
sessions on one engine without sharing anything. `bot.dialogue.codec` turns a session
into JSON and back, for the save file, the stores and the API alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple, TypeVar

Source = Literal["person", "agent"]
SOURCES: tuple[Source, ...] = ("person", "agent")
V = TypeVar("V")


def evolve(value: V, **changes: Any) -> V:
    """`dataclasses.replace` for a frozen dataclass a turn makes several of (Session): the
    same new value, copied without running `__init__` again, four times cheaper. Only for dataclasses with no `__post_init__` and no `init=False` field."""
    fields = value.__dict__
    if not changes.keys() <= fields.keys():
        raise TypeError(f"{type(value).__name__} has no field {sorted(changes.keys() - fields.keys())}")
    new = object.__new__(type(value))
    new.__dict__.update(fields)
    new.__dict__.update(changes)
    return new


def whole(kind: type[V], values: dict[str, Any]) -> V:
    """A frozen dataclass of `values`, one for every field, made as `evolve` makes one:
    without its `__init__`, which sets each field through `object.__setattr__` (a Session
    read from a store costs 1.9 µs that way, 0.5 µs this way). Only for dataclasses with
    no `__post_init__` and no `init=False` field."""
    expected = kind.__dataclass_fields__.keys()  # type: ignore[attr-defined]
    if values.keys() != expected:
        raise TypeError(f"{kind.__name__} needs every field: {sorted(values.keys() ^ expected)}")
    new = object.__new__(kind)
    new.__dict__.update(values)
    return new


class Confirmation(NamedTuple):  # (not a dataclass: cheaper to define at every start)
    """A question the bot asked about the person's last input before acting on it.

    `kind` is "amount" (a separator that reads two ways: `readings` holds the reading of
    the person's language first, then the other), "plausible" (a value that is valid but
    unlikely: `readings` holds it alone) or "restart" (no field, no readings).
    """

    kind: Literal["amount", "plausible", "restart"]
    field: str = ""
    readings: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Session:
    """A conversation's state: its answers, who gave them, where it stands."""

    lang: str
    as_of: date
    answers: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # optional questions the person could not answer
    state: str = "start"  # the engine machine's state: "start", a field, "result", "ended"
    dialogue: str = "cpf"
    dialogue_version: int = 1
    rules_version: str = ""  # fingerprint of the rules the session was last computed with
    turn: int = 0  # accepted turns that changed the session (CONTRACT: safe retries)
    owner: str = ""  # the agent who started it, or "" for the person's own session
    confirming: Confirmation | None = None  # asked about the last input, not answered yet
    # The person's answers that stopped applying when the result was reached (a change of
    # status), and the questions they could not answer then: given back, without asking,
    # when they apply again.
    set_aside: Mapping[str, Any] = field(default_factory=dict)
    set_aside_skipped: tuple[str, ...] = ()
    # The unit ("EUR", "hours") of a balance set aside when its unit changed (a status
    # changed between one counting in euros and one in hours): given back only in it.
    set_aside_unit: str = ""

    def with_answer(self, name: str, value: Any, source: Source) -> Session:
        return evolve(
            self,
            answers={**self.answers, name: value},
            sources={**self.sources, name: source},
            skipped=tuple(f for f in self.skipped if f != name),
            **self._not_aside(name),
        )

    def _not_aside(self, name: str) -> dict[str, Any]:
        """The changes that take `name` out of what is set aside (none when it is not)."""
        changes: dict[str, Any] = {}
        if name in self.set_aside:
            changes["set_aside"] = {k: v for k, v in self.set_aside.items() if k != name}
        if name in self.set_aside_skipped:
            changes["set_aside_skipped"] = tuple(f for f in self.set_aside_skipped if f != name)
        return changes

    def setting_aside(self, names: set[str]) -> Session:
        """The session with these answers (the person's) and these skips set aside."""
        kept = {k: v for k, v in self.answers.items() if k in names}
        skips = tuple(f for f in self.skipped if f in names)
        return evolve(self.without(names), set_aside={**self.set_aside, **kept},
                      set_aside_skipped=self.set_aside_skipped + skips)

    def aside(self, name: str) -> bool:
        """Whether `name` was answered, or skipped, and set aside."""
        return name in self.set_aside or name in self.set_aside_skipped

    def given_back(self, names: list[str]) -> Session:
        """The session with these set-aside answers answered again, as the person gave them,
        and these set-aside skips skipped again."""
        back = {k: self.set_aside[k] for k in names if k in self.set_aside}
        skips = tuple(f for f in names if f in self.set_aside_skipped)
        return evolve(self, answers={**self.answers, **back}, sources={**self.sources, **dict.fromkeys(back, "person")},
                      skipped=self.skipped + skips,
                      set_aside={k: v for k, v in self.set_aside.items() if k not in back},
                      set_aside_skipped=tuple(f for f in self.set_aside_skipped if f not in skips))

    def with_skipped(self, name: str) -> Session:
        answers = {k: v for k, v in self.answers.items() if k != name}
        sources = {k: v for k, v in self.sources.items() if k != name}
        return evolve(self, answers=answers, sources=sources,
                      skipped=tuple(f for f in self.skipped if f != name) + (name,), **self._not_aside(name))

    def without(self, names: set[str]) -> Session:
        """The session with these fields forgotten (answers that no longer apply), set aside or not."""
        if not names:
            return self
        return evolve(
            self,
            answers={k: v for k, v in self.answers.items() if k not in names},
            sources={k: v for k, v in self.sources.items() if k not in names},
            skipped=tuple(f for f in self.skipped if f not in names),
            set_aside={k: v for k, v in self.set_aside.items() if k not in names},
            set_aside_skipped=tuple(f for f in self.set_aside_skipped if f not in names),
        )
