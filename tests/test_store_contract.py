"""The store contract: every backend behind `bot.stores.Store` passes these same tests.

A new backend is a file in bot/stores and an entry in the `backend` fixture (conftest).
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from bot.dialogue.session import Session
from bot.stores import DEFAULT_EXPIRE_AFTER
from stores import Backend

SESSION = Session("fr", date(2026, 6, 1), {"status": "private_employee", "age": 40},
                  {"status": "agent", "age": "person"}, state="working_time", turn=3, owner="desk")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def get(store, session_id: str) -> Session | None:  # type: ignore[no-untyped-def]
    with store.slot(session_id) as slot:
        return slot.get()  # type: ignore[no-any-return]


def put(store, session_id: str, session: Session) -> None:  # type: ignore[no-untyped-def]
    with store.slot(session_id) as slot:
        slot.put(session)


def test_sessions_round_trip_and_persist(backend: Backend) -> None:
    clock = Clock()
    with backend.open(clock, None) as store:
        assert get(store, "s1") is None
        put(store, "s1", SESSION)
        assert get(store, "s1") == SESSION
        put(store, "s1", SESSION.with_answer("age", 41, "person"))
        assert store.count() == 1
    with backend.open(clock, None) as again:
        found = get(again, "s1")
        assert found is not None and found.answers["age"] == 41 and found.turn == 3 and found.owner == "desk"


def test_a_slot_that_raises_writes_nothing(backend: Backend) -> None:
    with backend.open(Clock(), None) as store:
        with pytest.raises(RuntimeError):
            with store.slot("s1") as slot:
                slot.put(SESSION)
                raise RuntimeError
        assert get(store, "s1") is None


def test_exists_says_whether_a_live_session_holds_the_id(backend: Backend) -> None:
    with backend.open(Clock(), None) as store:
        with store.slot("s1") as slot:
            assert not slot.exists()
            slot.put(SESSION)
        with store.slot("s1") as slot:
            assert slot.exists()


def test_expired_sessions_read_as_unknown_and_are_swept(backend: Backend) -> None:
    clock = Clock()
    with backend.open(clock, 100) as store:
        put(store, "old", SESSION)
        clock.now += 50
        put(store, "new", SESSION)
        clock.now += 70
        assert get(store, "old") is None and get(store, "new") == SESSION
        put(store, "old", SESSION)  # an expired id can be used again
        clock.now += 500
        assert store.sweep() == 2 and store.count() == 0


def test_touch_keeps_a_session_alive_without_changing_it(backend: Backend) -> None:
    clock = Clock()
    with backend.open(clock, 100) as store:
        put(store, "s1", SESSION)
        clock.now += 80
        with store.slot("s1") as slot:
            slot.touch()
        clock.now += 80
        assert get(store, "s1") == SESSION


def test_the_expiry_is_the_stores_own_setting(backend: Backend) -> None:
    clock = Clock()
    with backend.open(clock, None) as first:
        assert first.expire_after == DEFAULT_EXPIRE_AFTER
        first.set_expire_after(300)
        with backend.open(clock, None) as second:  # opened without a setting: the store's
            assert second.expire_after == 300
            put(second, "s1", SESSION)
            clock.now += 400
            assert get(second, "s1") is None


def test_many_sessions_are_put_at_once(backend: Backend) -> None:
    with backend.open(Clock(), None) as store:
        store.put_many((f"s{i}", SESSION) for i in range(50))
        assert store.count() == 50 and get(store, "s49") == SESSION


def test_concurrent_read_modify_write_turns_lose_nothing(backend: Backend) -> None:
    clock = Clock()
    with backend.open(clock, None) as store:
        put(store, "s1", SESSION.with_answer("years_worked", 0, "person"))
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with backend.open(clock, None) as mine:
                for _ in range(25):
                    with mine.slot("s1") as slot:
                        session = slot.get()
                        assert session is not None
                        slot.put(session.with_answer("years_worked", session.answers["years_worked"] + 1, "person"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with backend.open(clock, None) as store:
        found = get(store, "s1")
        assert found is not None and found.answers["years_worked"] == 100


def test_a_turn_on_one_session_does_not_hold_up_another(backend: Backend) -> None:
    if not backend.row_locks:
        pytest.skip(f"{backend.name} has one write lock for the whole store, by design")
    clock = Clock()
    with backend.open(clock, None) as store, backend.open(clock, None) as other:
        done = threading.Event()
        with store.slot("a") as slot:
            slot.put(SESSION)

            def elsewhere() -> None:
                put(other, "b", SESSION)
                done.set()

            thread = threading.Thread(target=elsewhere)
            thread.start()
            assert done.wait(10), "a turn on session b waited for session a"
            thread.join()


def test_check_passes_on_a_usable_store(backend: Backend) -> None:
    with backend.open(Clock(), None) as store:
        store.check()
