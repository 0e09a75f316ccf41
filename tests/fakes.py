"""Test doubles for the outside world."""

from __future__ import annotations

import functools
import io
from datetime import date

from collections.abc import Callable

from bot.channels.cli import run
from bot.channels.environment import Environment
from bot.channels.protocol import Server
from bot.dialogue.engine import Engine, cpf_engine
from bot.service.stored import StoredConversations
from bot.stores import Store


def run_cli(*argv: str, stdin: str = "", lang: str = "fr", today: date = date(2026, 11, 23)) -> tuple[int, str, str]:
    """Runs the command line with fake streams; returns (exit code, stdout, stderr)."""
    env = Environment(io.StringIO(stdin), io.StringIO(), io.StringIO(), {"LANG": f"{lang}_FR.UTF-8"}, lambda: today)
    code = run(list(argv), env)
    assert isinstance(env.stdout, io.StringIO) and isinstance(env.stderr, io.StringIO)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


@functools.cache
def shared_engine() -> Engine:
    """The product's engine, made once per test process: it is read-only, one machine for
    every session, as in `serve`."""
    return cpf_engine()


def serving(store: Store, lang: str = "fr", today: Callable[[], date] = date.today,
            log: Callable[[str], None] | None = None) -> Server:
    """The JSON-lines server of `cpf-bot serve` on `store`, with the product's engine."""
    return Server(StoredConversations(store, shared_engine(), lang, today=today, log=log))
