"""The PostgreSQL store's own behaviour: schema versions, damaged rows, one winner per race,
per-session locks, the expiry shared at each sweep, batched sweeps that skip held rows,
bounded retries, one-line errors, and reconnection after the server restarts. (What every
store does is in test_store_contract.py; several processes are in test_serve_postgresql.py.)"""

from __future__ import annotations

import os
import threading
import time
from datetime import date
from typing import Any

import pytest

from bot.dialogue import codec
from bot.dialogue.session import Session
from bot.stores import StoredSessionError, StoreError, open_store
from pgserver import PostgresServer

try:
    import psycopg

    from bot.stores import postgresql
except ImportError:  # pragma: no cover - the test extra installs psycopg
    if os.environ.get("CI", "").lower() == "true":
        raise
    pytest.skip("psycopg is not installed: pip install '.[test]'", allow_module_level=True)
PostgresStore = postgresql.PostgresStore

SESSION = Session("fr", date(2026, 6, 1), {"status": "private_employee", "age": 40},
                  {"status": "agent", "age": "person"}, state="working_time")


def raw(url: str) -> Any:
    """The database as psql would see it (a person inspecting or editing it)."""
    return psycopg.connect(postgresql.split_url(url)[0], autocommit=True)


def put(store: Any, session_id: str, session: Session) -> None:
    with store.slot(session_id) as slot:
        slot.put(session)


def get(store: Any, session_id: str) -> Session | None:
    with store.slot(session_id) as slot:
        return slot.get()  # type: ignore[no-any-return]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_open_store_picks_postgresql_for_both_schemes(pg_url: str) -> None:
    for url in (pg_url, pg_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url, expire_after=120) as store:
            assert isinstance(store, PostgresStore) and store.expire_after == 120


def test_rows_hold_the_codec_form_and_unreadable_ones_are_refused(pg_url: str) -> None:
    with PostgresStore(pg_url) as store, raw(pg_url) as db:
        put(store, "s1", SESSION)
        format, data = db.execute("SELECT format, data FROM cpf_sessions").fetchone()
        assert format == codec.VERSION and f'"format":{codec.VERSION}' in data
        assert db.execute("SELECT value FROM cpf_settings WHERE key = 'schema_version'").fetchone() == (
            str(postgresql.SCHEMA_VERSION),)
        for damaged in ('{"format": 99}', "[", '{"format": 2, "answers": {}}'):
            db.execute("UPDATE cpf_sessions SET data = %s", (damaged,))
            with pytest.raises(StoredSessionError):
                get(store, "s1")
            with store.slot("s1") as slot:
                assert slot.exists()  # unreadable, but taken: a start must not overwrite it


