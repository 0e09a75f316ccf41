"""What every route needs: the conversation service (one per language of its own
refusals, all on one store and one engine), the settings, and who is asking."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final, TypeVar, cast

import anyio.to_thread
from anyio import CapacityLimiter

from starlette.requests import Request

from bot.channels.web.auth import bearer
from bot.channels.web.config import WebConfig
from bot.channels.web.errors import web_rejected
from bot.channels.web.security import request_lang
from bot.dialogue.engine import Engine
from bot.dialogue.session import Session
from bot.service.requests import rejected
from bot.service.stored import StoredConversations

if sys.platform != "win32":
    import fcntl

# The ids the server makes (`new_session_id`: 18 random bytes, URL-safe base64); any
# other id is unknown before the store is asked.
SESSION_ID: Final = re.compile(r"[A-Za-z0-9_-]{24}")


T = TypeVar("T")


@dataclass
class WebContext:
    """`threads`: how many service calls run at once in worker threads of this process, for
    a store across the network (PostgreSQL: a turn waits on round trips). 0, for SQLite and
    memory, runs them in the event loop itself: a turn takes the store's one write lock
    anyway (more threads would only queue in SQLite's busy handler, which sleeps), and a
    hop to a thread and back costs more than the turn on a busy machine. `file_lock`: an
    open file whose flock the workers of one SQLite store take around each such call."""

    conversations: dict[str, StoredConversations]  # by the language of their own refusals
    engine: Engine
    config: WebConfig
    threads: int = 0
    file_lock: int | None = None
    _limiter: CapacityLimiter | None = field(default=None, repr=False)

    async def call(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)`: in a worker thread, at most `threads` at a time, or in the loop."""
        if self.threads == 0:
            if self.file_lock is not None and sys.platform != "win32":
                fcntl.flock(self.file_lock, fcntl.LOCK_EX)
                try:
                    return work(*args)
                finally:
                    fcntl.flock(self.file_lock, fcntl.LOCK_UN)
            return work(*args)
        if self._limiter is None:
            self._limiter = CapacityLimiter(self.threads)
        return await anyio.to_thread.run_sync(partial(work, *args), limiter=self._limiter)

    def service(self, lang: str) -> StoredConversations:
        return self.conversations.get(lang) or self.conversations[self.config.lang]

    def lang(self, request: Request) -> str:
        """The language of this request's refusals (`?lang=`, Accept-Language, the server's)."""
        return request_lang(request.scope, self.config.lang)

    def agent(self, request: Request, lang: str) -> str | None:
        """The agent a request speaks for, None without a token (Rejected: bad_token)."""
        token = bearer(request.headers.get("authorization"))
        if token is None:
            return None
        if not self.config.tokens.configured:
            raise web_rejected("bad_token", lang, "web.error.no_tokens")
        name = self.config.tokens.agent(token) if token else None
        if name is None:
            raise web_rejected("bad_token", lang, "web.error.bad_token")
        return name

    def required_agent(self, request: Request, lang: str) -> str:
        """The agent of an agent-only call (Rejected: missing_token, bad_token)."""
        name = self.agent(request, lang)
        if name is None:
            key = "web.error.missing_token" if self.config.tokens.configured else "web.error.no_tokens"
            raise web_rejected("missing_token", lang, key)
        return name


def web_context(request: Request) -> WebContext:
    return cast(WebContext, request.app.state.web)


def session_id_of(request: Request, lang: str) -> str:
    """The `{id}` of the path, if it is one the server could have made."""
    session_id = str(request.path_params.get("id", ""))
    if not SESSION_ID.fullmatch(session_id):
        raise rejected("unknown_session", lang, "protocol.unknown_session")
    return session_id


def check_reader(session: Session, agent: str | None, lang: str) -> None:
    """Who may read a session's details and report (CONTRACT.md): the agent who started it;
    for a session started without a token, a request without a token (its id is the key)."""
    if session.owner == "":
        if agent is not None:
            raise web_rejected("forbidden", lang, "web.error.person_session")
    elif agent is None:
        raise web_rejected("missing_token", lang, "web.error.missing_token")
    elif agent != session.owner:
        raise web_rejected("forbidden", lang, "web.error.not_your_session")
