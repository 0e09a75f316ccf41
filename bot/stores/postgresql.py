"""Sessions in PostgreSQL (`--store postgresql://USER@HOST:PORT/DB`): any number of `serve`
and `web` processes, on any number of machines, share one database.

Tables: `cpf_sessions` (one row per session: id, the codec's version, its JSON, the time of
its last turn) and `cpf_settings` (the schema version and the store's expiry). The first
process that opens an empty database creates them, under an advisory lock so that several
processes starting at once do not race; a database written by a newer version is refused.

A turn is one transaction on one pooled connection (psycopg 3 with psycopg-pool), in READ
COMMITTED whatever the server's default. It locks its session's row and nothing else:
`SELECT … FOR UPDATE` on an existing row; for an id with no row, `INSERT … ON CONFLICT DO
NOTHING` of a placeholder row, which holds the id (a second start of the same new id waits
on the unique index, then sees the first one's session), and is never committed: a turn
that writes nothing rolls back. So turns of different sessions never wait for each other,
and a turn is committed before its reply is written. A turn costs two round trips to the
server: BEGIN with the lock, then the write with its COMMIT (two statements in one query,
their parameters bound by psycopg's client-side cursor, which escapes them).

Failures come out as StoreError, as one line without the session's data. Before the
turn's own work starts, nothing has been written, so two things are retried there: a
connection found dead (the server restarted; the pool drops it and connects again) and a
serialization failure or deadlock (a few times, with a pause). Once the turn has started
nothing is retried: the caller answers `store_error` and the client may resend (`turn`).

Expired sessions are swept before a turn at most every SWEEP_EVERY seconds, one batch of
SWEEP_BATCH rows per transaction, skipping rows that a turn holds; the expiry setting is
read again at each sweep, so `set_expire_after` reaches every process.

Settings of our own may be given in the URL's query and are removed before it reaches
libpq: `pool_size` (connections per process, default POOL_SIZE) and `pool_timeout`
(seconds a turn waits for a connection, default POOL_TIMEOUT).

Why one module of over 400 lines: the backend is one idea (the `Store` interface on one
database), and its connection handling, retries and sweeps share the pool's state.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final, TypeVar
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors, sql
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from bot.dialogue.session import Session
from bot.stores.base import (
    DEFAULT_EXPIRE_AFTER, SWEEP_BATCH, SWEEP_EVERY, Slot, Store, StoreError, decode_row, encode_row,
)

SCHEMA_VERSION: Final = 1  # `schema_version` in cpf_settings of a store this code writes
FORMAT_COLUMN: Final = 2  # the codec's version, kept beside the data for quick inspection
POOL_SIZE: Final = 4  # connections one process may hold (serve uses one; web one per busy thread)
POOL_TIMEOUT: Final = 5.0  # seconds a turn waits for a connection before `store_error`
CONNECT_TIMEOUT: Final = 5  # seconds, libpq's connect_timeout unless the URL sets one
RECONNECT_TIMEOUT: Final = 2.0  # seconds the pool keeps retrying one lost connection; then on demand
LOCK_TIMEOUT_MS: Final = 30_000  # a turn waits this long for its session's row, then fails
IDLE_IN_TRANSACTION_MS: Final = 60_000  # the server ends a connection stuck inside a turn
SERIALIZATION_RETRIES: Final = 4  # serialization failures or deadlocks retried before a turn
SETUP_LOCK: Final = 0x6370_6662_6F74  # advisory lock key held while the schema is created
OWN_SETTINGS: Final = ("pool_size", "pool_timeout")  # URL query settings of ours, not libpq's
_PLACEHOLDER_FORMAT: Final = 0  # a row that holds a new id during its first turn, never committed
_RETRY_STATES: Final = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected

# The pool reports lost connections on the "psycopg" loggers; without a handler Python
# would print them on stderr. Ours is the one line the service logs per failed turn.
logging.getLogger("psycopg").addHandler(logging.NullHandler())
logging.getLogger("psycopg").propagate = False

T = TypeVar("T")

_SCHEMA: Final = (
    """CREATE TABLE cpf_settings (
        key   text PRIMARY KEY,
        value text NOT NULL
    )""",
    """CREATE TABLE cpf_sessions (
        id      text PRIMARY KEY,
        format  integer NOT NULL,           -- version of `data` (bot.dialogue.codec.VERSION)
        data    text NOT NULL,              -- bot.dialogue.codec.encode(session) as JSON
        updated double precision NOT NULL   -- Unix time of the last turn
    )""",
    "CREATE INDEX cpf_sessions_updated ON cpf_sessions (updated)",
)
_LOCK_ROW: Final = "SELECT format, data, updated FROM cpf_sessions WHERE id = %s FOR UPDATE"
_HOLD_NEW_ID: Final = ("INSERT INTO cpf_sessions (id, format, data, updated) VALUES (%s, 0, '', '-Infinity') "
                       "ON CONFLICT (id) DO NOTHING RETURNING 1")
_PUT: Final = "UPDATE cpf_sessions SET format = %s, data = %s, updated = %s WHERE id = %s"
_TOUCH: Final = "UPDATE cpf_sessions SET updated = %s WHERE id = %s"
_SWEEP: Final = ("DELETE FROM cpf_sessions WHERE id IN (SELECT id FROM cpf_sessions WHERE updated < %s "
                 "LIMIT %s FOR UPDATE SKIP LOCKED)")


def one_line(error: BaseException) -> str:
    """The first line of a driver's message (the rest, DETAIL and HINT, may quote data)."""
    lines = str(error).strip().splitlines()
    text = lines[0].strip() if lines else ""
    state = getattr(error, "sqlstate", None)
    name = type(error).__name__
    return f"{name} {state}: {text}" if state else f"{name}: {text}"


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """The URL for libpq without our own query settings, and those settings."""
    parts = urlsplit(url)
    ours: dict[str, str] = {}
    kept: list[tuple[str, str]] = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in OWN_SETTINGS:
            ours[key] = value
        else:
            kept.append((key, value))
    if not ours:
        return url, ours
    return urlunsplit(parts._replace(query=urlencode(kept, quote_via=quote))), ours


