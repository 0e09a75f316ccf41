"""`cpf-bot web`: the HTTP channel served by uvicorn, on 127.0.0.1 unless told otherwise.

    cpf-bot web [--host 127.0.0.1] [--port 8000] [--store URL] [--workers N]
                [--agent-tokens FILE] [--allow-origin URL]... [--frame-ancestors URL]...
                [--rate-limit N] [--expire-after SEC] [--lang fr|en] [--date YYYY-MM-DD]

The options are checked here, once, before any worker starts (a bad one exits 2 with a
message). With `--workers N` uvicorn starts N processes; each builds the application
from the same settings (handed over in an environment variable) and opens the same
store, so a session can be carried on by any worker. `:memory:` is one process's own,
so it takes one worker only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from bot.channels.options import Command, Exit, Option, Options, seconds_value, text_value
from bot.channels.web.auth import AgentTokens, TokensFileError
from bot.channels.web.config import DEFAULT_RATE_LIMIT, WebConfig
from bot.i18n import translator
from bot.stores import MEMORY, is_file
from bot.stores.sqlite import default_path

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from bot.channels.environment import Environment

SETTINGS_VARIABLE: Final = "CPF_BOT_WEB_SETTINGS"
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000
MAX_WORKERS: Final = 64
ORIGIN: Final = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


class WebOptions(Options):
    """`cpf-bot web`'s options; numbers are checked by `settings_of`, so that one message
    names the option and its range. `--allow-origin` and `--frame-ancestors` may repeat."""

    store: str | None = None
    expire_after: int | None = None
    host: str | None = None
    port: str | None = None
    workers: str | None = None
    agent_tokens: str | None = None
    rate_limit: str | None = None

    def __init__(self, **values: Any) -> None:
        self.origins: list[str] = []
        self.ancestors: list[str] = []
        super().__init__(**values)

    @property
    def allow_origin(self) -> list[str]:
        return self.origins

    @allow_origin.setter
    def allow_origin(self, value: str) -> None:  # each --allow-origin adds to the list
        self.origins.append(value)

    @property
    def frame_ancestors(self) -> list[str]:
        return self.ancestors

    @frame_ancestors.setter
    def frame_ancestors(self, value: str) -> None:
        self.ancestors.append(value)


class UsageProblem(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to build the application, as plain JSON."""

    store: str
    lang: str = "fr"
    date: str | None = None
    tokens_file: str | None = None
    allow_origins: tuple[str, ...] = ()
    frame_ancestors: tuple[str, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT
    expire_after: int | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1

    def to_json(self) -> str:
        return json.dumps({"store": self.store, "lang": self.lang, "date": self.date,
                           "tokens_file": self.tokens_file, "allow_origins": list(self.allow_origins),
                           "frame_ancestors": list(self.frame_ancestors), "rate_limit": self.rate_limit,
                           "expire_after": self.expire_after, "workers": self.workers})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        return cls(store=data["store"], lang=data["lang"], date=data["date"], tokens_file=data["tokens_file"],
                   allow_origins=tuple(data["allow_origins"]), frame_ancestors=tuple(data["frame_ancestors"]),
                   rate_limit=data["rate_limit"], expire_after=data["expire_after"], workers=data["workers"])


def _number(option: str, value: str | None, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise UsageProblem("web.cli.bad_number", option=option, value=value, low=low, high=high)
    return int(value)


def _origins(option: str, values: list[str], allow_self: bool) -> tuple[str, ...]:
    """Origins (`https://host[:port]`, comma-separated or repeated); `'self'` where allowed."""
    found: list[str] = []
    for value in values:
        for origin in (part.strip() for part in value.split(",")):
            if not (ORIGIN.fullmatch(origin) or (allow_self and origin == "'self'")):
                raise UsageProblem("web.cli.bad_origin", option=option, value=origin)
            found.append(origin)
    return tuple(found)


def settings_of(options: WebOptions, env: Environment) -> Settings:
    """The checked settings of the command line (UsageProblem for a bad option)."""
    store = str(default_path(env.environ)) if options.store is None else options.store
    workers = _number("--workers", options.workers, 1, 1, MAX_WORKERS)
    if store == MEMORY and workers > 1:
        raise UsageProblem("web.cli.memory_one_worker")
    host = options.host or DEFAULT_HOST
    return Settings(
        store=store, lang=options.lang, date=None if options.date is None else options.date.isoformat(),
        tokens_file=options.agent_tokens,
        allow_origins=_origins("--allow-origin", options.allow_origin, allow_self=False),
        frame_ancestors=_origins("--frame-ancestors", options.frame_ancestors, allow_self=True),
        rate_limit=_number("--rate-limit", options.rate_limit, DEFAULT_RATE_LIMIT, 0, 1_000_000),
        expire_after=options.expire_after, host=host,
        port=_number("--port", options.port, DEFAULT_PORT, 0, 65535), workers=workers)


def read_tokens(path: str | None) -> AgentTokens:
    if path is None:
        return AgentTokens()
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        raise TokensFileError("web.cli.tokens_unreadable", path=path) from None
    return AgentTokens.parse(text, path)


def build_app(settings: Settings) -> Starlette:
    """The application of these settings, on its own connection to the store."""
    from bot.channels.serve import open_checked_store
    from bot.channels.web.app import create_app

    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    day = None if settings.date is None else dt.date.fromisoformat(settings.date)
    config = WebConfig(lang=settings.lang, today=(lambda: day) if day else dt.date.today,
                       tokens=read_tokens(settings.tokens_file), allow_origins=settings.allow_origins,
                       frame_ancestors=settings.frame_ancestors, rate_limit=settings.rate_limit)
    store = open_checked_store(settings.store, settings.expire_after)

    def log(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    turn_lock = f"{settings.store}.lock" if is_file(settings.store) and settings.workers > 1 else None
    return create_app(store, config, log=log, turn_lock=turn_lock)


def worker_app() -> Starlette:
    """uvicorn's factory in each worker: the settings come from the parent process."""
    return build_app(Settings.from_json(os.environ[SETTINGS_VARIABLE]))


def web_command(options: WebOptions, env: Environment) -> int:
    tr = translator(options.lang)
    try:
        settings = settings_of(options, env)
        tokens = read_tokens(settings.tokens_file)
    except (UsageProblem, TokensFileError) as error:
        print(tr.text(error.key, **error.params), file=env.stderr)
        return Exit.USAGE
    from bot.channels.serve import store_or_say_why

    store = store_or_say_why(settings.store, settings.expire_after, options.lang, env.stderr)
    if store is None:
        return Exit.USAGE
    store.close()  # checked once, its expiry set
    import uvicorn

    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    if not tokens.configured:
        print(tr.text("web.cli.no_tokens"), file=env.stderr)
    print(tr.text("web.cli.listening", url=f"http://{settings.host}:{settings.port}/",
                  workers=settings.workers), file=env.stderr, flush=True)
    uvicorn.run("bot.channels.web.command:worker_app", factory=True, host=settings.host, port=settings.port,
                workers=settings.workers, access_log=False, log_level="warning", server_header=False,
                date_header=False)
    return Exit.OK


COMMAND = Command(WebOptions, (
    Option("--store", text_value), Option("--expire-after", seconds_value), Option("--host", text_value),
    Option("--port", text_value), Option("--workers", text_value), Option("--agent-tokens", text_value),
    Option("--allow-origin", text_value), Option("--frame-ancestors", text_value), Option("--rate-limit", text_value),
), web_command)
