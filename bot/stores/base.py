"""The session store interface: what the conversation service needs from any backend.

A turn opens one session's slot (`Store.slot(id)`), reads the session, writes the next
one, and leaves: everything is committed when the block ends, or nothing if it raises.
While a slot is open no other turn of the same session can run (in this process or in
another one on the same store); turns of other sessions are not held up where the
backend allows it (PostgreSQL locks one row, SQLite the file, memory one lock stripe).

Idle sessions (no turn for the store's `expire_after` seconds) read as unknown. The
expiry is a setting of the store, shared by every process that uses it. Every failure
of the backend (disk full, server down, a lock held too long) is raised as `StoreError`,
so callers never see a driver's own exceptions.
"""

from __future__ import annotations

import abc
import threading
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Final

from bot.dialogue import codec
from bot.dialogue.session import Session
from bot.io import jsontext

MEMORY: Final = ":memory:"  # the store that keeps nothing
DEFAULT_EXPIRE_AFTER: Final = 24 * 3600  # seconds
SWEEP_EVERY: Final = 60.0  # seconds between two sweeps of expired sessions
SWEEP_BATCH: Final = 256  # sessions deleted in one short transaction of a sweep


class StoreError(Exception):
    """The store cannot be opened or used; the message is for the log, never for a person."""


class StoredSessionError(Exception):
    """A stored session this version cannot read: another format, or damaged data."""

    def __init__(self, session_id: str, reason: object) -> None:
        super().__init__(f"session {session_id!r}: cannot read the stored session ({reason})")
        self.session_id = session_id


class Slot(abc.ABC):
    """One session's place in the store, locked for the length of a turn."""

    @abc.abstractmethod
    def get(self) -> Session | None:
        """The live session, or None (never created, or expired). Raises StoredSessionError."""

    @abc.abstractmethod
    def exists(self) -> bool:
        """True if a live session (readable or not) holds this id."""

    @abc.abstractmethod
    def put(self, session: Session) -> None:
        """Saves the session (created or replaced), as of now."""

    @abc.abstractmethod
    def touch(self) -> None:
        """Counts activity on a live session without changing it (a refused answer)."""


class Store(abc.ABC):
    """Sessions by id, shared by every process that opens the same store."""

    @abc.abstractmethod
    def slot(self, session_id: str) -> AbstractContextManager[Slot]:
        """One turn on one session: commits at the end of the block, or rolls back."""

    @property
    @abc.abstractmethod
    def expire_after(self) -> float:
        """Seconds an idle session is kept: the store's own setting."""

    @abc.abstractmethod
    def set_expire_after(self, seconds: int) -> None:
        """Changes the store's expiry for every process that uses it."""

    @abc.abstractmethod
    def sweep(self) -> int:
        """Deletes every expired session now, in short batches; returns how many."""

    @abc.abstractmethod
    def count(self) -> int:
        """The number of stored sessions (expired ones not yet swept included)."""

    @abc.abstractmethod
    def check(self) -> None:
        """Raises StoreError unless the store can be read and written now."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def put_many(self, rows: Iterable[tuple[str, Session]]) -> None:
        """Saves many sessions (imports, benchmarks)."""
        for session_id, session in rows:
            with self.slot(session_id) as slot:
                slot.put(session)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Rows this process wrote, each with the session written and the one its turn read: the
# next turn of a session reads the row its last turn wrote, and need not decode it, but
# reads back (`codec.read_back`) the session written. That check is made when a row is
# read again, not when it is written: most rows never are (a session's last turn, a row
# evicted before its session's next turn, a row another server reads next). Keyed by the
# whole text, so any other row (another server's, a damaged one) is decoded.
# An OrderedDict: a plain dict finds its oldest key by walking past the slots of every key
# deleted since it last resized, about 6 µs a turn once the cache is full.
_READ_BACK: Final[OrderedDict[str, tuple[Session, Session | None]]] = OrderedDict()
_READ_BACK_LOCK: Final = threading.Lock()  # turns run in worker threads: one writer at a time
READ_BACK_KEPT: Final = 4096


def encode_row(session: Session, known: Session | None = None) -> str:
    """A session as the JSON text a store keeps (the codec's form). `known` is the session
    the turn read from the store, if any: what the turn kept of it is not checked again."""
    text = jsontext.dumps(codec.encode(session))
    with _READ_BACK_LOCK:
        if len(_READ_BACK) >= READ_BACK_KEPT:
            _READ_BACK.popitem(last=False)  # the oldest
        _READ_BACK[text] = (session, known)
    return text


def decode_row(session_id: str, data: object) -> Session:
    """A stored row's session; raises StoredSessionError when this version cannot read it."""
    if not isinstance(data, str):
        raise StoredSessionError(session_id, "not text")
    written = _READ_BACK.get(data)
    if written is not None:
        back = codec.read_back(*written)
        if back is not None:
            return back
    try:
        return codec.decode(jsontext.loads(data))
    except (ValueError, RecursionError) as error:  # SessionFormatError and JSON errors are ValueErrors
        raise StoredSessionError(session_id, type(error).__name__) from None
