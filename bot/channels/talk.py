"""`cpf-bot`: the conversation, in a terminal (rich + prompt-toolkit) or in line mode.

The loop only moves text between a channel and the engine, and keeps the side files up
to date: the saved session (`--save`), the report (`--report`), the recorded dialogue
(`--record`). Ctrl-C leaves with
status 130 and Ctrl-D says goodbye; in a terminal both offer to save the session first,
in `cpf-bot-session.json` of the current folder or, never to overwrite a file there (a
help desk saving for a second person), the first free `cpf-bot-session-2.json`, …; the
notice names the file written. A file the person named (`--save`, `--resume`) is
written over at every answer, as asked (quitting keeps the session as it was, to resume);
no offer is made then, and leaving says where it is. Leaving also says, once, whether
the report (`--report`) was written, or that it was not for want of a result yet.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.io import files
from bot.dialogue.reply import Reply, Say
from bot.dialogue.engine import Engine, cpf_engine
from bot.i18n import translator
from bot.render.safe import printable
from bot.dialogue.session import Session
from bot.channels.options import Command, Exit, Option, Options, text_value

if TYPE_CHECKING:
    from bot.channels.environment import Environment

DEFAULT_SAVE = "cpf-bot-session.json"


class TalkOptions(Options):
    """The options of a conversation on the terminal or in line mode."""

    plain: bool = False  # no colours, no boxes (screen readers)
    save: str | None = None
    resume: str | None = None
    record: str | None = None
    report: str | None = None


class Channel(Protocol):
    def show(self, reply: Reply) -> None: ...
    def notice(self, lang: str, key: str, **params: object) -> None: ...
    def ask(self, reply: Reply) -> str | None: ...
    def offer_save(self, lang: str) -> bool: ...


def is_terminal(env: Environment) -> bool:
    return env.stdin.isatty() and env.stdout.isatty()


def open_channel(engine: Engine, options: TalkOptions, env: Environment) -> Channel:
    if is_terminal(env):
        from bot.channels.terminal import TerminalChannel

        return TerminalChannel(engine, env.stdout, plain=options.plain, no_color="NO_COLOR" in env.environ)
    from bot.channels.line import LineChannel

    return LineChannel(engine, env.stdin, env.stdout)


class Conversation:
    """One person's conversation and the files that follow it."""

    def __init__(self, engine: Engine, channel: Channel, options: TalkOptions) -> None:
        self.engine = engine
        self.channel = channel
        self.options = options
        self.failed: set[str] = set()  # files we could not write: said once, not every turn
        self.kept: Session | None = None  # the session the side files were last written for
        self.saved = False  # the last save in --save's file succeeded
        self.reported = False  # a report was written in --report's file
        self.told = False  # leaving has said where the files are

    def first_reply(self, env: Environment) -> Reply | int:
        if self.options.resume is None:
            return self.engine.start(self.options.lang, self.options.date or env.today())
        from bot.channels import savefile

        try:
            session = savefile.load(self.options.resume)
        except savefile.SaveFileError as error:
            print(printable(translator(self.options.lang).text(error.key, **error.params)), file=env.stderr)
            return Exit.USAGE
        if self.options.date is not None:  # an option given now wins over what was saved
            session = replace(session, as_of=self.options.date)
        if "lang" in self.options.given:
            session = replace(session, lang=self.options.lang)
        self.channel.notice(session.lang, "terminal.resumed", path=self.options.resume)
        return self.engine.resume(session)

    def keep(self, reply: Reply) -> None:
        """After an accepted turn that changed the session: save it, write the report."""
        if reply.session == self.kept:  # help, summary, why: nothing new to write
            return
        self.kept = reply.session
        if self.options.save and not reply.ended:  # quit: the file keeps what it was, to resume
            self.saved = self._save(self.options.save, reply, quiet=True)
        if self.options.report and reply.assessment is not None:
            from bot.render.answers import answers_json
            from bot.render.report import report

            tr = translator(reply.session.lang)
            answers = answers_json(self.engine.given(reply.session), self.engine.dialogue, tr)
            try:
                files.write_private(self.options.report, report(
                    reply.assessment, tr, self.options.report, answers,
                    self.engine.open_questions(reply.session, reply.assessment)))
            except OSError as error:
                self._failed(reply.session.lang, "terminal.report_failed", self.options.report, error)
            else:
                self.reported = True

    def _save(self, path: str, reply: Reply, quiet: bool = False, new: bool = False) -> bool:
        """Saves the session in `path`; `new`: in `path` or the first free name after it,
        never over a file already there (the name cpf-bot chose, not the person)."""
        from bot.channels import savefile

        try:
            if new:
                path = savefile.save_new(path, reply.session)
            else:
                savefile.save(path, reply.session)
        except OSError as error:
            self._failed(reply.session.lang, "terminal.save_failed", path, error)
            return False
        if not quiet:
            self.channel.notice(reply.session.lang, "terminal.saved", path=path)
        return True

    def _failed(self, lang: str, key: str, path: str, error: OSError) -> None:
        """A side file could not be written: say so once, not after every turn. A file
        refused (a link, not a regular file) says why instead."""
        if path not in self.failed:
            self.failed.add(path)
            if isinstance(error, files.FileRefused):
                self.channel.notice(lang, error.key, **error.params)
            else:
                self.channel.notice(lang, key, path=path)

    def leave(self, reply: Reply) -> None:
        """Ctrl-C, Ctrl-D or quit: offer to save, unless --save already does or nothing was
        answered yet. Ctrl-C at the offer raises KeyboardInterrupt (the caller exits 130)."""
        answered = any(source == "person" for source in reply.session.sources.values())
        if not self.options.save and not reply.ended and answered and self.channel.offer_save(reply.session.lang):
            self._save(DEFAULT_SAVE, reply, new=True)

    def tell_files(self, lang: str) -> None:
        """On leaving, once: where --save (or --resume) keeps the session, as it was saved
        at every answer without an offer; whether --report's file was written, or why not.
        A file that could not be written was said when it happened, and is not again."""
        if self.told:
            return
        self.told = True
        if self.options.save and self.saved:
            self.channel.notice(lang, "terminal.saved", path=self.options.save)
        report = self.options.report
        if report and self.reported:
            self.channel.notice(lang, "terminal.report_written", path=report)
        elif report and report not in self.failed:
            self.channel.notice(lang, "terminal.report_not_written", path=report)

    def run(self, reply: Reply) -> int:
        self.channel.show(reply)
        lang = reply.session.lang
        record = None  # only with --record: the recorder's module is not loaded otherwise
        if self.options.record is not None:
            from bot.scripted.record import RecordFile

            record = RecordFile.begin(self.options.record, reply,
                                      on_error=lambda path, error: self._failed(lang, "terminal.record_failed", path, error))
        while not reply.ended:
            try:
                text = self.channel.ask(reply)
            except KeyboardInterrupt:
                return self._interrupted(reply)
            if text is None:
                try:
                    self.leave(reply)
                except KeyboardInterrupt:
                    return self._interrupted(reply, offer=False)
                self.tell_files(reply.session.lang)
                self.channel.notice(reply.session.lang, "dialog.goodbye")
                return Exit.OK
            before, reply = reply, self.engine.step(reply.session, Say(text))
            if record is not None:
                record.turn(text, reply)
            if reply.ended and reply.accepted:  # quit: offer to save what it was, like Ctrl-D
                try:
                    self.leave(before)
                except KeyboardInterrupt:
                    return self._interrupted(reply, offer=False)
            if reply.accepted:
                self.keep(reply)
            if reply.ended:  # before the goodbye
                self.tell_files(reply.session.lang)
            self.channel.show(reply)
        return Exit.OK

    def _interrupted(self, reply: Reply, offer: bool = True) -> int:
        """Ctrl-C: offer to save (unless it came at the offer itself), then exit 130."""
        if offer:
            try:
                self.leave(reply)
            except KeyboardInterrupt:
                pass
        self.tell_files(reply.session.lang)
        self.channel.notice(reply.session.lang, "cli.interrupted")
        return Exit.INTERRUPTED


def talk_command(options: TalkOptions, env: Environment) -> int:
    if options.resume is not None and options.save is None:
        options.save = options.resume  # a resumed session keeps saving where it came from
    engine = cpf_engine()
    conversation = Conversation(engine, open_channel(engine, options, env), options)
    first = conversation.first_reply(env)
    if isinstance(first, int):
        return first
    conversation.keep(first)
    return conversation.run(first)


COMMAND = Command(TalkOptions, (Option("--plain"), *(Option(name, text_value) for name in
                                                    ("--save", "--resume", "--record", "--report"))), talk_command)
