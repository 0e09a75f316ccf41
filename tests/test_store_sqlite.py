"""The SQLite store's own behaviour: schema versions, damaged rows, privacy, one writer at a
time, batched sweeps that give the space back; the sessions benchmark. (What every store
does is in test_store_contract.py.)"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.dialogue import codec
from bot.dialogue.session import Session
from bot.stores import StoredSessionError, StoreError, open_store
from bot.stores.memory import MemoryStore
from bot.stores.sqlite import SCHEMA_VERSION, SqliteStore, default_path

SESSION = Session("fr", date(2026, 6, 1), {"status": "private_employee", "age": 40},
                  {"status": "agent", "age": "person"}, state="working_time")


def raw(path: Path) -> sqlite3.Connection:
    """The file opened as any SQLite tool would (a person inspecting or editing it)."""
    return sqlite3.connect(path, isolation_level=None)


def put(store: SqliteStore, session_id: str, session: Session) -> None:
    with store.slot(session_id) as slot:
        slot.put(session)


def get(store: SqliteStore, session_id: str) -> Session | None:
    with store.slot(session_id) as slot:
        return slot.get()


def test_rows_hold_the_codec_form_and_unreadable_ones_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with SqliteStore(path) as store:
        put(store, "s1", SESSION)
        with raw(path) as db:
            format, data = db.execute("SELECT format, data FROM sessions").fetchone()
            assert format == codec.VERSION and f'"format":{codec.VERSION}' in data
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            for damaged in ('{"format": 99}', '{"format": 1}', "[", '{"format": 2, "answers": {}, "lang": "fr", '
                            '"as_of": "2026-06-01", "turn": 1e400}'):
                db.execute("UPDATE sessions SET data = ?", (damaged,))
                with pytest.raises(StoredSessionError):
                    get(store, "s1")
                with store.slot("s1") as slot:
                    assert slot.exists()  # unreadable, but taken: a start must not overwrite it


def test_a_store_from_a_newer_version_or_not_a_database_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    SqliteStore(newer).close()
    with raw(newer) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError):
        SqliteStore(newer)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        SqliteStore(garbage)
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(StoreError):
        SqliteStore(blocked / "sub" / "s.sqlite3")


def test_a_store_of_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    with raw(path) as db:
        db.executescript("""
            CREATE TABLE sessions (id TEXT PRIMARY KEY, format INTEGER NOT NULL, data TEXT NOT NULL, updated REAL NOT NULL);
            CREATE INDEX sessions_updated ON sessions (updated);
            PRAGMA user_version = 1;""")
        v1 = {k: v for k, v in codec.encode(SESSION).items() if k not in ("rules_version", "turn", "owner")}
        db.execute("INSERT INTO sessions VALUES ('old', 1, ?, ?)", (codec_json({**v1, "format": 1}), 1e12))
    with SqliteStore(path, clock=lambda: 1e12) as store:
        assert get(store, "old") == SESSION and store.expire_after == 24 * 3600


def codec_json(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data)


def test_a_turn_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with SqliteStore(path) as first, SqliteStore(path, busy_timeout=0.05) as second:
        with first.slot("s1"):
            with pytest.raises(StoreError):
                with second.slot("s2"):
                    pass
        put(second, "s1", SESSION)
        assert get(first, "s1") == SESSION


def test_sweeps_go_in_short_batches_and_give_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    now = [1e9]
    with SqliteStore(path, expire_after=100, clock=lambda: now[0]) as store:
        store.put_many((f"s{i:05}", SESSION.with_answer("years_worked", i, "person")) for i in range(3000))
        with raw(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        full = os.path.getsize(path)
        now[0] += 1000
        put(store, "fresh", SESSION)  # the due sweep deletes one batch only before this turn
        assert 3000 - 256 <= store.count() <= 3001 - 256
        assert store.sweep() == 3000 - 256 and store.count() == 1
        with raw(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert os.path.getsize(path) < full / 2


def test_check_refuses_a_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    SqliteStore(path).close()
    path.chmod(0o400)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write any file (root): the mode is not enforced")
        with pytest.raises(StoreError):
            SqliteStore(path).check()
    finally:
        path.chmod(0o600)


def test_the_default_path_follows_xdg() -> None:
    assert default_path({"XDG_STATE_HOME": "/state", "HOME": "/home/a"}) == Path("/state/cpf-bot/sessions.sqlite3")
    assert default_path({"XDG_STATE_HOME": "relative", "HOME": "/home/a"}) == Path("/home/a/.local/state/cpf-bot/sessions.sqlite3")
    assert default_path({"HOME": "/home/a"}) == Path("/home/a/.local/state/cpf-bot/sessions.sqlite3")


def test_a_new_store_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "state" / "cpf-bot" / "s.sqlite3"
    old = os.umask(0)
    try:
        with SqliteStore(path) as store:
            put(store, "s1", SESSION)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_mode & 0o777 == 0o600


def test_open_store_picks_the_backend_from_the_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store(":memory:") as store:
        assert isinstance(store, MemoryStore)
    assert list(tmp_path.iterdir()) == []
    with open_store(str(tmp_path / "s.sqlite3"), expire_after=60) as store:
        assert isinstance(store, SqliteStore) and store.expire_after == 60
    with pytest.raises(StoreError):
        open_store("")
