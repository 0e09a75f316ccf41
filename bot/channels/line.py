"""Line mode: plain text out, one answer per line in (stdin not a terminal, scripts)."""

from __future__ import annotations

from typing import Final, TextIO

from bot.dialogue.engine import Engine
from bot.dialogue.progress import question_progress
from bot.dialogue.reply import Reply
from bot.i18n import translator
from bot.render.reply import reply_lines
from bot.render.safe import printable

MAX_LINE: Final = 64 * 1024  # characters of one line held at once: far above any answer


class LineChannel:
    def __init__(self, engine: Engine, stdin: TextIO, stdout: TextIO) -> None:
        self.engine = engine
        self.stdin = stdin
        self.stdout = stdout

    def show(self, reply: Reply) -> None:
        tr = translator(reply.session.lang)
        found = None if reply.question is None else \
            question_progress(self.engine, reply.session, reply.assessed or reply.assessment)
        self.stdout.write(printable("\n".join(reply_lines(reply, self.engine.dialogue, tr, found))) + "\n")
        self.stdout.flush()

    def notice(self, lang: str, key: str, **params: object) -> None:
        self.stdout.write(printable(translator(lang).text(key, **params)) + "\n")

    def ask(self, reply: Reply) -> str | None:
        """The next line typed, or None at the end of input.

        At most `MAX_LINE` + 1 characters are read at a time: the rest of a longer line
        is read and dropped in pieces, and what was kept is refused as too long.
        """
        line = self.stdin.readline(MAX_LINE + 1)
        if not line:
            return None
        if len(line) > MAX_LINE and not line.endswith("\n"):
            while (rest := self.stdin.readline(MAX_LINE + 1)) and not rest.endswith("\n"):
                pass
        self.stdout.write("\n")
        return line.rstrip("\r\n")

    def offer_save(self, lang: str) -> bool:
        return False  # nobody to ask: scripts save with --save
