"""`cpf-bot serve`: the JSON-lines protocol on stdin/stdout, for help-desk consoles.

One response line per request line, in order, flushed at once; the logic is in
`bot.channels.protocol`, the sessions in `bot.stores.sqlite` (`--store PATH`, default
`$XDG_STATE_HOME/cpf-bot/sessions.sqlite3`; `:memory:` keeps nothing). A turn is
committed before its response is written. Lines are read in pieces of at most
`MAX_LINE` + 1, so a huge line is skipped without ever being held in memory.
Nothing the input says can stop the loop: it ends at the end of input (exit 0), when
the host closes our output (exit 0), or on Ctrl-C (130, via bot.channels.cli).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, AnyStr, TextIO

from bot.channels.options import Command, Exit, Option, Options, seconds_value, text_value
from bot.channels.protocol import MAX_LINE, Server, response_line
from bot.dialogue.engine import cpf_engine
from bot.i18n import translator
from bot.render.safe import printable
from bot.service.stored import StoredConversations
from bot.stores import Store, StoreError, display_name, is_file, open_store
from bot.stores.sqlite import default_path

if TYPE_CHECKING:
    from bot.channels.environment import Environment


class ServeOptions(Options):
    """The options of `cpf-bot serve`."""

    store: str | None = None  # where sessions are kept (default: the XDG state folder)
    expire_after: int | None = None  # seconds an idle session is kept: becomes the store's setting



def read_lines(stream: IO[AnyStr], newline: AnyStr, limit: int = MAX_LINE) -> Iterator[AnyStr | None]:
    """Each line without its line break, or None for a line longer than `limit`.

    Reads at most `limit` + 1 characters (or bytes) at a time: the rest of a line that
    is too long is read and dropped in pieces of that size.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if line.endswith(newline):
            yield line[:-1]  # a "\r" before it is JSON whitespace: no need to strip it
        elif len(line) <= limit:  # the last line, without a line break
            yield line
        else:
            while (rest := stream.readline(limit + 1)) and not rest.endswith(newline):
                pass
            yield None


def _silence(stream: IO[str]) -> None:
    """After the host closed our output: no more errors from flushing it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _write(text: str, stdout: IO[str]) -> None:
    sink = getattr(stdout, "buffer", None)
    if sink is not None:  # a real stream: UTF-8, whatever the locale says
        sink.write(text.encode("utf-8"))
        sink.flush()
    else:
        stdout.write(text)
        stdout.flush()


def serve(server: Server, stdin: IO[str], stdout: IO[str]) -> int:
    """Answers every request line of `stdin` on `stdout` until the end of input."""
    stdout.flush()
    binary: IO[bytes] | None = getattr(stdin, "buffer", None)
    lines: Iterator[str | bytes | None] = read_lines(binary, b"\n") if binary is not None else read_lines(stdin, "\n")
    for line in lines:
        response = server.line_too_long() if line is None else server.handle_line(line)
        try:
            _write(response_line(response) + "\n", stdout)
        except BrokenPipeError:
            _silence(stdout)
            return Exit.OK
    return Exit.OK


class StorePathError(Exception):
    """`--store` names no place for a database file; `key` is the catalog sentence."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def check_store_path(path: str) -> None:
    """Refuses an empty name, a device or process entry (`/dev/stdout`, `/proc/self/fd/1`),
    one of our own standard streams (a redirected output file), or anything that exists
    and is not a regular file: a database must never be written into those."""
    if not path:
        raise StorePathError("protocol.store_empty")
    if not is_file(path):
        return
    if os.path.abspath(path).startswith(("/dev/", "/proc/")) or (os.path.exists(path) and not os.path.isfile(path)):
        raise StorePathError("protocol.store_not_a_file")
    if not os.path.exists(path):
        return
    found = os.stat(path)
    for stream in (0, 1, 2):
        try:
            held = os.fstat(stream)
        except OSError:
            continue
        if (held.st_dev, held.st_ino) == (found.st_dev, found.st_ino):
            raise StorePathError("protocol.store_not_a_file")


def open_checked_store(url: str, expire_after: int | None) -> Store:
    """The store of `--store`, opened and checked writable now rather than at the first turn.

    Raises StorePathError for a name that is no place for a database (`check_store_path`),
    StoreError (with the reason for the log) for a store that cannot be opened or written.
    """
    check_store_path(url)
    store = open_store(url, expire_after=expire_after)
    try:
        store.check()
    except StoreError:
        store.close()
        raise
    return store


def store_or_say_why(url: str, expire_after: int | None, lang: str, stderr: TextIO) -> Store | None:
    """`open_checked_store`, or None once the reason is said on `stderr` in `lang` (the
    store's name without its password): for `serve` and `web` alike."""
    tr = translator(lang)
    try:
        return open_checked_store(url, expire_after)
    except StorePathError as error:
        print(printable(tr.text(error.key, path=display_name(url))), file=stderr)
    except StoreError as error:
        print(printable(tr.text("protocol.store_unavailable", path=display_name(url), reason=str(error))),
              file=stderr)
    return None


def serve_command(options: ServeOptions, env: Environment) -> int:
    url = str(default_path(env.environ)) if options.store is None else options.store
    store = store_or_say_why(url, options.expire_after, options.lang, env.stderr)
    if store is None:
        return Exit.USAGE

    def log(text: str) -> None:
        env.stderr.write(text)
        env.stderr.flush()

    conversations = StoredConversations(store, cpf_engine(), options.lang,
                                        today=lambda: options.date or env.today(), log=log)
    with store:
        return serve(Server(conversations), env.stdin, env.stdout)


COMMAND = Command(ServeOptions, (Option("--store", text_value), Option("--expire-after", seconds_value)), serve_command)
