"""`cpf-bot`: reads the command line and hands over to the right shell.

The parser is small and ours so that every message it prints comes from the catalogs.
Exit codes (CONTRACT.md): 0 done, 1 a replay failed, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.environment import Environment
from bot.i18n import LANGUAGES, language_from_env, translator

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
COMMANDS = ("talk", "assess")
VALUE_OPTIONS = ("--lang", "--date")
FLAG_OPTIONS = ("--text",)


@dataclass
class Options:
    command: str = "talk"
    paths: list[str] = field(default_factory=list)
    lang: str = ""
    date: date | None = None
    text: bool = False
    help: bool = False


class UsageError(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def parse_args(argv: Sequence[str], env: Environment) -> Options:
    options = Options(lang=language_from_env(env.environ))
    args = list(argv)
    positional: list[str] = []
    while args:
        arg = args.pop(0)
        name, has_inline, inline = arg.partition("=")
        if arg in ("-h", "--help"):
            options.help = True
        elif name in VALUE_OPTIONS:
            if not has_inline and not args:
                raise UsageError("cli.missing_value", option=name)
            _set_value(options, name, inline if has_inline else args.pop(0))
        elif arg in FLAG_OPTIONS:
            setattr(options, arg[2:], True)
        elif arg.startswith("-") and arg != "-":
            raise UsageError("cli.unknown_option", option=arg)
        else:
            positional.append(arg)
    if positional:
        if positional[0] not in COMMANDS:
            raise UsageError("cli.unknown_command", command=positional[0])
        options.command, options.paths = positional[0], positional[1:]
    if options.command == "assess" and len(options.paths) > 1:
        raise UsageError("cli.extra_argument", value=options.paths[1])
    return options


def _set_value(options: Options, name: str, value: str) -> None:
    if name == "--lang":
        if value not in LANGUAGES:
            raise UsageError("cli.bad_lang", value=value)
        options.lang = value
    elif name == "--date":
        options.date = parse_date(value)
        if options.date is None:
            raise UsageError("cli.bad_date", value=value)


def _lang_hint(argv: Sequence[str], env: Environment) -> str:
    """The language to report a usage error in, even when parsing failed."""
    for i, arg in enumerate(argv):
        value = arg[7:] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else "")
        if value in LANGUAGES:
            return value
    return language_from_env(env.environ)


def run(argv: Sequence[str], env: Environment) -> int:
    try:
        options = parse_args(argv, env)
    except UsageError as error:
        tr = translator(_lang_hint(argv, env))
        print(tr.text(error.key, **error.params), tr.text("cli.see_help"), file=env.stderr)
        return EXIT_USAGE
    if options.help:
        print(translator(options.lang).text("cli.help"), file=env.stdout)
        return EXIT_OK
    if options.command == "assess":
        from bot.shells.assess import assess_command

        return assess_command(options, env)
    from bot.shells.talk import talk_command

    return talk_command(options, env)


def main(argv: Sequence[str] | None = None) -> int:
    env = Environment()
    try:
        return run(sys.argv[1:] if argv is None else argv, env)
    except KeyboardInterrupt:
        print(translator(language_from_env(env.environ)).text("cli.interrupted"), file=env.stderr)
        return EXIT_INTERRUPTED
