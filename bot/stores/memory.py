"""Sessions kept in this process's memory (`--store :memory:`): nothing survives the process.

Each session id hashes to one of a fixed number of locks, so turns of different sessions
run side by side from several threads and the locks never grow with the sessions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

from bot.dialogue.session import Session
from bot.stores.base import DEFAULT_EXPIRE_AFTER, Slot, Store

STRIPES: Final = 64


class _MemorySlot(Slot):
    def __init__(self, store: MemoryStore, session_id: str, now: float) -> None:
        self._store, self._id, self._now = store, session_id, now
        self.pending: Session | None = None  # written when the turn ends without an error

    def get(self) -> Session | None:
        if self.pending is not None:
            return self.pending
        found = self._store._rows.get(self._id)
        if found is None:
            return None
        session, updated = found
        if updated < self._now - self._store.expire_after:
            self._store._rows.pop(self._id, None)
            return None
        return session

    def exists(self) -> bool:
        return self.get() is not None

    def put(self, session: Session) -> None:
        self.pending = session

    def touch(self) -> None:
        session = self.get()
        if session is not None:
            self.put(session)


class MemoryStore(Store):
    def __init__(self, expire_after: float = DEFAULT_EXPIRE_AFTER, clock: Callable[[], float] = time.time) -> None:
        self._rows: dict[str, tuple[Session, float]] = {}
        self._expire_after = float(expire_after)
        self._clock = clock
        self._locks = tuple(threading.Lock() for _ in range(STRIPES))

    @contextmanager
    def slot(self, session_id: str) -> Iterator[Slot]:
        with self._locks[hash(session_id) % STRIPES]:
            slot = _MemorySlot(self, session_id, self._clock())
            yield slot
            if slot.pending is not None:
                self._rows[session_id] = (slot.pending, slot._now)

    @property
    def expire_after(self) -> float:
        return self._expire_after

    def set_expire_after(self, seconds: int) -> None:
        self._expire_after = float(seconds)

    def sweep(self) -> int:
        cutoff = self._clock() - self._expire_after
        expired = [k for k, (_, updated) in list(self._rows.items()) if updated < cutoff]
        for session_id in expired:
            with self.slot(session_id):
                self._rows.pop(session_id, None)
        return len(expired)

    def count(self) -> int:
        return len(self._rows)

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None