def test_a_newer_schema_or_a_foreign_settings_table_is_refused(pg_url: str) -> None:
    PostgresStore(pg_url).close()
    with raw(pg_url) as db:
        db.execute("UPDATE cpf_settings SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        PostgresStore(pg_url)
    with raw(pg_url) as db:
        db.execute("DELETE FROM cpf_settings WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="not a cpf-bot store"):
        PostgresStore(pg_url)


def test_processes_opening_a_new_database_at_once_create_it_once(pg_url: str) -> None:
    stores: list[Any] = []
    failures: list[BaseException] = []

    def opening() -> None:
        try:
            stores.append(PostgresStore(pg_url))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=opening) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and len(stores) == 4
    for store in stores:
        store.close()


def test_two_starts_of_one_new_id_have_exactly_one_winner(pg_url: str) -> None:
    """Both turns see no session; the second waits on the first one's placeholder row, then
    sees its session: it must not overwrite it."""
    with PostgresStore(pg_url) as first, PostgresStore(pg_url) as second:
        for round in range(5):
            sid = f"new-{round}"
            inside, results = threading.Barrier(2), []

            def start(store: Any, lang: str) -> None:
                inside.wait()
                with store.slot(sid) as slot:
                    if slot.exists():
                        results.append("exists")
                    else:
                        slot.put(Session(lang, date(2026, 6, 1), {}, {}))
                        results.append(lang)

            threads = [threading.Thread(target=start, args=args) for args in ((first, "fr"), (second, "en"))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(results) in (["en", "exists"], ["exists", "fr"])
            winner = next(r for r in results if r != "exists")
            found = get(first, sid)
            assert found is not None and found.lang == winner


def test_a_turn_that_writes_nothing_leaves_no_row(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        assert get(store, "nobody") is None
        with pytest.raises(RuntimeError):
            with store.slot("s1") as slot:
                slot.put(SESSION)
                raise RuntimeError
        assert store.count() == 0


def test_the_expiry_set_by_one_process_reaches_another_at_its_next_sweep(pg_url: str) -> None:
    clock = Clock()
    with PostgresStore(pg_url, clock=clock) as serving, PostgresStore(pg_url, clock=clock) as admin:
        put(serving, "s1", SESSION)
        admin.set_expire_after(300)
        assert serving.expire_after == 86400  # read again at the next sweep, not at every turn
        clock.now += postgresql.SWEEP_EVERY + 1
        put(serving, "s2", SESSION)
        assert serving.expire_after == 300
        clock.now += 400
        assert get(serving, "s1") is None


def test_sweeps_go_in_short_batches_and_skip_a_session_in_a_turn(pg_url: str) -> None:
    clock, earlier = Clock(), Clock()  # `other` lives earlier: its own sweeps find nothing to do
    batch = postgresql.SWEEP_BATCH
    with PostgresStore(pg_url, expire_after=100, clock=clock) as store, \
            PostgresStore(pg_url, clock=earlier) as other:
        store.put_many((f"s{i:05}", SESSION.with_answer("years_worked", i, "person")) for i in range(2 * batch + 50))
        clock.now += 1000
        put(store, "fresh", SESSION)  # the due sweep deletes one batch only before this turn
        assert store.count() == batch + 50 + 1
        with raw(pg_url) as db:
            left = db.execute("SELECT id FROM cpf_sessions WHERE id <> 'fresh' LIMIT 1").fetchone()[0]
        with other.slot(left) as held:  # a turn holds this one: the sweep goes round it
            assert held.exists()
            assert store.sweep() == batch + 50 - 1
        assert store.count() == 2 and store.sweep() == 1


def test_serialization_failures_are_retried_a_bounded_number_of_times(pg_url: str, monkeypatch: Any) -> None:
    calls = []
    real = PostgresStore._lock

    def failing(times: int) -> Any:
        def lock(conn: Any, session_id: str) -> Any:
            calls.append(session_id)
            if len(calls) <= times:
                raise psycopg.errors.SerializationFailure("could not serialize access due to concurrent update")
            return real(conn, session_id)
        return staticmethod(lock)

    with PostgresStore(pg_url) as store:
        monkeypatch.setattr(PostgresStore, "_lock", failing(2))
        put(store, "s1", SESSION)
        assert len(calls) == 3 and get(store, "s1") == SESSION
        calls.clear()
        monkeypatch.setattr(PostgresStore, "_lock", failing(1000))
        with pytest.raises(StoreError, match="40001") as raised:
            put(store, "s1", SESSION)
        assert len(calls) == postgresql.SERIALIZATION_RETRIES + 1 and "\n" not in str(raised.value)


def test_a_write_refused_by_the_server_fails_the_turn_and_keeps_the_last_one(pg_url: str) -> None:
    with PostgresStore(pg_url) as store, raw(pg_url) as db:
        put(store, "s1", SESSION)
        db.execute("""CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                      BEGIN RAISE EXCEPTION 'refused' USING DETAIL = 'secret detail', ERRCODE = '40001'; END $$""")
        db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON cpf_sessions FOR EACH ROW EXECUTE FUNCTION refuse()")
        with pytest.raises(StoreError) as raised:
            put(store, "s1", SESSION.with_answer("age", 41, "person"))
        assert "refused" in str(raised.value) and "secret" not in str(raised.value) and "\n" not in str(raised.value)
        db.execute("DROP TRIGGER refuse ON cpf_sessions")
        found = get(store, "s1")
        assert found is not None and found.answers["age"] == 40


def test_turns_run_in_read_committed_whatever_the_servers_default(pg_url: str) -> None:
    """Under REPEATABLE READ or SERIALIZABLE a turn waiting for a row another turn changed
    would fail (40001) instead of reading the new session."""
    with PostgresStore(pg_url + "%20-cdefault_transaction_isolation%3Dserializable") as store:
        put(store, "s1", SESSION.with_answer("years_worked", 0, "person"))
        with store._pool.connection() as conn:
            assert conn.execute("SHOW transaction_isolation").fetchone() == ("read committed",)

        def more(times: int) -> None:
            for _ in range(times):
                with store.slot("s1") as slot:
                    session = slot.get()
                    assert session is not None
                    slot.put(session.with_answer("years_worked", session.answers["years_worked"] + 1, "person"))

        threads = [threading.Thread(target=more, args=(20,)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        found = get(store, "s1")
        assert found is not None and found.answers["years_worked"] == 60


def test_a_read_only_server_fails_the_check(pg_url: str) -> None:
    PostgresStore(pg_url + "&pool_size=2").close()
    with pytest.raises(StoreError, match="read-only"):
        with PostgresStore(pg_url + "%20-cdefault_transaction_read_only%3Don") as store:
            store.check()


def test_bad_urls_and_unreachable_servers_are_store_errors(postgres_server: PostgresServer) -> None:
    with pytest.raises(StoreError, match="bad store URL"):
        PostgresStore(postgres_server.url("x", query="pool_size=0"))
    with pytest.raises(StoreError, match="bad store URL"):
        PostgresStore("postgresql://x@127.0.0.1:5432/db?nonsense=1")
    closed = f"postgresql://cpf:hunter2@127.0.0.1:{postgres_server.port + 1}/db?pool_timeout=0.5"
    with pytest.raises(StoreError) as raised:
        PostgresStore(closed)
    message = str(raised.value)
    assert "\n" not in message and "hunter2" not in message and "127.0.0.1" in message


def test_the_store_reconnects_by_itself_after_the_server_restarts(postgres_server: PostgresServer,
                                                                   pg_url: str) -> None:
    with PostgresStore(pg_url + "&pool_size=2&pool_timeout=0.5") as store:
        put(store, "s1", SESSION)
        postgres_server.stop()
        try:
            for _ in range(2):
                with pytest.raises(StoreError) as raised:
                    put(store, "s1", SESSION.with_answer("age", 41, "person"))
                assert "\n" not in str(raised.value)
        finally:
            postgres_server.start()
        # The pool's connections died with the server: it drops them and connects again
        # within a few seconds (its retries of a lost connection, then on demand).
        deadline = time.monotonic() + 15
        while True:
            try:
                put(store, "s1", SESSION.with_answer("age", 42, "person"))
                break
            except StoreError:
                assert time.monotonic() < deadline, "no reconnection within 15 s"
                time.sleep(0.1)
        found = get(store, "s1")
        assert found is not None and found.answers["age"] == 42
