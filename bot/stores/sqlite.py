"""Sessions in one SQLite file: embedded, no server to run, safe to share between processes
of one machine (WAL needs shared memory, so not across machines: use PostgreSQL there).

One row per session: its id, the codec's JSON and the time of its last turn; a settings
table holds the store's expiry. A turn is one `BEGIN IMMEDIATE` transaction: taking the
write lock at BEGIN means two processes take turns, each reading what the other one
committed, so no turn is lost or applied to a stale session. Each thread has its own
connection. Expired sessions are swept a short batch at a time, and the space they held
is given back to the file system (incremental vacuum).

The time of a session's last turn moves by steps of `updated_step` seconds (a hundredth of
the expiry, at most a minute): a turn that comes less than a step after the stored time
leaves it as it is. Moving a row in the `updated` index at every turn cost more than the
rest of the transaction; people answer several questions a minute. So the stored time may
be up to one step early, and a session expires only once it has been idle for longer than
the expiry plus one step: never before its expiry, at most a minute after it.

A little over 300 lines: one backend, whose setup, migration and sweeps share one
connection per thread.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from bot.dialogue.session import Session
from bot.stores.base import (
    DEFAULT_EXPIRE_AFTER, MEMORY, SWEEP_BATCH, SWEEP_EVERY, Slot, Store, StoreError, decode_row, encode_row,
)

SCHEMA_VERSION: Final = 2  # PRAGMA user_version of a store this code writes
BUSY_TIMEOUT: Final = 30.0  # seconds a turn waits for another process's turn to finish
_NO_LOCK: Final = nullcontext()
FORMAT_COLUMN: Final = 2  # the codec's version, kept beside the data for quick inspection
MAX_UPDATED_STEP: Final = 60.0  # seconds: the most the stored time of a last turn lags


def updated_step(expire_after: float) -> float:
    """How far the stored time of a session's last turn may lag (see the module's doc)."""
    return min(MAX_UPDATED_STEP, expire_after / 100)

_SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id      TEXT PRIMARY KEY,
        format  INTEGER NOT NULL,   -- version of `data` (bot.dialogue.codec.VERSION)
        data    TEXT NOT NULL,      -- bot.dialogue.codec.encode(session) as JSON
        updated REAL NOT NULL       -- Unix time of the last turn
    )""",
    "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)",
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


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


class _SqliteSlot(Slot):
    """One session's row for one transaction; also the context manager of that transaction
    (one flat object: a turn runs no generator-based context managers)."""

    __slots__ = ("_store", "_db", "_id", "_now", "_cutoff", "_step", "_updated", "_read")

    def __init__(self, store: SqliteStore, session_id: str, db: sqlite3.Connection | None = None,
                 now: float = 0.0) -> None:
        self._store, self._id = store, session_id
        if db is not None:  # inside a transaction already (put_many)
            self._begun(db, now)

    def _begun(self, db: sqlite3.Connection, now: float) -> None:
        self._db, self._now = db, now
        self._step = updated_step(self._store.expire_after)
        self._cutoff = now - self._store.expire_after - self._step
        self._updated: float | None = None  # the stored time of the last turn, once read
        self._read: Session | None = None  # the session get() gave

    def __enter__(self) -> _SqliteSlot:
        store = self._store
        if store.path == MEMORY:
            store._memory_lock.acquire()
        try:
            db = store._db()
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            if store.path == MEMORY:
                store._memory_lock.release()
            raise StoreError(f"{store.path}: {error}") from None
        except BaseException:
            if store.path == MEMORY:
                store._memory_lock.release()
            raise
        self._begun(db, store._clock())
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        db, store = self._db, self._store
        try:
            if kind is None:
                try:
                    db.execute("COMMIT")
                except sqlite3.Error as failed:
                    _roll_back(db)
                    raise StoreError(f"{store.path}: {failed}") from None
                return
            _roll_back(db)
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"{store.path}: {error}") from None
        finally:
            if store.path == MEMORY:
                store._memory_lock.release()

    def _row(self) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(
            "SELECT data, updated FROM sessions WHERE id = ?", (self._id,)).fetchone()
        if row is not None and row[1] < self._cutoff:
            self._db.execute("DELETE FROM sessions WHERE id = ?", (self._id,))
            return None
        self._updated = None if row is None else row[1]
        return row

    def get(self) -> Session | None:
        row = self._row()
        self._read = None if row is None else decode_row(self._id, row[0])
        return self._read

    def exists(self) -> bool:
        return self._row() is not None

    def _recent(self) -> bool:
        """True when the stored time of the last turn is less than a step old: left as it is."""
        return self._updated is not None and 0 <= self._now - self._updated < self._step

    def put(self, session: Session) -> None:
        data = encode_row(session, self._read)
        if self._recent():
            self._db.execute("UPDATE sessions SET format = ?, data = ? WHERE id = ?",
                             (FORMAT_COLUMN, data, self._id))
            return
        updated = self._db.execute("UPDATE sessions SET format = ?, data = ?, updated = ? WHERE id = ?",
                                   (FORMAT_COLUMN, data, self._now, self._id))
        if updated.rowcount == 0:
            self._db.execute("INSERT INTO sessions (id, format, data, updated) VALUES (?, ?, ?, ?)",
                             (self._id, FORMAT_COLUMN, data, self._now))

    def touch(self) -> None:
        if not self._recent():
            self._db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (self._now, self._id))


def _roll_back(db: sqlite3.Connection) -> None:
    if db.in_transaction:  # else SQLite already rolled back (disk full, I/O error)
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the original error says more


