"""Recording a live conversation as a scripted dialogue (`.dialog`), so it becomes a test.

A `Recorder` observes the replies of a conversation: the header (language, date, answers
given in advance), then for each turn a `>` line with what the person typed and a `<`
line with a short, stable excerpt of the reply (its first message, else its question's
sentence, cut at a word boundary), and at the end `=` lines for the main figures of the
last assessment. Replayed (`bot.scripted.replay`), a recording passes as long as the bot still
says and computes the same things.

`RecordFile` is the recorder the terminal uses for `cpf-bot --record FILE`: it rewrites
the file after every turn, so a conversation left with Ctrl-C or Ctrl-D is kept too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.dialogue.definition import Dialogue, cpf_dialogue
from bot.dialogue.reply import ECHO, Reply
from bot.i18n import translator
from bot.render.reply import message_text, question_text
from bot.rules.situation import to_json_value

if TYPE_CHECKING:  # the figures are rendered at the end: not when a conversation starts
    from bot.rules.model import Assessment

EXCERPT_CHARS = 80
# The main figures written as `=` lines, when the assessment has them (CONTRACT.md paths).
FIGURES = (
    "account.open", "unit", "annual_credit", "cap", "balance", "training.eligible",
    "participation.due", "participation.exemption", "funding.cpf_pays", "funding.remaining",
    "employer.ask_before",
)


def _one_line(text: str) -> str:
    """What a person typed, on one script line (line breaks become spaces)."""
    return " ".join(text.replace("\r", " ").split("\n")).strip()


def short(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first line of `text`, cut at a word boundary to at most `limit` characters."""
    first = " ".join(text.strip().split("\n")[0].split())  # typographic spaces read as spaces
    if len(first) <= limit:
        return first
    words: list[str] = []
    size = 0
    for word in first.split():
        if words and size + 1 + len(word) > limit:
            break
        words.append(word)
        size += len(word) + (1 if size else 0)
    return " ".join(words)[:limit].strip()


def reply_excerpt(reply: Reply, dialogue: Dialogue) -> str:
    """A short sentence the reply certainly shows: its first message (past the echo of the
    answer, as the next question reads better), else its question."""
    tr = translator(reply.session.lang)
    for message in reply.messages:
        text = short(message_text(message, dialogue, tr)) if message.key != ECHO else ""
        if text:
            return text
    if reply.question is not None:
        return short(question_text(reply, tr))
    return ""


def figure_lines(assessment: Assessment) -> list[str]:
    """`= path: value` for each main figure the assessment has (objects that are null are left out)."""
    import json

    from bot.render.assessment import assessment_json

    document = assessment_json(assessment, translator("en"))
    lines = []
    for path in FIGURES:
        value: Any = document
        for part in path.split("."):
            value = value.get(part, None) if isinstance(value, dict) else None
        head = path.split(".")[0]
        if "." in path and document.get(head) is None:
            continue
        lines.append(f"= {path}: {json.dumps(value, ensure_ascii=False)}")
    return lines


class Recorder:
    """Observes one conversation and writes it as `.dialog` text."""

    def __init__(self, lang: str, as_of: date, known: Mapping[str, Any] | None = None,
                 dialogue: Dialogue | None = None) -> None:
        self.lang = lang
        self.as_of = as_of
        self.known = {k: to_json_value(v) for k, v in (known or {}).items() if k != "as_of"}
        self.skipped: tuple[str, ...] = ()  # of a resumed session
        self.lines: list[str] = []
        self.assessment: Assessment | None = None
        self.dialogue = dialogue or cpf_dialogue()

    def _observe(self, reply: Reply) -> str:
        if reply.assessment is not None:
            self.assessment = reply.assessment
        elif reply.question is not None:  # back to a question: no result to check yet
            self.assessment = None
        return reply_excerpt(reply, self.dialogue)

    def opening(self, reply: Reply) -> None:
        """The reply that starts the conversation."""
        said = self._observe(reply)
        if said:
            self.lines.append(f"< {said}")

    def turn(self, text: str, reply: Reply) -> None:
        """What the person typed and the bot's reply to it (accepted or not).

        A social security number typed by mistake is never written: the engine refused
        it and nothing changed, so the replay needs no trace of that turn.
        """
        from bot.privacy import contains_social_security_number

        if contains_social_security_number(text):
            return
        typed = _one_line(text)
        self.lines.append(f"> {typed}" if typed else ">")
        said = self._observe(reply)
        if said:
            self.lines.append(f"< {said}")

    def text(self) -> str:
        """The conversation so far as a `.dialog` file."""
        import json

        head = [f"# lang: {self.lang}", f"# date: {self.as_of.isoformat()}"]
        head += [f"# known.{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in self.known.items()]
        if self.skipped:
            head.append(f"# skipped: {', '.join(self.skipped)}")
        body = list(self.lines)
        if self.assessment is not None:
            body += figure_lines(self.assessment)
        return "\n".join(["# Recorded with cpf-bot --record.", *head, *body]) + "\n"


class RecordFile(Recorder):
    """A recorder that keeps `path` up to date after every turn (`cpf-bot --record FILE`).

    `begin(path, first)` with `path` None gives a recorder that writes nothing. A write
    that fails is reported once through `on_error(path, error)` and not retried. The file
    is written as every side file is (`bot.io.files`): atomically, readable by its
    owner only, never through a link.
    """

    def __init__(self, path: str | None, lang: str, as_of: date, known: Mapping[str, Any] | None = None,
                 on_error: Callable[[str, OSError], None] | None = None) -> None:
        super().__init__(lang, as_of, known)
        self.path = path
        self.on_error = on_error
        self.failed = False

    @classmethod
    def begin(cls, path: str | None, first: Reply,
              on_error: Callable[[str, OSError], None] | None = None) -> RecordFile:
        """A recorder for the conversation whose first reply is `first`.

        A resumed conversation's earlier answers become `known.` headers; its opening is
        not recorded, since a replay starts afresh with them pre-filled.
        """
        session = first.session
        known = {k: v for k, v in session.answers.items() if k != session.state}  # state: being changed
        recorder = cls(path, session.lang, session.as_of, known, on_error)
        recorder.skipped = session.skipped
        if session.answers or session.skipped:
            recorder._observe(first)
        else:
            recorder.opening(first)
        recorder.save()
        return recorder

    def turn(self, text: str, reply: Reply) -> None:
        super().turn(text, reply)
        self.save()

    def save(self) -> None:
        if self.path is None or self.failed:
            return
        from bot.io import files
        from bot.privacy import contains_social_security_number, redact

        text = self.text()
        if contains_social_security_number(text):  # typed turns are left out; this is the last guard
            text = redact(text, translator(self.lang).text("privacy.redacted"))
        try:
            files.write_private(self.path, text)
        except OSError as error:
            self.failed = True
            if self.on_error is not None:
                self.on_error(self.path, error)
