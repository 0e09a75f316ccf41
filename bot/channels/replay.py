"""`cpf-bot replay PATH...`: replays scripted dialogues (`.dialog` files, or folders of them).

Every failing line is printed on stdout with its file:line, what was expected and what the
bot said, then a one-line summary; a malformed file is reported on stderr. Reports are in
`--lang`. `--date` is the rules date of a script without a `# date:` header (else today).
Exit 0 when every dialogue passes, 1 when one fails, 2 when a file is malformed or a path
is missing (the well-formed files are still replayed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n import translator
from bot.render.safe import safe_message
from bot.scripted.replay import failures_text, malformed_text, replay
from bot.scripted.script import Script, ScriptError, read
from bot.channels.options import Command, Exit, Options

if TYPE_CHECKING:
    from bot.channels.environment import Environment

SUFFIX = ".dialog"


def dialogue_files(path: Path) -> list[Path] | None:
    """The scripts a path names: itself, or every `*.dialog` below a folder, sorted; None if absent."""
    if path.is_dir():
        return sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file())
    if path.exists():  # a file; anything else (a FIFO, a device) is refused when read
        return [path]
    return None


def replay_command(options: Options, env: Environment) -> int:
    tr = translator(options.lang)
    files: list[Path] = []
    seen: set[Path] = set()
    usage = False
    for name in options.paths:
        found = dialogue_files(Path(name))
        if found is None:
            print(safe_message(tr.text("replay.no_such_path", path=name), tr.text("privacy.redacted")), file=env.stderr)
            usage = True
        elif not found:
            print(safe_message(tr.text("replay.no_dialogs", path=name), tr.text("privacy.redacted")), file=env.stderr)
            usage = True
        for file in found or ():
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)

    scripts: list[Script] = []
    malformed = 0
    for file in files:
        try:
            scripts.append(read(file))
        except ScriptError as error:
            print(malformed_text(error, tr), file=env.stderr)
            malformed += 1

    default_date = options.date or env.today()
    failed = 0
    for script in scripts:
        failures = replay(script, default_date)
        if failures:
            failed += 1
            print(failures_text(failures, tr), file=env.stdout)
    print(tr.text("replay.summary", count=len(files), passed=len(scripts) - failed, failed=failed,
                  malformed=malformed), file=env.stdout)
    if usage or malformed:
        return Exit.USAGE
    return Exit.FAILED if failed else Exit.OK


COMMAND = Command(Options, (), replay_command, max_paths=None, needs_paths=True)