class SqliteStore(Store):
    """The sessions in one SQLite file (or `:memory:`, for one thread's throwaway use).

    `clock` gives the time in seconds (tests replace it). `expire_after`, when given, is
    written into the store as its expiry. Raises StoreError if the file cannot be used.
    """

    def __init__(self, path: str | os.PathLike[str], expire_after: int | None = None,
                 clock: Callable[[], float] = time.time, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = os.fspath(path)
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._next_sweep = 0.0
        self._sweeping = False
        self._shared: sqlite3.Connection | None = None  # `:memory:`: one database, one connection
        self._memory_lock = threading.RLock()
        try:
            if self.path != MEMORY:
                _create_private(Path(self.path))
            self._with_retries(self._setup)
            if expire_after is not None:
                self.set_expire_after(expire_after)
            self._expire_after = self._read_expire_after()
        except (OSError, sqlite3.Error) as error:
            self.close()
            raise StoreError(str(error)) from None

    # -- connections --------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self.path == MEMORY:
            if self._shared is None:
                self._shared = sqlite3.connect(MEMORY, isolation_level=None, check_same_thread=False)
                self._connections.append(self._shared)
            return self._shared
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # isolation_level=None: no implicit transactions, each turn says BEGIN itself.
            db = sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None)
            # WAL: readers never block the writer, and a commit is one append to the log.
            # synchronous=NORMAL in WAL mode syncs the log only at checkpoints: a committed
            # turn is in the OS's hands when COMMIT returns, so it survives the process being
            # killed; only a power cut or OS crash could lose the last turns.
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
            with self._guard:
                self._connections.append(db)
        return db

    def _with_retries(self, setup: Callable[[], None]) -> None:
        """`setup`, retried while another process is setting up the same new file: switching
        to WAL needs an exclusive lock, and SQLite answers "locked" there without waiting."""
        deadline = time.monotonic() + self._busy_timeout
        pause = 0.005
        while True:
            try:
                return setup()
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def _setup(self) -> None:
        db = self._db()
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # before the first table: no VACUUM needed
        db.execute("PRAGMA journal_mode = WAL")
        with self._locked(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"store schema {version} is newer than {SCHEMA_VERSION}")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('expire_after', ?)",
                       (str(DEFAULT_EXPIRE_AFTER),))
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @staticmethod
    @contextmanager
    def _locked(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # else SQLite already rolled back (disk full, I/O error)
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the original error says more
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; every SQLite failure comes out as StoreError."""
        try:
            with self._memory_lock if self.path == MEMORY else _NO_LOCK:
                db = self._db()
                with self._locked(db):
                    yield db
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {error}") from None

    # -- the interface ------------------------------------------------------------

    def slot(self, session_id: str) -> _SqliteSlot:
        self._sweep_a_batch_when_due()
        return _SqliteSlot(self, session_id)

    def _sweep_a_batch_when_due(self) -> None:
        """At most one short batch before a turn, so a large sweep never holds up a turn long."""
        now = self._clock()
        if now < self._next_sweep:
            return
        if not self._sweeping:
            self._expire_after = self._read_expire_after()  # another process may have changed it
            self._sweeping = True
        if self._delete_batch(self._cutoff(now)) < SWEEP_BATCH:
            self._sweeping = False
            self._next_sweep = now + SWEEP_EVERY
            self._vacuum()

    def _cutoff(self, now: float) -> float:
        """Sessions whose stored time is before this are expired (see the module's doc)."""
        return now - self._expire_after - updated_step(self._expire_after)

    def _delete_batch(self, cutoff: float) -> int:
        with self._transaction() as db:
            deleted = db.execute(
                "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE updated < ? LIMIT ?)",
                (cutoff, SWEEP_BATCH)).rowcount
        return int(deleted)

    def _vacuum(self) -> None:
        try:
            self._db().executescript("PRAGMA incremental_vacuum;")  # run to the end, not one step
        except sqlite3.Error:
            pass  # space is given back at the next sweep

    def _read_expire_after(self) -> float:
        try:
            row = self._db().execute("SELECT value FROM settings WHERE key = 'expire_after'").fetchone()
            return float(row[0]) if row else float(DEFAULT_EXPIRE_AFTER)
        except (sqlite3.Error, ValueError) as error:
            raise StoreError(f"{self.path}: {error}") from None

    @property
    def expire_after(self) -> float:
        return self._expire_after

    def set_expire_after(self, seconds: int) -> None:
        with self._transaction() as db:
            db.execute("INSERT INTO settings (key, value) VALUES ('expire_after', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(int(seconds)),))
        self._expire_after = float(seconds)

    def sweep(self) -> int:
        self._expire_after = self._read_expire_after()
        total = 0
        while (deleted := self._delete_batch(self._cutoff(self._clock()))) > 0:
            total += deleted
        self._vacuum()
        return total

    def count(self) -> int:
        try:
            return int(self._db().execute("SELECT count(*) FROM sessions").fetchone()[0])
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {error}") from None

    def check(self) -> None:
        """A write that changes nothing, rolled back: fails on a read-only or full store."""
        try:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("UPDATE settings SET value = value WHERE key = 'expire_after'")
            finally:
                db.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {error}") from None

    def put_many(self, rows: Iterable[tuple[str, Session]]) -> None:
        with self._transaction() as db:
            now = self._clock()
            for session_id, session in rows:
                _SqliteSlot(self, session_id, db, now).put(session)

    def close(self) -> None:
        with self._guard:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()
