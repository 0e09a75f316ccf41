"""The settings of one web application: who the agents are, what may embed it, limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from bot.channels.web.auth import AgentTokens

MAX_BODY: Final = 64 * 1024  # bytes of one request body
DEFAULT_RATE_LIMIT: Final = 600  # requests per minute and client (0: no limit)


@dataclass(frozen=True)
class WebConfig:
    """`lang`: the language of replies that belong to no session or request language;
    `tokens`: the agents; `allow_origins`: pages of other origins that may call the API
    (CORS); `frame_ancestors`: origins that may show our pages in a frame (CSP), none by
    default; `rate_limit`: requests per minute per client address, 0 for none."""

    lang: str = "fr"
    today: Callable[[], dt.date] = dt.date.today
    tokens: AgentTokens = field(default_factory=AgentTokens)
    allow_origins: tuple[str, ...] = ()
    frame_ancestors: tuple[str, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT
    max_body: int = MAX_BODY
