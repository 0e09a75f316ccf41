"""The terminal: rich output and prompt-toolkit input with completion and validation.

Everything shown goes through rich `Text` (never markup) after `printable`, so neither a
person's input nor a catalog sentence can inject markup or escape sequences. Colour only
ever doubles a word or a sign (✗, ?, the headings); `--plain` and NO_COLOR drop colours,
`--plain` also drops boxes, for screen readers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.completion import Completion, WordCompleter
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_input
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.validation import ValidationError, Validator
from rich.console import Console
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from bot.channels.bounded_input import BoundedInput
from bot.dialogue.definition import Dialogue
from bot.dialogue.progress import question_progress
from bot.dialogue.reply import Reply, Say
from bot.dialogue.engine import Engine
from bot.i18n import translator
from bot.render.reply import asks_question, choice_labels, message_text, progress_line, question_text, reply_messages
from bot.render.safe import printable, quoted
from bot.render.together import glued, unglued

# The result's rendering (bot.render.assessment, the references) is imported at the result:
# the first question needs none of the rules.
if TYPE_CHECKING:
    from bot.render.references import Piece

def wrapped_lines(text: str, width: int, hanging: int = 0) -> str:
    """`text` broken into lines of at most `width` columns at ordinary spaces only, never
    inside a group kept together (`bot.render.together`: « langue fr », 3 juillet).

    Rich would also break at the no-break spaces French puts inside « » and before : ; ? !
    (its word pattern is `\\s`), stranding a guillemet; textwrap breaks at ASCII spaces only.
    Lines after the first are indented by `hanging` columns (a choice's under its label).
    """
    return "\n".join(unglued(textwrap.fill(glued(line), max(width, 20), break_on_hyphens=False,
                                            break_long_words=True, subsequent_indent=" " * hanging))
                     for line in printable(text).split("\n"))


def wrapped(text: str, width: int, hanging: int = 0) -> Text:
    """`wrapped_lines` as rich text that rich does not wrap again."""
    return Text(wrapped_lines(text, width, hanging), no_wrap=True, overflow="fold")


def wrapped_links(text: str, pieces: list[Piece], width: int) -> Text:
    """`text` then the `pieces`, wrapped as `wrapped` does, each linked piece a terminal
    hyperlink (rich writes it only where the console can show it)."""
    from bot.render.references import plain

    shown = wrapped(text + plain(pieces), width)
    if len(shown.plain) != len(printable(text + plain(pieces))):  # wrapping kept every character in place
        return shown
    start = len(text)
    for piece, url in pieces:
        if url:
            shown.stylize(Style(link=url), start, start + len(piece))
        start += len(piece)
    return shown


FULL, EMPTY, BAR_CELLS = "█", "░", 20


def bar(share: Decimal) -> str:
    """A share (0 to 1, more is full) as a bar of block characters."""
    full = int((min(share, Decimal(1)) * BAR_CELLS).to_integral_value())
    return FULL * full + EMPTY * (BAR_CELLS - full)


THEME = Theme({"question": "bold", "error": "bold red", "help": "cyan", "result": "bold green",
               "choice": "", "heading": "bold", "hint": "dim", "bar": "green", "bar.empty": "dim"})
SIGNS = {"error": "✗ ", "help": "? "}
PROMPT = "> "


def input_limit() -> int:
    """Characters the input holds: one more than an answer may have, so a longer line is
    refused as too long. (The interpreter loads with the first key, not at start-up.)"""
    from bot.dialogue.interpret import MAX_LENGTH

    return MAX_LENGTH + 1


class AnswerValidator(Validator):
    """Checks an answer with the engine before it is sent: the error shows under the prompt."""

    def __init__(self, engine: Engine, reply: Reply) -> None:
        self.engine = engine
        self.reply = reply

    def validate(self, document: Any) -> None:
        attempt = self.engine.step(self.reply.session, Say(document.text))
        if not attempt.accepted:
            tr = translator(self.reply.session.lang)
            text = " ".join(message_text(m, self.engine.dialogue, tr) for m in attempt.messages if m.kind == "error")
            raise ValidationError(message=printable(text), cursor_position=len(document.text))


class YesNoValidator(Validator):
    """Only yes or no (in the person's words) passes; anything else says so under the prompt."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def validate(self, document: Any) -> None:
        from bot.dialogue.interpret import AnswerError, parse_yes_no  # not needed for the first question

        try:
            parse_yes_no(document.text)
        except AnswerError as error:
            message = translator(self.lang).text(f"answer.{error.code}", **error.params)
            raise ValidationError(message=printable(message), cursor_position=len(document.text)) from None


def _send_or_refuse(refused: Callable[[str, str], None]) -> KeyBindings:
    """Enter sends a line the validator accepts; a refused one is cleared from the input
    and `refused` gets it with its error (both shown above the prompt), so the next
    attempt starts afresh."""
    bindings = KeyBindings()

    @bindings.add("enter")
    def _(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.complete_state is not None and buffer.complete_state.current_completion is not None:
            buffer.apply_completion(buffer.complete_state.current_completion)
            return
        if buffer.validate(set_cursor=False):
            buffer.validate_and_handle()
            return
        error, text = buffer.validation_error, buffer.text
        buffer.reset()
        refused(text, error.message if error is not None else "")

    @bindings.add(Keys.Vt100MouseEvent)
    def _(event: Any) -> None:
        # The prompt never turns mouse reporting on, so what reads as a mouse event
        # (ESC [ 31 m, typed or pasted) is not one: its characters are kept as typed, and
        # the line is checked as any other when sent. (prompt-toolkit's own handler would
        # try to read a position from it and fail, with a traceback.)
        event.current_buffer.insert_text(printable(event.data))

    return bindings


class ShortWordCompleter(WordCompleter):
    """Completes choices and commands; a line longer than the longest of them cannot
    match any, so it costs nothing more to complete however long it grows."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words, ignore_case=True, sentence=True, match_middle=True)
        self.longest = max(map(len, words), default=0)

    def get_completions(self, document: Any, complete_event: Any) -> Iterator[Completion]:
        if len(document.text_before_cursor) <= self.longest:
            yield from super().get_completions(document, complete_event)


class TerminalChannel:
    def __init__(self, engine: Engine, stdout: TextIO, *, plain: bool, no_color: bool,
                 prompt_input: Any = None, prompt_output: Any = None) -> None:
        self.engine = engine
        self.dialogue: Dialogue = engine.dialogue
        self.plain = plain
        self.console = Console(file=stdout, theme=THEME, no_color=plain or no_color, highlight=False,
                               markup=False, emoji=False, soft_wrap=False)
        self.lang = ""  # of the prompt being read: its messages speak it
        keys = BoundedInput(create_input() if prompt_input is None else prompt_input, input_limit,
                            lambda: len(get_app().current_buffer.text), lambda: self._limit_reached(self.active))
        self.prompt = self._session(keys, prompt_output, InMemoryHistory())
        self.active = self.prompt  # the prompt being read

    def _limit_reached(self, session: PromptSession[str]) -> None:
        notice = translator(self.lang).text("terminal.input_limit", max=input_limit() - 1)
        session.bottom_toolbar = wrapped_lines(notice, self.console.width)

    def _session(self, prompt_input: Any, prompt_output: Any, history: Any = None) -> PromptSession[str]:
        """A prompt whose input holds at most `input_limit()` characters, however much is
        typed or pasted: the rest is dropped as it comes (`BoundedInput`; here a bracketed
        paste or a yank), and the bottom toolbar says so (printing above the prompt would
        switch the terminal out of raw mode mid-paste). A refused line stays above the prompt
        as the prompt showed it (on one line, any social security number in it hidden),
        with its error whole under it; the prompt stays open."""
        def refused(text: str, message: str) -> None:
            session.bottom_toolbar = None
            # as `quoted` writes input in a message, cut to fit the terminal's line after the prompt
            line = PROMPT + quoted(text, translator(self.lang).text("privacy.redacted"),
                                   self.console.width - len(PROMPT) - 1)

            def show() -> None:
                self.console.print(Text(line))
                self._print(SIGNS["error"] + message, "error")
            run_in_terminal(show)

        def bounded(buffer: Buffer) -> None:
            limit = input_limit()
            if len(buffer.text) > limit:
                buffer.text = buffer.text[:limit]  # fires this again, at the limit
            elif len(buffer.text) == limit:
                self._limit_reached(session)
            else:
                session.bottom_toolbar = None

        session: PromptSession[str] = PromptSession(history=history, input=prompt_input, output=prompt_output,
                                                    key_bindings=_send_or_refuse(refused))
        session.default_buffer.on_text_changed += bounded
        return session

    def _print(self, text: str, style: str = "", hanging: int = 0) -> None:
        shown = wrapped(text, self.console.width, hanging)
        shown.stylize(style)
        self.console.print(shown)

    def show(self, reply: Reply) -> None:
        tr = translator(reply.session.lang)
        for kind, text in reply_messages(reply, self.dialogue, tr):
            if kind == "result" and reply.assessment is not None:
                self._result(reply, tr)
            else:
                self._print(SIGNS.get(kind, "") + text, kind if kind in SIGNS else "")
        if asks_question(reply):
            assert reply.question is not None
            self.console.print()
            found = question_progress(self.engine, reply.session, reply.assessed or reply.assessment)
            numbered = None if found is None else progress_line(found, tr)
            if numbered is not None:
                self._print(numbered, "hint")
            self._print(question_text(reply, tr), "question")
            for n, label in enumerate(choice_labels(reply.question, tr), 1):
                number = f"  {n}. "
                self._print(number + label, "choice", hanging=len(number))

    def _result(self, reply: Reply, tr: Any) -> None:
        from bot.render.assessment import based_on_line, based_on_pieces, cap_line, figure_lines, next_step_text
        from bot.rules.projection import cap_progress

        assert reply.assessment is not None
        a = reply.assessment
        title = tr.text("result.title", date=a.as_of)
        lines = figure_lines(a, tr)
        if self.plain:  # plain text only, for screen readers
            self._print(title, "heading")
            self._print("\n".join([*lines, "", based_on_line(a, tr)]))
        else:
            progress, words = cap_progress(a), cap_line(a, tr)
            if progress is not None and words in lines:  # the bar, before the same figures in words
                lines[lines.index(words)] = f"{bar(progress.share)} {words}"
            shown = wrapped_links("\n".join([*lines, "", ""]), based_on_pieces(a, tr), self.console.width - 4)
            shown.highlight_regex(f"{FULL}+", "bar")
            shown.highlight_regex(f"{EMPTY}+", "bar.empty")
            self.console.print(Panel(shown,
                                     title=Text(printable(title), style="result"), title_align="left", expand=False))
        if a.next_steps:
            self._print(tr.text("result.next_steps"), "heading")
            steps = Table.grid(padding=(0, 1))  # wrapped lines stay under their text
            steps.add_column(no_wrap=True)
            steps.add_column()
            numbers = [f"{n}." if self.plain else f"{n}. ☐" for n in range(1, len(a.next_steps) + 1)]
            text_width = self.console.width - max(map(len, numbers)) - 1
            for number, step in zip(numbers, a.next_steps):
                steps.add_row(Text(number), wrapped(next_step_text(step, tr), text_width))
            self.console.print(steps)

    def notice(self, lang: str, key: str, **params: object) -> None:
        self._print(translator(lang).text(key, **params), "hint")

    def _completer(self, reply: Reply) -> WordCompleter:
        tr = translator(reply.session.lang)
        words = choice_labels(reply.question, tr) if reply.question is not None else []
        if reply.session.confirming is not None:  # the pending confirmation takes yes or no
            words = [tr.text("label.yes"), tr.text("label.no")]
        words += tr.text("terminal.commands").split("|")
        return ShortWordCompleter(words)

    def ask(self, reply: Reply) -> str | None:
        """The next answer, or None when the person ends the input (Ctrl-D)."""
        self.lang, self.active = reply.session.lang, self.prompt
        try:
            return self.prompt.prompt(PROMPT, completer=self._completer(reply),
                                      validator=AnswerValidator(self.engine, reply), validate_while_typing=False)
        except EOFError:
            return None

    def offer_save(self, lang: str) -> bool:
        """Asks whether to save, on a prompt of its own: only yes or no is taken there, never
        an answer to the pending question. Ctrl-D is no; Ctrl-C propagates (exit 130)."""
        from bot.dialogue.interpret import parse_yes_no  # not needed for the first question

        tr = translator(lang)
        self.console.print()
        self._print(tr.text("terminal.save_offer"), "question")
        words = [tr.text("label.yes"), tr.text("label.no")]
        self.lang = lang
        prompt = self.active = self._session(self.prompt.input, self.prompt.output)
        try:
            return parse_yes_no(prompt.prompt(PROMPT, completer=ShortWordCompleter(words),
                                              validator=YesNoValidator(lang), validate_while_typing=False))
        except EOFError:
            return False
