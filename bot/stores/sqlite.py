"""Served sessions, kept in SQLite: embedded, no server to run, safe to share between processes.

One table, one row per session: its id, the `Session.to_dict()` JSON, that JSON's format
version and the time of its last accepted turn. A turn is one `BEGIN IMMEDIATE`
transaction (`Store.transaction()`): read the row, step, write the row, commit. Taking the
write lock at BEGIN means two `serve` processes on one file take turns: each turn reads
the state the other one committed, so no turn is lost or applied to a stale session.
The caller writes its reply only after the commit, so a killed process loses nothing it
acknowledged.

Idle sessions (no accepted turn for `expire_after` seconds) read as unknown; they are
deleted when found, and swept from time to time. The process keeps nothing per session
in memory: the cost of a turn is one primary-key lookup, whatever the number of sessions.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from bot.dialogue.session import FORMAT, Session
from bot.rules.situation import SituationError

SCHEMA_VERSION: Final = 1  # PRAGMA user_version of a store this code writes
DEFAULT_EXPIRE_AFTER: Final = 24 * 3600  # seconds
SWEEP_EVERY: Final = 60.0  # seconds between two sweeps of expired sessions
BUSY_TIMEOUT: Final = 30.0  # seconds a turn waits for another process's turn to finish
MEMORY: Final = ":memory:"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS sessions (
    id      TEXT PRIMARY KEY,
    format  INTEGER NOT NULL,   -- version of `data` (bot.dialogue.session.FORMAT)
    data    TEXT NOT NULL,      -- Session.to_dict() as JSON
    updated REAL NOT NULL       -- Unix time of the last accepted turn
);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated);
"""


class StoreError(Exception):
    """The store cannot be opened or used (not a database, newer schema, unwritable)."""


class StoredSessionError(Exception):
    """A stored session this version cannot read: another format, or damaged data."""

    def __init__(self, session_id: str, format: object) -> None:
        super().__init__(f"session {session_id!r}: unsupported stored format {format!r}")
        self.session_id = session_id
        self.format = format


def default_path(environ: Mapping[str, str]) -> Path:
    """`$XDG_STATE_HOME/cpf-bot/sessions.sqlite3`, else `~/.local/state/cpf-bot/sessions.sqlite3`."""
    state = environ.get("XDG_STATE_HOME", "")
    if not state or not os.path.isabs(state):  # the XDG spec says to ignore relative paths
        home = environ.get("HOME") or str(Path.home())
        state = os.path.join(home, ".local", "state")
    return Path(state) / "cpf-bot" / "sessions.sqlite3"


def _create_private(path: Path) -> None:
    """The store's folders and file, readable by their owner only when we create them,
    whatever the umask: sessions hold personal answers (age, disability). Every missing
    folder is made 0700 (`mkdir(parents=True)` would give the parents the umask's mode),
    as the XDG spec asks. SQLite gives its -wal and -shm files the database file's
    permissions."""
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: not ours to change
        os.chmod(folder, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def encode(session: Session) -> tuple[int, str]:
    """A session as a row's (format, data)."""
    data = session.to_dict()
    return int(data["format"]), json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(session_id: str, format: object, data: object) -> Session:
    """A row's session; raises StoredSessionError when this version cannot read it."""
    if format != FORMAT or not isinstance(data, str):
        raise StoredSessionError(session_id, format)
    try:
        return Session.from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError, SituationError, RecursionError):
        raise StoredSessionError(session_id, format) from None


class Transaction:
    """The sessions as one turn sees them, under the store's write lock."""

    def __init__(self, connection: sqlite3.Connection, now: float, cutoff: float) -> None:
        self._db = connection
        self.now = now
        self._cutoff = cutoff

    def get(self, session_id: str) -> Session | None:
        """The live session of this id, or None (never created, or expired: then deleted).

        Raises StoredSessionError for a row this version cannot read.
        """
        row = self._db.execute("SELECT format, data, updated FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        format, data, updated = row
        if updated < self._cutoff:
            self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            return None
        return decode(session_id, format, data)

    def put(self, session_id: str, session: Session) -> None:
        """Saves the session (created or replaced), as of now."""
        format, data = encode(session)
        self._db.execute(
            "INSERT INTO sessions (id, format, data, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET format = excluded.format, data = excluded.data, "
            "updated = excluded.updated",
            (session_id, format, data, self.now),
        )

    def delete(self, session_id: str) -> None:
        self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))


class Store:
    """The sessions of `serve`, in one SQLite file (or `:memory:` for throwaway use).

    `clock` gives the time in seconds (tests replace it); `expire_after` is how long an
    idle session is kept. Raises StoreError if the file cannot be used as a store.
    """

    def __init__(self, path: str | os.PathLike[str], expire_after: float = DEFAULT_EXPIRE_AFTER,
                 clock: Callable[[], float] = time.time, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = str(path)
        self.expire_after = float(expire_after)
        self._clock = clock
        self._next_sweep = 0.0
        try:
            if self.path != MEMORY:
                _create_private(Path(self.path))
            # isolation_level=None: no implicit transactions, each turn says BEGIN itself.
            self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(str(error)) from None
        try:
            self._setup_when_free(busy_timeout)
        except sqlite3.Error as error:
            self._db.close()
            raise StoreError(str(error)) from None

    def _setup_when_free(self, busy_timeout: float) -> None:
        """`_setup`, retried while another process is setting up the same new file.

        Switching a new database to WAL needs an exclusive lock, and SQLite answers
        "database is locked" there without waiting (no busy handler), so we wait here.
        """
        deadline = time.monotonic() + busy_timeout
        pause = 0.005
        while True:
            try:
                return self._setup()
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def _setup(self) -> None:
        # WAL: readers never block the writer, and a commit is one append to the log.
        # synchronous=NORMAL in WAL mode syncs the log only at checkpoints: a committed
        # turn is in the OS's hands when COMMIT returns, so it survives the process being
        # killed (SIGKILL, crash); only a power cut or OS crash could lose the last turns.
        # FULL would add an fsync per turn for that case, at a large cost in turns/s.
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        with self._locked():
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"store schema {version} is newer than {SCHEMA_VERSION}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            if version < SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # else SQLite already rolled back (disk full, I/O error)
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the original error says more
            raise

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One turn: everything inside is committed at the end, or nothing if it raises.

        Waits (up to the busy timeout) while another process is in its own turn.
        Raises sqlite3.Error if the store fails (disk full, locked too long).
        """
        with self._locked():
            now = self._clock()
            cutoff = now - self.expire_after
            if now >= self._next_sweep:
                self._db.execute("DELETE FROM sessions WHERE updated < ?", (cutoff,))
                self._next_sweep = now + SWEEP_EVERY
            yield Transaction(self._db, now, cutoff)

    def get(self, session_id: str) -> Session | None:
        """The live session of this id, in a transaction of its own."""
        with self.transaction() as t:
            return t.get(session_id)

    def put(self, session_id: str, session: Session) -> None:
        with self.transaction() as t:
            t.put(session_id, session)

    def put_many(self, rows: Iterable[tuple[str, Session]]) -> None:
        """Saves many sessions in one transaction (imports, benchmarks)."""
        with self.transaction() as t:
            for session_id, session in rows:
                t.put(session_id, session)

    def count(self) -> int:
        """The number of stored rows (expired ones not yet swept included)."""
        found: Any = self._db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        return int(found)

    def purge(self) -> int:
        """Deletes every expired session now; returns how many."""
        with self._locked():
            cursor = self._db.execute("DELETE FROM sessions WHERE updated < ?", (self._clock() - self.expire_after,))
            return cursor.rowcount

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