def describe(params: dict[str, str]) -> str:
    """The store's name for logs: user, host, port and database, never a password."""
    user = params.get("user", "")
    host = params.get("host", "") or params.get("hostaddr", "")
    port = params.get("port", "")
    where = f"{host}:{port}" if port else host
    return f"postgresql://{user + '@' if user else ''}{where}/{params.get('dbname', '')}"


class _PgSlot(Slot):
    """The writes of a turn wait for its end, to be sent with the COMMIT in one round trip."""

    def __init__(self, session_id: str, row: tuple[Any, ...] | None, now: float) -> None:
        self._id, self._now = session_id, now
        self._row = row  # (format, data, updated) of a live session, else None
        self.write: tuple[str, tuple[Any, ...]] | None = None  # the statement that ends the turn
        self._read: Session | None = None  # the session get() gave

    def get(self) -> Session | None:
        self._read = None if self._row is None else decode_row(self._id, self._row[1])
        return self._read

    def exists(self) -> bool:
        return self._row is not None

    def put(self, session: Session) -> None:
        data = encode_row(session, self._read)
        self._row = (FORMAT_COLUMN, data, self._now)
        self.write = (_PUT, (FORMAT_COLUMN, data, self._now, self._id))

    def touch(self) -> None:
        if self._row is not None and self.write is None:
            self.write = (_TOUCH, (self._now, self._id))


