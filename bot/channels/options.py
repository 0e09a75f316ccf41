"""Command-line options: what a command declares, and reading arguments into it.

Each command module declares its `COMMAND`: its options class (extending `Options`:
each option an annotated class attribute, its default), the options it takes beyond
`--lang` and `--date`, how many paths, and the function that runs it. The parser is ours
so that every message it prints comes from the catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from bot.i18n import LANGUAGES

if TYPE_CHECKING:
    from bot.channels.environment import Environment


class Exit(IntEnum):
    """Exit statuses (CONTRACT.md)."""

    OK = 0
    FAILED = 1  # a replay failed
    USAGE = 2  # bad usage or bad input, message on stderr
    INTERRUPTED = 130


class UsageError(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Options:
    """What every command takes: the language, the rules date and its paths. A command's
    options extend it with class attributes, their defaults; an argument sets one on the
    instance, as a keyword does here. (A plain class, not a dataclass: each command's is
    defined at every start, where a dataclass costs several times as much.)"""

    lang: str = ""
    date: date | None = None

    def __init__(self, **values: Any) -> None:
        self.paths: list[str] = []
        self.given: set[str] = set()  # the fields set by an argument, not by default
        for name, value in values.items():
            if not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)


class Option(NamedTuple):  # a tuple, not a dataclass: classes made at start-up cost time
    """`--name`: sets the attribute `field`; `parse(name, text)` reads its value (None: a flag)."""

    name: str
    parse: Callable[[str, str], Any] | None = None

    @property
    def field(self) -> str:
        return self.name[2:].replace("-", "_")


O = TypeVar("O", bound=Options)


class Command(NamedTuple, Generic[O]):
    options_class: type[O]
    options: tuple[Option, ...]
    run: Callable[[O, Environment], int]
    max_paths: int | None = 0  # None: any number
    needs_paths: bool = False


def text_value(name: str, value: str) -> str:
    return value


def language_value(name: str, value: str) -> str:
    if value not in LANGUAGES:
        raise UsageError("cli.bad_lang", value=value)
    return value


def date_value(name: str, value: str) -> date:
    from bot.dates import rules_date
    from bot.rules import earliest_date
    from bot.rules.situation import MAX_DATE

    found = rules_date(value)
    if found == "too_early":
        raise UsageError("error.rules_date", earliest=earliest_date())
    if found == "too_late":
        raise UsageError("date.too_late", value=value, maximum=MAX_DATE)
    if found == "impossible_date":
        raise UsageError("date.impossible", value=value)
    if not isinstance(found, date):
        raise UsageError("cli.bad_date", value=value)
    return found


def seconds_value(name: str, value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) == 0:
        raise UsageError("cli.bad_seconds", option=name, value=value)
    return int(value)


COMMON = (Option("--lang", language_value), Option("--date", date_value))


def read_arguments(args: Sequence[str], command: Command[O], defaults: Options) -> O:
    """The command's options from its arguments; raises UsageError naming the first problem."""
    options = command.options_class(lang=defaults.lang)
    declared = {option.name: option for option in (*COMMON, *command.options)}
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        name, has_inline, inline = arg.partition("=")
        option = declared.get(name)
        if option is None:
            if arg.startswith("-") and arg != "-":
                raise UsageError("cli.unknown_option", option=name)
            options.paths.append(arg)
        elif option.parse is None:
            setattr(options, option.field, True)
            options.given.add(option.field)
        else:
            if not has_inline and not pending:
                raise UsageError("cli.missing_value", option=name)
            setattr(options, option.field, option.parse(name, inline if has_inline else pending.pop(0)))
            options.given.add(option.field)
    if command.max_paths is not None and len(options.paths) > command.max_paths:
        raise UsageError("cli.extra_argument", value=options.paths[command.max_paths])
    if command.needs_paths and not options.paths:
        raise UsageError("cli.replay_needs_path")
    return options

