"""The SQLite session store (bot.stores.sqlite): versioned rows, expiry, one writer at a time; the benchmark."""

from __future__ import annotations

import runpy
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.dialogue.session import FORMAT, Session
from bot.stores.sqlite import SCHEMA_VERSION, Store, StoredSessionError, StoreError, default_path

ROOT = Path(__file__).resolve().parent.parent
SESSION = Session("fr", date(2026, 6, 1), {"status": "private_employee", "age": 40},
                  {"status": "agent", "age": "person"}, state="working_time")


def test_sessions_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        assert store.get("s1") is None
        store.put("s1", SESSION)
        assert store.get("s1") == SESSION
        store.put("s1", SESSION.with_answer("age", 41, "person"))
        assert store.get("s1").answers["age"] == 41  # type: ignore[union-attr]
        assert store.count() == 1


def test_rows_are_versioned_and_unreadable_ones_are_refused_cleanly(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        store.put("s1", SESSION)
        format, data = store._db.execute("SELECT format, data FROM sessions").fetchone()
        assert format == FORMAT and '"format":1' in data
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store._db.execute("UPDATE sessions SET format = 99")
        with pytest.raises(StoredSessionError):
            store.get("s1")
        store._db.execute("UPDATE sessions SET format = ?, data = '{\"format\": 1}'", (FORMAT,))
        with pytest.raises(StoredSessionError):
            store.get("s1")


def test_a_store_from_a_newer_version_or_not_a_database_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with Store(newer) as store:
        store._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError):
        Store(newer)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        Store(garbage)
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(StoreError):
        Store(blocked / "sub" / "s.sqlite3")


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as t:
                t.put("s1", SESSION)
                raise RuntimeError
        assert store.get("s1") is None


def test_expired_sessions_read_as_unknown_and_are_purged(tmp_path: Path) -> None:
    now = [0.0]
    with Store(tmp_path / "s.sqlite3", expire_after=100, clock=lambda: now[0]) as store:
        store.put("old", SESSION)
        now[0] = 50
        store.put("new", SESSION)
        now[0] = 120
        assert store.get("old") is None and store.get("new") == SESSION
        store.put("old", SESSION)  # an expired id can be used again
        now[0] = 300
        assert store.purge() == 2 and store.count() == 0


def test_the_default_path_follows_xdg(tmp_path: Path) -> None:
    assert default_path({"XDG_STATE_HOME": "/state", "HOME": "/home/a"}) == Path("/state/cpf-bot/sessions.sqlite3")
    assert default_path({"XDG_STATE_HOME": "relative", "HOME": "/home/a"}) == Path("/home/a/.local/state/cpf-bot/sessions.sqlite3")
    assert default_path({"HOME": "/home/a"}) == Path("/home/a/.local/state/cpf-bot/sessions.sqlite3")


def test_a_turn_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as first, Store(path, busy_timeout=0.05) as second:
        with first.transaction():
            with pytest.raises(sqlite3.OperationalError):
                with second.transaction():
                    pass
        with second.transaction() as t:
            t.put("s1", SESSION)
        assert first.get("s1") == SESSION


def test_concurrent_read_modify_write_turns_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.put("s1", SESSION.with_answer("years_worked", 0, "person"))
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with Store(path) as store:
                for _ in range(25):
                    with store.transaction() as t:
                        session = t.get("s1")
                        assert session is not None
                        t.put("s1", session.with_answer("years_worked", session.answers["years_worked"] + 1, "person"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(path) as store:
        assert store.get("s1").answers["years_worked"] == 100  # type: ignore[union-attr]
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_new_store_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "state" / "cpf-bot" / "s.sqlite3"
    with Store(path) as store:
        store.put("s1", SESSION)
        assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
        wal = Path(f"{path}-wal")
        assert not wal.exists() or wal.stat().st_mode & 0o777 == 0o600


def test_memory_store_keeps_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store(":memory:") as store:
        store.put("s1", SESSION)
        assert store.get("s1") == SESSION
    assert list(tmp_path.iterdir()) == []


def test_the_benchmark_runs_in_short_mode(capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "sessions.py"))
    assert namespace["main"](["--short"]) == 0
    out = capsys.readouterr().out
    assert "turns/s" in out and "ratio" in out and "bytes" in out
