"""The store backends the contract suite runs against: one fixture, one entry per backend.

A backend here is a factory `open(clock, expire_after) -> Store` where every call opens
the same store anew (another process would), so persistence and sharing are tested too.
The PostgreSQL backend runs on the test session's throwaway server (see conftest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.stores import Store
from bot.stores.memory import MemoryStore
from bot.stores.sqlite import SqliteStore

Clock = Callable[[], float]


@dataclass
class Backend:
    name: str
    open: Callable[[Clock, int | None], Store]
    shared: bool  # two opens see the same sessions (a real database), not two private memories
    row_locks: bool  # turns of different sessions do not wait for each other


def memory_backend() -> Backend:
    kept: list[MemoryStore] = []

    def open_memory(clock: Clock, expire_after: int | None) -> Store:
        if not kept:
            kept.append(MemoryStore(clock=clock))
        if expire_after is not None:
            kept[0].set_expire_after(expire_after)
        return _Unclosed(kept[0])

    return Backend("memory", open_memory, shared=True, row_locks=True)


def sqlite_backend(folder: Path) -> Backend:
    def open_sqlite(clock: Clock, expire_after: int | None) -> Store:
        return SqliteStore(folder / "sessions.sqlite3", expire_after=expire_after, clock=clock)

    return Backend("sqlite", open_sqlite, shared=True, row_locks=False)


def postgres_backend(url: str) -> Backend:
    from bot.stores.postgresql import PostgresStore

    def open_postgres(clock: Clock, expire_after: int | None) -> Store:
        return PostgresStore(url, expire_after=expire_after, clock=clock)

    return Backend("postgresql", open_postgres, shared=True, row_locks=True)


class _Unclosed(Store):
    """The one memory store, whose `close` (one handle's) must not drop the sessions."""

    def __init__(self, inner: MemoryStore) -> None:
        self.inner = inner

    def slot(self, session_id: str):  # type: ignore[no-untyped-def]
        return self.inner.slot(session_id)

    @property
    def expire_after(self) -> float:
        return self.inner.expire_after

    def set_expire_after(self, seconds: int) -> None:
        self.inner.set_expire_after(seconds)

    def sweep(self) -> int:
        return self.inner.sweep()

    def count(self) -> int:
        return self.inner.count()

    def check(self) -> None:
        self.inner.check()

    def close(self) -> None:
        return None
