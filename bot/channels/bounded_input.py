"""The terminal's keys, with a line's characters beyond its limit dropped before the prompt.

Without bracketed paste, a pasted text arrives as one key per character, and every key
costs the prompt a dispatch through its bindings and layout (a millisecond or more): a
100,000-character paste would take minutes even if each key were then refused. Here a
character that cannot fit in the line is dropped as it is read, for the cost of a
comparison; Enter starts a new line. (A bracketed paste is one key: the prompt's buffer
cuts it to the limit.)
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys

NEW_LINE = (Keys.ControlM, Keys.ControlJ)


class BoundedInput(Input):
    """`inner`'s keys, keeping at most `limit()` characters in a line; `length()` is the
    length of the line being edited, `overflowed()` is called when characters are dropped."""

    def __init__(self, inner: Input, limit: Callable[[], int], length: Callable[[], int],
                 overflowed: Callable[[], None]) -> None:
        self.inner = inner
        self.limit = limit
        self.length = length
        self.overflowed = overflowed

    def _bounded(self, keys: list[KeyPress]) -> list[KeyPress]:
        limit = self.limit()
        room = limit - self.length()
        kept, dropped = [], False
        for key in keys:
            if key.key in NEW_LINE:
                room = limit
            elif not isinstance(key.key, Keys):  # a character typed or pasted
                if room <= 0:
                    dropped = True
                    continue
                room -= 1
            kept.append(key)
        if dropped:
            self.overflowed()
        return kept

    def read_keys(self) -> list[KeyPress]:
        return self._bounded(self.inner.read_keys())

    def flush_keys(self) -> list[KeyPress]:
        return self._bounded(self.inner.flush_keys())

    def fileno(self) -> int:
        return self.inner.fileno()

    def typeahead_hash(self) -> str:
        return self.inner.typeahead_hash()

    def flush(self) -> None:
        self.inner.flush()

    @property
    def closed(self) -> bool:
        return self.inner.closed

    def raw_mode(self) -> AbstractContextManager[None]:
        return self.inner.raw_mode()

    def cooked_mode(self) -> AbstractContextManager[None]:
        return self.inner.cooked_mode()

    def attach(self, input_ready_callback: Callable[[], None]) -> AbstractContextManager[None]:
        return self.inner.attach(input_ready_callback)

    def detach(self) -> AbstractContextManager[None]:
        return self.inner.detach()

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:  # what a particular input offers besides (a pipe's send_text)
        return getattr(self.inner, name)