class PostgresStore(Store):
    """The sessions in one PostgreSQL database, through a pool of connections.

    `url` is a libpq URL (`postgresql://USER@HOST:PORT/DB?sslmode=verify-full`, …) with,
    optionally, `pool_size` and `pool_timeout`. `clock` gives the time in seconds (tests
    replace it). `expire_after`, when given, is written into the store as its expiry.
    Raises StoreError if the server cannot be reached or the database cannot be used.
    """

    def __init__(self, url: str, expire_after: int | None = None, clock: Callable[[], float] = time.time,
                 pool_size: int = POOL_SIZE, pool_timeout: float = POOL_TIMEOUT) -> None:
        self._clock = clock
        self._sweep_guard = threading.Lock()
        self._next_sweep = 0.0
        self._sweeping = False
        self._pool: ConnectionPool[psycopg.Connection[Any]] | None = None
        try:
            libpq_url, ours = split_url(url)
            pool_size = int(ours.get("pool_size", pool_size))
            pool_timeout = float(ours.get("pool_timeout", pool_timeout))
            if pool_size < 1 or not pool_timeout > 0:
                raise ValueError("pool_size must be at least 1 and pool_timeout above 0")
            params = {key: str(value) for key, value in conninfo_to_dict(libpq_url).items() if value is not None}
        except (ValueError, psycopg.Error) as error:
            raise StoreError(f"postgresql: bad store URL ({one_line(error)})") from None
        self.name = describe(params)
        self._max_tries = pool_size + 1  # every pooled connection may be dead after a server restart
        defaults = {"connect_timeout": str(CONNECT_TIMEOUT), "application_name": "cpf-bot",
                    "keepalives_idle": "30", "keepalives_interval": "10", "keepalives_count": "3"}
        kwargs: dict[str, Any] = {k: v for k, v in defaults.items() if k not in params}
        kwargs["autocommit"] = True  # each turn says BEGIN itself
        self._pool = ConnectionPool(
            libpq_url, kwargs=kwargs, min_size=1, max_size=pool_size, open=False, timeout=pool_timeout,
            configure=self._configure, reconnect_timeout=RECONNECT_TIMEOUT, name="cpf-bot",
        )
        try:
            self._pool.open(wait=True, timeout=pool_timeout)
            self._run(self._setup)
            if expire_after is not None:
                self.set_expire_after(expire_after)
            self._expire_after = self._run(self._read_expire_after)
        except (StoreError, psycopg.Error) as error:
            self.close()
            message = str(error) if isinstance(error, StoreError) else self._message(error)
            raise StoreError(message) from None

    # -- connections --------------------------------------------------------------

    @staticmethod
    def _configure(conn: psycopg.Connection[Any]) -> None:
        """Every new connection: our isolation level and time limits, whatever the server's defaults."""
        conn.execute("SET default_transaction_isolation = 'read committed'; "
                     f"SET lock_timeout = {LOCK_TIMEOUT_MS}; "
                     f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_MS}; "
                     "SET client_min_messages = warning")

    def _message(self, error: BaseException) -> str:
        return f"{self.name}: {one_line(error)}"

    def _getconn(self, lost: str = "") -> psycopg.Connection[Any]:
        """A pooled connection; `lost`: the failure of the connection tried before, if any."""
        if self._pool is None:
            raise StoreError(f"{self.name}: the store is closed")
        try:
            return self._pool.getconn()
        except psycopg.Error as error:
            reason = f"after {lost}" if lost else "the server is unreachable, or every connection is busy"
            raise StoreError(f"{self._message(error)} ({reason})") from None

    def _putconn(self, conn: psycopg.Connection[Any]) -> None:
        """Back to the pool, which rolls back an open transaction and drops a dead connection."""
        if self._pool is not None:
            try:
                self._pool.putconn(conn)
            except psycopg.Error:
                pass
        else:
            conn.close()

    @staticmethod
    def _rollback(conn: psycopg.Connection[Any]) -> None:
        try:
            conn.execute("ROLLBACK")
        except psycopg.Error:
            pass  # a dead connection: the pool drops it

    def _begin(self, work: Callable[[psycopg.Connection[Any]], T],
               begun_by_work: bool = False) -> tuple[psycopg.Connection[Any], T]:
        """A connection inside a new transaction where `work` has run: `work` must write
        nothing that outlives a rollback (it is run again on a dead connection or a
        serialization failure, a bounded number of times). The caller ends the transaction
        and returns the connection. `begun_by_work`: `work` sends the BEGIN itself."""
        conflicts = 0
        tries = 0
        lost = ""
        while True:
            tries += 1
            conn = self._getconn(lost)
            try:
                if not begun_by_work:
                    conn.execute("BEGIN")
                return conn, work(conn)
            except psycopg.Error as error:
                self._rollback(conn)
                self._putconn(conn)
                if conn.closed:  # dead (the server went away): the pool drops it
                    if tries < self._max_tries:
                        lost = f"a lost connection: {one_line(error)}"
                        continue  # the server restarted since this connection was made: another one
                elif getattr(error, "sqlstate", None) in _RETRY_STATES and conflicts < SERIALIZATION_RETRIES:
                    conflicts += 1
                    time.sleep(random.uniform(0.005, 0.02) * 2 ** conflicts)
                    continue
                raise StoreError(self._message(error)) from None
            except BaseException:
                self._rollback(conn)
                self._putconn(conn)
                raise

    def _run(self, work: Callable[[psycopg.Connection[Any]], T]) -> T:
        """`work` in one transaction, committed; retried as `_begin` says."""
        conn, result = self._begin(work)
        try:
            conn.execute("COMMIT")
        except psycopg.Error as error:
            raise StoreError(self._message(error)) from None
        finally:
            self._putconn(conn)
        return result

    # -- schema -------------------------------------------------------------------

    def _setup(self, conn: psycopg.Connection[Any]) -> None:
        """Creates the tables on first use; refuses a schema newer than this code.

        Existing tables are checked, not created again, so a role that may only read and
        write rows (no CREATE on the schema) can use a store an owner has set up."""
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (SETUP_LOCK,))
        if conn.execute("SELECT to_regclass('cpf_settings')").fetchone() == (None,):
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT INTO cpf_settings (key, value) VALUES ('schema_version', %s), ('expire_after', %s)",
                         (str(SCHEMA_VERSION), str(DEFAULT_EXPIRE_AFTER)))
            return
        row = conn.execute("SELECT value FROM cpf_settings WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.name}: store schema {version} is newer than {SCHEMA_VERSION}: "
                             "this cpf-bot is older than the one that wrote it")
        if version < 1:
            raise StoreError(f"{self.name}: cpf_settings has no schema_version: not a cpf-bot store")
        # Later schema versions add their migration steps here, each from the previous version.

    # -- the interface ------------------------------------------------------------

    @contextmanager
    def slot(self, session_id: str) -> Iterator[Slot]:
        self._sweep_a_batch_when_due()
        now = self._clock()
        cutoff = now - self._expire_after
        conn, row = self._begin(lambda conn: self._lock(conn, session_id), begun_by_work=True)
        try:
            live = row if row is not None and row[0] != _PLACEHOLDER_FORMAT and row[2] >= cutoff else None
            slot = _PgSlot(session_id, live, now)
            yield slot
            try:
                if slot.write is None:
                    conn.execute("ROLLBACK")  # nothing to keep (and a new id's placeholder goes)
                else:  # one round trip: the write and its COMMIT
                    psycopg.ClientCursor(conn).execute(slot.write[0] + "; COMMIT", slot.write[1])
            except psycopg.Error as error:
                raise StoreError(self._message(error)) from None
        except BaseException:
            self._rollback(conn)
            raise
        finally:
            self._putconn(conn)

    @staticmethod
    def _lock(conn: psycopg.Connection[Any], session_id: str) -> tuple[Any, ...] | None:
        """Begins the transaction and locks the session's row, or holds its id with a
        placeholder row; returns the row found (None for a new id). An insert that finds
        the id taken means another turn created it meanwhile: its row is locked then, once
        that turn is over."""
        found: psycopg.Cursor[Any] = psycopg.ClientCursor(conn)  # one round trip for two statements (bound here, escaped)
        found.execute("BEGIN; " + _LOCK_ROW, (session_id,))
        found.nextset()  # the SELECT's rows
        for _ in range(8):
            row: tuple[Any, ...] | None = found.fetchone()
            if row is not None:
                return row
            if conn.execute(_HOLD_NEW_ID, (session_id,)).fetchone() is not None:
                return None
            found = conn.execute(_LOCK_ROW, (session_id,))
        raise errors.LockNotAvailable(f"session {session_id!r} kept being created and deleted")

    def _sweep_a_batch_when_due(self) -> None:
        """At most one short batch before a turn, so a large sweep never holds up a turn long.
        One thread sweeps at a time; the others go on with their turns."""
        now = self._clock()
        if now < self._next_sweep or not self._sweep_guard.acquire(blocking=False):
            return
        try:
            if not self._sweeping:
                self._expire_after = self._run(self._read_expire_after)  # another process may have changed it
                self._sweeping = True
            if self._run(lambda conn: self._delete_batch(conn, now - self._expire_after)) < SWEEP_BATCH:
                self._sweeping = False
                self._next_sweep = now + SWEEP_EVERY
        except StoreError:
            # Tried again later: a sweep that cannot run (the server is down, a role without
            # DELETE) must not fail the turn, which reports its own failure if it has one.
            self._sweeping = False
            self._next_sweep = now + SWEEP_EVERY
        finally:
            self._sweep_guard.release()

    @staticmethod
    def _delete_batch(conn: psycopg.Connection[Any], cutoff: float) -> int:
        return conn.execute(_SWEEP, (cutoff, SWEEP_BATCH)).rowcount

    @staticmethod
    def _read_expire_after(conn: psycopg.Connection[Any]) -> float:
        row = conn.execute("SELECT value FROM cpf_settings WHERE key = 'expire_after'").fetchone()
        return float(row[0]) if row else float(DEFAULT_EXPIRE_AFTER)

    @property
    def expire_after(self) -> float:
        return self._expire_after

    def set_expire_after(self, seconds: int) -> None:
        self._run(lambda conn: conn.execute(
            "INSERT INTO cpf_settings (key, value) VALUES ('expire_after', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(int(seconds)),)))
        self._expire_after = float(seconds)

    def sweep(self) -> int:
        self._expire_after = self._run(self._read_expire_after)
        total = 0
        while (deleted := self._run(lambda conn: self._delete_batch(conn, self._clock() - self._expire_after))) > 0:
            total += deleted
        return total

    def count(self) -> int:
        found = self._run(lambda conn: conn.execute("SELECT count(*) FROM cpf_sessions").fetchone())
        return int(found[0]) if found else 0

    def check(self) -> None:
        """A write that changes nothing, rolled back: fails on a read-only server (a standby)."""
        conn, _ = self._begin(lambda conn: conn.execute(
            "UPDATE cpf_settings SET value = value WHERE key = 'expire_after'"))
        self._rollback(conn)
        self._putconn(conn)

    def put_many(self, rows: Iterable[tuple[str, Session]]) -> None:
        """All in one transaction, through COPY: fast enough for hundreds of thousands."""
        def load(conn: psycopg.Connection[Any]) -> None:
            now = self._clock()
            conn.execute("CREATE TEMPORARY TABLE cpf_load (LIKE cpf_sessions) ON COMMIT DROP")
            with conn.cursor().copy("COPY cpf_load (id, format, data, updated) FROM STDIN") as copy:
                for session_id, session in rows:
                    copy.write_row((session_id, FORMAT_COLUMN, encode_row(session), now))
            conn.execute(sql.SQL(
                "INSERT INTO cpf_sessions SELECT DISTINCT ON (id) * FROM cpf_load ORDER BY id "
                "ON CONFLICT (id) DO UPDATE SET format = excluded.format, data = excluded.data, "
                "updated = excluded.updated"))
        rows = list(rows)  # a retry must see them again
        self._run(load)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(timeout=5)
