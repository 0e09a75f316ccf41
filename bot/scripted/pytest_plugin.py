"""pytest plugin: every `*.dialog` file collected is one test that replays it.

Registered as the `pytest11` entry point `cpf_bot`, so any project that installs cpf-bot
collects its own `.dialog` files with no conftest (`-p no:cpf_bot` turns it off). The bot
itself is imported only when a dialogue is collected, so other projects' test runs do
not pay for it. A failing dialogue is reported as `cpf-bot replay` reports
it: each failing line with file:line, what was expected and what the bot said; a
malformed file names its line and the problem. Reports are in the language of the
`dialog_lang` ini option, else of the dialogue itself (its `# lang:` header; for a file
malformed before that header is read, LC_ALL/LANG, French by default). A script without a
`# date:` header is replayed at today's date.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from bot.scripted.replay import Failure

SUFFIX = ".dialog"


class DialogueFailed(Exception):
    """The failing lines of one replayed dialogue."""

    def __init__(self, failures: list[Failure], lang: str) -> None:
        super().__init__(f"{len(failures)} failing line(s)")
        self.failures = failures
        self.lang = lang  # the dialogue's own language


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("dialog_lang", "language of .dialog failure reports (fr or en)", default="")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == SUFFIX:
        found: DialogueFile = DialogueFile.from_parent(parent, path=file_path)
        return found
    return None


class DialogueFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield DialogueItem.from_parent(self, name=self.path.stem)


class DialogueItem(pytest.Item):
    """One dialogue, replayed against the engine."""

    def _shown_path(self) -> str:
        try:
            return str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            return str(self.path)

    def runtest(self) -> None:
        from bot.scripted.replay import replay
        from bot.scripted.script import read

        script = read(self.path)
        failures = replay(script, date.today())
        if failures:
            raise DialogueFailed(failures, script.lang)

    def _lang(self, own: str | None) -> str:
        """The `dialog_lang` setting, else the dialogue's own language (`own`), else LC_ALL/LANG."""
        from bot.i18n import LANGUAGES, language_from_env

        chosen = str(self.config.getini("dialog_lang") or "")
        if chosen in LANGUAGES:
            return chosen
        return own if own in LANGUAGES else language_from_env(os.environ)

    def _relative(self, text: str) -> str:
        """Reports name the file as the test ids do, relative to the root directory."""
        return text.replace(f"{self.path}:", f"{self._shown_path()}:")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        from bot.i18n import translator
        from bot.scripted.replay import failures_text, malformed_text
        from bot.scripted.script import ScriptError

        error = excinfo.value
        if isinstance(error, DialogueFailed):
            return self._relative(failures_text(error.failures, translator(self._lang(error.lang))))
        if isinstance(error, ScriptError):
            return self._relative(malformed_text(error, translator(self._lang(error.lang))))
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"dialogue {self._shown_path()}"
