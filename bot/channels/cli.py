"""`cpf-bot`: reads the command line and hands over to the right shell.

The parser is small and ours so that every message it prints comes from the catalogs.
Each command's module is imported only when it runs, to keep start-up short.
Exit codes (CONTRACT.md): 0 done, 1 a replay failed, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.channels.environment import Environment
from bot.i18n import LANGUAGES, language_from_env, translator
from bot.rules import earliest_date
from bot.channels import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

# command -> "module:function" taking (Options, Environment) and returning an exit code
COMMANDS = {
    "talk": "bot.channels.talk:talk_command",
    "assess": "bot.channels.assess:assess_command",
    "serve": "bot.channels.serve:serve_command",
    "replay": "bot.channels.replay:replay_command",
    "graph": "bot.channels.graph:graph_command",
    "web": "bot.channels.web.command:web_command",
}
MAX_PATHS = {"talk": 0, "assess": 1, "serve": 0, "graph": 0, "web": 0}
VALUE_OPTIONS = ("--lang", "--date", "--save", "--resume", "--record", "--report", "--store", "--expire-after",
                 *("--host", "--port", "--workers", "--agent-tokens", "--allow-origin", "--frame-ancestors",
                   "--rate-limit"))  # web (its module checks their values)
REPEATED_OPTIONS = ("--allow-origin", "--frame-ancestors")
FLAG_OPTIONS = ("--text", "--plain")
# The options each command takes besides --lang and --date.
COMMAND_OPTIONS = {
    "talk": ("--plain", "--save", "--resume", "--record", "--report"),
    "assess": ("--text",),
    "serve": ("--store", "--expire-after"),
    "replay": (),
    "graph": (),
    "web": ("--store", "--expire-after", "--host", "--port", "--workers", "--agent-tokens",
            "--allow-origin", "--frame-ancestors", "--rate-limit"),
}


@dataclass
class Options:
    command: str = "talk"
    paths: list[str] = field(default_factory=list)
    lang: str = ""
    date: date | None = None
    text: bool = False
    plain: bool = False
    save: str | None = None
    resume: str | None = None
    record: str | None = None
    report: str | None = None
    store: str | None = None
    expire_after: int | None = None  # seconds an idle served session is kept
    # web: checked by bot.channels.web.command
    host: str | None = None
    port: str | None = None
    workers: str | None = None
    agent_tokens: str | None = None
    allow_origin: list[str] = field(default_factory=list)
    frame_ancestors: list[str] = field(default_factory=list)
    rate_limit: str | None = None
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
    given: list[str] = []
    while args:
        arg = args.pop(0)
        name, has_inline, inline = arg.partition("=")
        if arg in ("-h", "--help"):
            options.help = True
        elif name in VALUE_OPTIONS:
            given.append(name)
            if not has_inline and not args:
                raise UsageError("cli.missing_value", option=name)
            _set_value(options, name, inline if has_inline else args.pop(0))
        elif arg in FLAG_OPTIONS:
            given.append(arg)
            setattr(options, arg[2:], True)
        elif arg.startswith("-") and arg != "-":
            raise UsageError("cli.unknown_option", option=arg)
        else:
            positional.append(arg)
    if positional:
        if positional[0] not in COMMANDS:
            raise UsageError("cli.unknown_command", command=positional[0])
        options.command, options.paths = positional[0], positional[1:]
    for name in given:
        if name not in ("--lang", "--date", *COMMAND_OPTIONS[options.command]):
            raise UsageError("cli.option_not_for_command", option=name, command=options.command)
    limit = MAX_PATHS.get(options.command)
    if limit is not None and len(options.paths) > limit:
        raise UsageError("cli.extra_argument", value=options.paths[limit])
    if options.command == "replay" and not options.paths and not options.help:
        raise UsageError("cli.replay_needs_path")
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
        if options.date < earliest_date():
            raise UsageError("error.rules_date", earliest=earliest_date())
    elif name == "--expire-after":
        if not value.isascii() or not value.isdigit() or len(value) > 9 or int(value) == 0:
            raise UsageError("cli.bad_seconds", option=name, value=value)
        options.expire_after = int(value)
    elif name in REPEATED_OPTIONS:
        getattr(options, name[2:].replace("-", "_")).append(value)
    else:
        setattr(options, name[2:].replace("-", "_"), value)


def _lang_hint(argv: Sequence[str], env: Environment) -> str:
    """The language to report a usage error in, even when parsing failed."""
    for i, arg in enumerate(argv):
        value = arg[7:] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else "")
        if value in LANGUAGES:
            return value
    return language_from_env(env.environ)


def command_function(command: str) -> Callable[[Options, Environment], int]:
    module, _, function = COMMANDS[command].partition(":")
    found: Callable[[Options, Environment], int] = getattr(importlib.import_module(module), function)
    return found


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
    return command_function(options.command)(options, env)


def main(argv: Sequence[str] | None = None) -> int:
    env = Environment()
    try:
        return run(sys.argv[1:] if argv is None else argv, env)
    except KeyboardInterrupt:
        print(translator(language_from_env(env.environ)).text("cli.interrupted"), file=env.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader stopped reading (`cpf-bot assess | head`): nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
