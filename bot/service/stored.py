"""Conversations kept in a session store: each turn reads, steps and writes one session
under its lock, committed before the reply is given, so an acknowledged turn is durable.

Store failures become `store_error` (the details go to `log`, never to the person), an
unreadable stored session `session_format`; a refused input still counts as activity.
"""

from __future__ import annotations

import datetime as dt
import secrets
import traceback
from collections.abc import Callable
from typing import Any, Final

from bot.dialogue.engine import Engine
from bot.dialogue.reply import Reply
from bot.dialogue.session import Session
from bot.i18n import Translator, translator
from bot.service.conversation import start_reply, turn_reply
from bot.service.requests import Rejected, event_of, rejected
from bot.stores.base import Store, StoredSessionError, StoreError

SESSION_ID_BYTES: Final = 18  # 144 random bits in ids the server makes


def new_session_id() -> str:
    """An id nobody can guess (≥ 128 random bits), for channels where the server names sessions."""
    return secrets.token_urlsafe(SESSION_ID_BYTES)


class StoredConversations:
    """Turns of sessions kept in `store`. `lang` is the language of errors that belong to
    no session; `today` gives the date of a start that names none; `log` receives the
    details of store failures (one line) and of bugs (a traceback)."""

    def __init__(self, store: Store, engine: Engine, lang: str = "fr",
                 today: Callable[[], dt.date] = dt.date.today, log: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.engine = engine
        self.lang = lang
        self.today = today
        self.log = log

    def guarded(self, work: Callable[[], Reply]) -> Reply:
        """`work`, with store failures and bugs turned into Rejected (never raising else)."""
        try:
            return work()
        except Rejected:
            raise
        except StoreError as error:
            self._say(f"store error: {error}\n")
            raise rejected("store_error", self.lang, "protocol.store_error") from None
        except Exception:  # a bug must cost one request, never the process
            self._say(traceback.format_exc())
            raise rejected("internal_error", self.lang, "protocol.internal_error") from None

    def _say(self, text: str) -> None:
        if self.log is not None:
            self.log(text)

    def start(self, session_id: str, spec: Any, owner: str = "") -> Reply:
        """A new session of this id; `session_exists` if a live one holds it."""
        def work() -> Reply:
            reply = start_reply(self.engine, spec, self.lang, self.today, owner)  # pure work first
            with self.store.slot(session_id) as slot:
                if slot.exists():
                    try:
                        existing = slot.get()
                    except StoredSessionError:
                        existing = None  # unreadable, but it exists
                    lang = existing.lang if existing is not None else reply.session.lang
                    raise rejected("session_exists", lang, "protocol.session_exists")
                slot.put(reply.session)
            return reply
        return self.guarded(work)

    def turn(self, session_id: str, kind: str, value: Any, expected_turn: object = None,
             speak: Callable[[str], Translator] = translator) -> Reply:
        """One turn: `kind` is "answer", "say" or "command"; a refusal is said by `speak`'s
        translator of the session's language (a channel's own words: the widget's buttons)."""
        def work() -> Reply:
            with self.store.slot(session_id) as slot:
                session = self._live(slot.get, session_id)
                try:
                    reply = turn_reply(self.engine, session, event_of(kind, value, session.lang), expected_turn,
                                       speak)
                except Rejected as error:
                    slot.touch()  # a refused answer is activity too: the session stays alive
                    refusal = error
                else:
                    slot.put(reply.session)
                    return reply
            raise refusal  # after the slot is committed
        return self.guarded(work)

    def read(self, session_id: str) -> Session:
        """The live session of this id (Rejected: unknown_session, session_format, store_error)."""
        def work() -> Reply:
            with self.store.slot(session_id) as slot:
                return Reply(self._live(slot.get, session_id))
        return self.guarded(work).session

    def _live(self, get: Callable[[], Session | None], session_id: str) -> Session:
        try:
            session = get()
        except StoredSessionError:
            raise rejected("session_format", self.lang, "protocol.session_format") from None
        if session is None:
            raise rejected("unknown_session", self.lang, "protocol.unknown_session")
        return session
