"""The terminal conversation: the real prompt-toolkit session on a pipe, a recording rich
console, save and resume, the report, line mode; and the installed script in a pty."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.validation import ValidationError

from bot.channels import savefile
from bot.channels.talk import TalkOptions as Options
from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.reply import Say
from bot.dialogue.engine import Engine, cpf_engine
from bot.channels.environment import Environment
from bot.channels.talk import Conversation
from bot.channels.terminal import AnswerValidator, TerminalChannel, YesNoValidator
from fakes import run_cli

ENGINE = Engine(cpf_dialogue())
AS_OF = date(2026, 6, 1)
JOB_SEEKER = ["5", "30", "aucune", "800", "un bilan de compétences", "20", "1 200", "0"]


def converse(lines: list[str], lang: str = "fr", plain: bool = False, keys: str = "\x04\x04",
             width: int | None = None, **options: object) -> tuple[int, str]:
    """A whole conversation through the real prompt session; returns (exit code, screen text).

    After the lines come `keys`: by default Ctrl-D (end of input), and Ctrl-D again to
    decline the offer to save."""
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("".join(f"{line}\r" for line in lines) + keys)
        channel = TerminalChannel(ENGINE, screen, plain=plain, no_color=False,
                                  prompt_input=pipe, prompt_output=DummyOutput())
        if width is not None:
            channel.console.width = width
        conversation = Conversation(ENGINE, channel, Options(lang=lang, date=AS_OF, **options))  # type: ignore[arg-type]
        first = conversation.first_reply(Environment(today=lambda: AS_OF))
        assert not isinstance(first, int)
        code = conversation.run(first)
    return code, screen.getvalue()


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["Quelle est votre situation", "Demandeur d'emploi", "Solde\u00a0: 800\u00a0€",
            "non due (demandeur d'emploi)", "Prochaines étapes"]),
    ("en", ["What is your work situation", "Job seeker", "Balance: €800", "not due (job seeker)", "Next steps"]),
])
def test_whole_conversation_in_each_language(lang: str, expected: list[str]) -> None:
    code, screen = converse([*JOB_SEEKER, "quit" if lang == "en" else "quitter"], lang=lang)
    assert code == 0
    for text in expected:
        assert text in screen
    assert "╭" in screen  # the result panel


def test_plain_mode_has_no_boxes_or_colours() -> None:
    _, screen = converse([*JOB_SEEKER, "quitter"], plain=True)
    assert "╭" not in screen and "☐" not in screen and "\x1b[" not in screen
    assert "Solde\u00a0: 800\u00a0€" in screen


def test_no_color_keeps_boxes_but_drops_colours() -> None:
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=False, no_color=True)
    channel.console.force_terminal = True  # a real terminal, where colour would otherwise show
    reply = ENGINE.start("fr", AS_OF, {"status": "not_working", "worked_before": False})
    channel.show(reply)
    assert "╭" in screen.getvalue() and "\x1b[3" not in screen.getvalue() and "\x1b[1;3" not in screen.getvalue()


def test_result_names_its_sources() -> None:
    _, screen = converse([*JOB_SEEKER, "quitter"])
    assert "Sur la base de" in screen and "L5151-2" in screen


def test_language_switch_rerenders_the_question() -> None:
    _, screen = converse(["1", "langue en", "quit"])
    after = screen.split("All right, we will continue in English.")[1]
    assert "How old are you?" in after


def test_end_of_input_offers_to_save_then_says_goodbye() -> None:
    code, screen = converse(["1"])
    assert code == 0 and "enregistrer votre session" in screen and "Au revoir" in screen


def test_markup_and_escapes_are_shown_as_text() -> None:
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=True, no_color=True)
    channel._print("[bold]x[/] \x1b[2J\x07 [/]")
    assert screen.getvalue() == "[bold]x[/] [2J [/]\n"


@pytest.mark.parametrize("width", [40, 57, 80, 100])
def test_lines_never_break_inside_guillemets_or_before_a_colon(width: int) -> None:
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=False, no_color=True)
    channel.console.width = width
    _, reply = ENGINE.start("fr", AS_OF), ENGINE.start("fr", AS_OF, {"status": "job_seeker", "age": 30, "other_status": "none",
                                                                    "balance": 500})
    channel.show(say(reply, "bilan", "20", "1 000", "0"))
    lines = [line.strip("│ ") for line in screen.getvalue().splitlines()]
    assert len(lines) > 10
    for line in lines:
        assert not line.endswith(("«", "«\u00a0")) and not line.startswith(("»", ":", ";", "?", "!")), line
        assert len(line) <= width


def say(reply: Any, *texts: str) -> Any:
    for text in texts:
        reply = ENGINE.step(reply.session, Say(text))
    return reply


def test_validator_gives_the_translated_error_and_accepts_commands() -> None:
    reply = ENGINE.step(ENGINE.start("en", AS_OF).session, Say("1"))
    validator = AnswerValidator(ENGINE, reply)
    with pytest.raises(ValidationError) as caught:
        validator.validate(Document("a lot"))
    assert caught.value.message == "I expect an age in years, for example 42."  # the age question's example
    validator.validate(Document("42"))
    validator.validate(Document("help"))


def test_completion_offers_choices_and_commands() -> None:
    channel = TerminalChannel(ENGINE, io.StringIO(), plain=True, no_color=True)
    completer = channel._completer(ENGINE.start("fr", AS_OF))
    words = [c.text for c in completer.get_completions(Document("dem"), None)]  # type: ignore[arg-type]
    assert "Demandeur d'emploi inscrit à France Travail" in words
    assert "recommencer" in [c.text for c in completer.get_completions(Document("reco"), None)]  # type: ignore[arg-type]


def test_save_every_turn_and_resume(tmp_path: Path) -> None:
    path = str(tmp_path / "s.json")
    converse(["5", "30"], save=path)
    saved = savefile.load(path)
    assert saved.answers == {"status": "job_seeker", "age": 30} and saved.rules_version == cpf_engine().rules_version
    code, screen = converse(["aucune", "800", "je ne sais pas", "quitter"], resume=path)
    assert code == 0 and "Reprise de la session" in screen and "Quel est le solde" in screen
    assert "Solde\u00a0: 800\u00a0€" in screen


def test_resume_notices_older_rules_and_dialogue(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    converse(["5", "30"], save=str(path))
    data = json.loads(path.read_text())
    data["rules_version"] = "old"
    data["dialogue_version"] = 0
    path.write_text(json.dumps(data))
    _, screen = converse(["quitter"], resume=str(path))
    assert "Les règles ont changé" in screen and "questionnaire a été mis à jour" in screen


@pytest.mark.parametrize("content", [b"not json", b'{"kind": "other"}', b'{"kind": "cpf-bot-session", "format": 99}',
                                     b'{"kind": "cpf-bot-session", "format": 1, "session": {"format": 1}}', b"\xff\xfe"])
def test_a_corrupt_session_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run_cli("--resume", str(path), lang="en")
    assert code == 2 and out == "" and str(path) in err and "Traceback" not in err
    assert run_cli("--resume", str(tmp_path / "missing.json"))[0] == 2


@pytest.mark.parametrize(("name", "expected"), [("r.md", "# Vos droits CPF"), ("r.json", '"annual_credit": 0')])
def test_report_is_written_at_the_result(tmp_path: Path, name: str, expected: str) -> None:
    path = tmp_path / name
    converse([*JOB_SEEKER, "quitter"], report=str(path))
    assert expected in path.read_text(encoding="utf-8")


REPORT_WRITTEN = {"fr": "Rapport écrit dans r.md.", "en": "Report written to r.md."}
NO_REPORT = {"fr": "Aucun rapport n'a été écrit dans r.md : il n'y a pas encore de résultat.",
             "en": "No report was written to r.md: there is no result yet."}
QUIT = {"fr": "quitter", "en": "quit"}


def said(screen: str) -> str:
    """The screen's words, however the terminal wrapped them (French no-break spaces as spaces)."""
    return " ".join(screen.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_leaving_says_once_that_the_report_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, screen = converse([*JOB_SEEKER, QUIT[lang]], lang=lang, report="r.md")
    assert code == 0 and (tmp_path / "r.md").exists()
    assert said(screen).count(REPORT_WRITTEN[lang]) == 1 and NO_REPORT[lang] not in said(screen)
    assert said(screen).index(REPORT_WRITTEN[lang]) < said(screen).rindex("Au revoir" if lang == "fr" else "Goodbye")
    (tmp_path / "r.md").unlink()
    code, out, _ = run_cli("--date", "2026-06-01", "--report", "r.md", stdin="\n".join(JOB_SEEKER) + "\n", lang=lang)
    assert code == 0 and (tmp_path / "r.md").exists() and said(out).count(REPORT_WRITTEN[lang]) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_leaving_before_the_result_says_no_report_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    for keys in ("\x04\x04", "\x03\x04"):  # Ctrl-D or Ctrl-C, then the offer to save declined
        code, screen = converse(["5", "30"], lang=lang, report="r.md", keys=keys)
        assert code == (0 if keys[0] == "\x04" else 130) and not (tmp_path / "r.md").exists()
        assert said(screen).count(NO_REPORT[lang]) == 1 and REPORT_WRITTEN[lang] not in said(screen)
    code, out, _ = run_cli("--date", "2026-06-01", "--report", "r.md", stdin="5\n30\n", lang=lang)
    assert code == 0 and said(out).count(NO_REPORT[lang]) == 1 and REPORT_WRITTEN[lang] not in said(out)


@pytest.mark.parametrize(("lang", "failed"), [("fr", "Impossible d'écrire le rapport dans"),
                                              ("en", "Could not write the report to")])
def test_a_report_that_could_not_be_written_is_said_once_and_never_written(tmp_path: Path, lang: str,
                                                                            failed: str) -> None:
    path = str(tmp_path / "missing" / "r.md")
    code, out, _ = run_cli("--date", "2026-06-01", "--report", path,
                           stdin="\n".join([*JOB_SEEKER, "retour", "0"]) + "\n", lang=lang)  # the result twice
    assert code == 0 and said(out).count(failed) == 1
    assert "Rapport écrit" not in out and "Report written" not in out and "Aucun rapport" not in out and "No report" not in out


def test_line_mode_when_stdin_is_not_a_terminal() -> None:
    code, out, _ = run_cli("--date", "2026-06-01", stdin="\n".join(JOB_SEEKER) + "\n", lang="en")
    assert code == 0
    assert "What is your work situation?" in out and "Balance: €800" in out and "╭" not in out


# -- the installed console script, in a pseudo-terminal --------------------------------

def console_script() -> list[str]:
    found = shutil.which("cpf-bot", path=str(Path(sys.executable).parent)) or shutil.which("cpf-bot")
    return [found] if found else [sys.executable, "-m", "bot"]


PROMPT_READY = "\x1b[?2004h"  # prompt-toolkit turns bracketed paste on when it reads keys


class Pty:
    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "LANG": "fr_FR.UTF-8", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "100"}
        self.process = subprocess.Popen([*console_script(), *args], stdin=slave, stdout=slave, stderr=slave,
                                        env=env, start_new_session=True)
        os.close(slave)
        self.seen = ""

    def _read_while(self, waiting: Callable[[], bool], what: str, timeout: float) -> None:
        """Reads the screen while `waiting()` holds, at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while waiting():
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {what}; screen: {self.seen[-800:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    break

    def read_until(self, text: str, timeout: float = 10, after: str = "") -> str:
        """Reads until `text` appears (after the last occurrence of `after`, if given)."""
        self._read_while(lambda: text not in self.seen[self.seen.rfind(after) if after else 0:], repr(text), timeout)
        return self.seen

    def prompts(self) -> int:
        """How many times the prompt has waited for keys so far."""
        return self.seen.count(PROMPT_READY)

    def read_prompt(self, after: int, timeout: float = 10) -> None:
        """Reads until the prompt waits for keys for more than `after` times."""
        self._read_while(lambda: self.prompts() <= after, f"prompt {after + 1}", timeout)

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def close(self) -> int:
        code = self.process.wait(timeout=10)
        os.close(self.master)
        return code


@pytest.fixture
def terminal() -> Iterator[type[Pty]]:
    yield Pty


def test_installed_script_whole_conversation_in_a_pty(terminal: type[Pty]) -> None:
    term = terminal("--date", "2026-06-01")
    term.read_until("Quelle est votre situation")
    for answer, next_text in zip(JOB_SEEKER, ["Quel âge", "autre situation", "Quel est le solde", "Quelle formation", "accompagnement réel", "Combien coûte",
                                             "engagement citoyen", "Prochaines"]):
        waiting = term.prompts()
        term.read_prompt(after=max(waiting, 1) - 1)  # the prompt of this question is there
        term.type(answer)
        term.read_until(next_text)
        term.read_prompt(after=waiting)
    term.type("quitter")
    term.read_until("enregistrer votre session")
    term.read_until(PROMPT_READY, after="enregistrer")
    term.type("non")
    term.read_until("Au revoir")
    assert term.close() == 0


def test_installed_script_ctrl_c_exits_130_without_traceback(terminal: type[Pty]) -> None:
    term = terminal("--date", "2026-06-01")
    term.read_until(PROMPT_READY)
    term.type("5")
    term.read_until("Quel âge")
    term.read_until(PROMPT_READY, after="Quel âge")
    os.write(term.master, b"\x03")
    term.read_until("enregistrer votre session")
    term.read_until(PROMPT_READY, after="enregistrer")
    os.write(term.master, b"\x03")
    assert term.close() == 130
    assert "Traceback" not in term.seen


def test_record_makes_a_dialogue_that_replays_green(tmp_path: Path) -> None:
    path = tmp_path / "talk.dialog"
    converse([*JOB_SEEKER, "quitter"], record=str(path))
    text = path.read_text(encoding="utf-8")
    assert "> 5" in text and "= annual_credit: 0" in text and "= balance: 800" in text
    code, out, err = run_cli("replay", str(path))
    assert code == 0, out + err


def test_recording_a_resumed_session_replays_green(tmp_path: Path) -> None:
    saved, recorded = str(tmp_path / "s.json"), tmp_path / "r.dialog"
    run_cli("--date", "2026-06-01", "--save", saved, stdin="salarié\n40\noui\nbac\nnon\nje ne sais pas\nje ne sais pas\nmodifier 2\n")
    code, _, _ = run_cli("--resume", saved, "--record", str(recorded), stdin="41\nun bilan\n20\nnon\n2000\nnon\nnon\nnon\n")
    assert code == 0
    text = recorded.read_text(encoding="utf-8")
    assert "# known.age" not in text and "# skipped: years_worked" in text and "> 41" in text
    assert "= annual_credit: 500" in text
    code, out, err = run_cli("replay", str(recorded))
    assert code == 0, text + out + err


# -- leaving: the offer to save has a prompt of its own -----------------------------------


@pytest.mark.parametrize(("lang", "yes"), [("fr", "oui"), ("en", "yes")])
def test_yes_at_a_number_question_saves_after_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     lang: str, yes: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, screen = converse(["5"], lang=lang, keys=f"\x03{yes}\r")  # at the age question
    assert code == 130
    saved = savefile.load(str(tmp_path / "cpf-bot-session.json"))
    assert saved.answers == {"status": "job_seeker"} and saved.state == "age"


@pytest.mark.parametrize(("lang", "yes", "saved_in"), [
    ("fr", "oui", "Session enregistrée dans cpf-bot-session-2.json. Pour la reprendre : cpf-bot --resume cpf-bot-session-2.json"),
    ("en", "yes", "Session saved in cpf-bot-session-2.json. To resume it: cpf-bot --resume cpf-bot-session-2.json")])
def test_saving_on_leaving_never_overwrites_an_earlier_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               lang: str, yes: str, saved_in: str) -> None:
    """A help desk saving for a second person kept the first one's file: a free name is
    taken, and the notice names it."""
    monkeypatch.chdir(tmp_path)
    first = tmp_path / "cpf-bot-session.json"
    converse(["5"], lang=lang, keys=f"\x03{yes}\r")
    before = first.read_bytes()
    code, screen = converse(["1", "40"], lang=lang, keys=f"\x03{yes}\r")  # another person
    assert code == 130 and first.read_bytes() == before
    assert saved_in in " ".join(screen.split())
    second = savefile.load(str(tmp_path / "cpf-bot-session-2.json"))
    assert second.answers == {"status": "private_employee", "age": 40}
    assert savefile.load(str(first)).answers == {"status": "job_seeker"}
    assert os.stat(tmp_path / "cpf-bot-session-2.json").st_mode & 0o777 == 0o600


def test_saving_on_leaving_skips_links_and_taken_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "cpf-bot-session.json").symlink_to(victim)
    (tmp_path / "cpf-bot-session-2.json").symlink_to(tmp_path / "nowhere")  # a dangling link is a taken name too
    (tmp_path / "cpf-bot-session-3.json").write_text("someone's")
    code, screen = converse(["5"], keys="\x03oui\r")
    assert code == 130 and "cpf-bot-session-4.json" in screen
    assert victim.read_text() == "precious" and (tmp_path / "cpf-bot-session-3.json").read_text() == "someone's"
    assert not (tmp_path / "nowhere").exists()
    assert savefile.load(str(tmp_path / "cpf-bot-session-4.json")).answers == {"status": "job_seeker"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cpf-bot-session-2.json", "cpf-bot-session-3.json", "cpf-bot-session-4.json", "cpf-bot-session.json", "victim"]


def test_a_file_the_person_named_is_saved_over(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text("older")
    code, _ = converse(["5"], save=str(path), keys="\x03")
    assert code == 130 and savefile.load(str(path)).answers == {"status": "job_seeker"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]


SAVED = {"fr": "Session enregistrée dans s.json. Pour la reprendre : cpf-bot --resume s.json",
         "en": "Session saved in s.json. To resume it: cpf-bot --resume s.json"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("keys", ["\x03", "\x04"])
def test_leaving_a_session_saved_at_every_answer_says_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  lang: str, keys: str) -> None:
    """Ctrl-C or Ctrl-D with --save (or --resume, which saves where it came from): no offer,
    since the file already holds the session, but the notice names it, once."""
    monkeypatch.chdir(tmp_path)
    code, screen = converse(["5"], lang=lang, save="s.json", keys=keys)
    assert code == (130 if keys == "\x03" else 0) and said(screen).count(SAVED[lang]) == 1
    assert "enregistrer votre session" not in screen and "save your session" not in screen
    code, screen = converse(["30"], lang=lang, save="s.json", resume="s.json", keys=keys)  # as --resume s.json
    assert said(screen).count(SAVED[lang]) == 1
    assert savefile.load("s.json").answers == {"status": "job_seeker", "age": 30}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_line_mode_says_where_a_resumed_session_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("--date", "2026-06-01", "--save", "s.json", stdin="5\n", lang=lang)
    assert code == 0 and said(out).count(SAVED[lang]) == 1
    code, out, _ = run_cli("--resume", "s.json", stdin="30\n", lang=lang)
    assert code == 0 and said(out).count(SAVED[lang]) == 1
    assert savefile.load("s.json").answers == {"status": "job_seeker", "age": 30}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_quit_with_save_keeps_the_session_to_resume_and_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   lang: str) -> None:
    """Quitting leaves as Ctrl-D does: the file keeps the session as it was, not an ended one
    that would resume to nothing, and the notice says how to resume it."""
    monkeypatch.chdir(tmp_path)
    code, screen = converse(["5", "30", QUIT[lang]], lang=lang, save="s.json")
    saved = savefile.load("s.json")
    assert code == 0 and saved.answers == {"status": "job_seeker", "age": 30} and saved.state == "other_status"
    assert said(screen).count(SAVED[lang]) == 1
    code, out, _ = run_cli("--resume", "s.json", stdin="", lang=lang)
    assert code == 0 and ("autre situation" if lang == "fr" else "another work situation") in out


def test_the_offer_refuses_what_is_not_yes_or_no(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # "40" would be an answer to the age question: refused there (Ctrl-U clears it), then "non"
    code, screen = converse(["5"], keys="\x0440\r\x15non\r")
    assert code == 0 and "Au revoir" in screen
    assert not (tmp_path / "cpf-bot-session.json").exists()
    with create_pipe_input() as pipe:
        pipe.send_text("40\r\x15oui\r")
        channel = TerminalChannel(ENGINE, io.StringIO(), plain=True, no_color=True,
                                  prompt_input=pipe, prompt_output=DummyOutput())
        assert channel.offer_save("fr") is True
    with pytest.raises(ValidationError) as refused:
        YesNoValidator("fr").validate(Document("40"))
    assert refused.value.message == "Répondez par oui ou par non."


def test_ctrl_c_at_the_offer_after_ctrl_d_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = converse(["5"], keys="\x04\x03")
    assert code == 130 and not (tmp_path / "cpf-bot-session.json").exists()


def test_no_offer_when_nothing_was_answered() -> None:
    code, screen = converse([], keys="\x04")
    assert code == 0 and "enregistrer" not in screen and "Au revoir" in screen


@pytest.mark.parametrize(("lang", "quit", "yes"), [("fr", "quitter", "oui"), ("en", "quit", "yes")])
def test_quit_offers_to_save_like_ctrl_d(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         lang: str, quit: str, yes: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, screen = converse(["5", "30", quit], lang=lang, keys=f"{yes}\r")
    assert code == 0
    saved = savefile.load(str(tmp_path / "cpf-bot-session.json"))
    assert saved.answers == {"status": "job_seeker", "age": 30} and saved.state != "ended"


@pytest.mark.parametrize("line", ["modifier 9999999999999999999999999999", "9999999999999999999999999999"])
def test_a_28_digit_number_is_refused_not_a_traceback(line: str) -> None:
    code, screen = converse(["5", line, "30"])  # at the age question; the refused line is cleared
    assert code == 0 and "Traceback" not in screen and "autre situation" in screen
    code, out, err = run_cli("--date", "2026-06-01", stdin=f"5\n{line}\n30\n")
    assert code == 0 and err == "" and "autre situation" in out


@pytest.mark.parametrize(("lang", "lines", "expected"), [
    ("fr", "3\n45\nnon\nC\n1\naucun\n120\nrésumé\n", "Solde du compte : 120 h"),
    ("en", "3\n45\nno\nC\n1\nnone\n120\nsummary\n", "Account balance: 120 h"),
])
def test_a_public_agents_balance_is_shown_in_hours(lang: str, lines: str, expected: str) -> None:
    code, out, err = run_cli("--date", "2026-06-01", stdin=lines, lang=lang)
    out = out.replace("\u202f", " ").replace("\u00a0", " ")  # French typography's no-break spaces
    assert code == 0 and err == "" and expected in out and "120 €" not in out and "€120" not in out


# -- how answers are read: echo, confirmations, Enter after back (issue 12) ----------------

@pytest.mark.parametrize(("lang", "lines", "expected"), [
    ("fr", ["5", "30", "aucune", "1,200", "non"],
     ["→ Demandeur d'emploi inscrit à France Travail", "→ 30", "Cela peut se lire 1,20 € ou 1 200 €",
      "→ 1 200 €", "Quelle formation envisagez-vous"]),
    ("en", ["5", "30", "none", "1.200", "nope"],
     ["→ Job seeker registered with France Travail", "→ 30", "This can be read as €1.20 or €1,200",
      "→ €1,200", "What training are you considering"]),
])
def test_the_terminal_echoes_answers_and_confirms_an_ambiguous_amount(lang: str, lines: list[str],
                                                                     expected: list[str]) -> None:
    code, screen = converse(lines, lang=lang, plain=True)
    screen = screen.replace("\u202f", " ").replace("\u00a0", " ")
    assert code == 0
    for text in expected:
        assert text in screen
    position = [screen.index(text) for text in expected]
    assert position == sorted(position)


@pytest.mark.parametrize(("lang", "restart", "no", "yes", "asked"), [
    ("fr", "recommencer", "n", "o", "Recommencer depuis le début"),
    ("en", "restart", "n", "y", "Start again from the beginning"),
])
def test_the_terminal_asks_before_restarting(tmp_path: Path, lang: str, restart: str, no: str, yes: str,
                                             asked: str) -> None:
    path = tmp_path / "s.json"
    converse(["5", "30", restart, no], lang=lang, save=str(path))
    kept = savefile.load(str(path))
    assert kept.answers == {"status": "job_seeker", "age": 30} and kept.confirming is None
    code, screen = converse(["5", "30", restart, yes], lang=lang, save=str(path))
    assert code == 0 and asked in screen and savefile.load(str(path)).answers == {}


@pytest.mark.parametrize(("lang", "back"), [("fr", "retour"), ("en", "back")])
def test_enter_on_an_empty_line_after_back_keeps_the_answer(tmp_path: Path, lang: str, back: str) -> None:
    path = tmp_path / "s.json"
    code, screen = converse(["5", "30", back, ""], lang=lang, save=str(path))
    saved = savefile.load(str(path))
    assert code == 0 and saved.answers == {"status": "job_seeker", "age": 30} and saved.state == "other_status"
    assert ("Appuyez sur Entrée pour la garder" if lang == "fr" else "Press Enter to keep it") in screen
    reply = say(ENGINE.start(lang, AS_OF), "5", "30", back)
    AnswerValidator(ENGINE, reply).validate(Document(""))  # the validator lets the empty line through


@pytest.mark.parametrize(("lang", "error", "hidden"), [
    ("fr", "✗ Je n'ai pas reconnu ce choix", "[numéro de sécurité sociale retiré]"),
    ("en", "✗ I did not recognise that choice", "[social security number removed]"),
])
def test_each_refused_line_stays_above_its_error(lang: str, error: str, hidden: str) -> None:
    """Two refusals in a row read as two attempts, each line as typed (one line of the
    terminal, a social security number hidden), then the error it got."""
    code, screen = converse(["zzz", "qqq", "1 85 05 78 006 084 36", "x" * 300, "5"], lang=lang, width=60)
    assert code == 0
    lines = screen.splitlines()
    for typed in ("> zzz", "> qqq"):
        assert lines[lines.index(typed) + 1].startswith(error)
    assert f"> {hidden}" in lines and "006 084" not in screen
    assert "> " + "x" * 57 + "…" in lines


@pytest.mark.parametrize(("lang", "word", "expected"), [
    ("fr", "non", "Cette question n'attend pas oui ou non"), ("en", "no", "This question is not answered by yes or no"),
])
def test_a_yes_no_word_at_a_choice_question_is_refused_under_the_prompt(lang: str, word: str, expected: str) -> None:
    reply = say(ENGINE.start(lang, AS_OF), "5", "30", "none", "800")  # at the training question
    with pytest.raises(ValidationError) as refused:
        AnswerValidator(ENGINE, reply).validate(Document(word))
    assert refused.value.message.startswith(expected)


def test_line_mode_echoes_and_confirms_too() -> None:
    code, out, err = run_cli("--date", "2026-06-01", stdin="5\n30\naucune\n1,200\noui\n", lang="fr")
    out = out.replace("\u202f", " ").replace("\u00a0", " ")
    assert code == 0 and err == "" and "Cela peut se lire 1,20 € ou 1 200 €" in out and "→ 1,20 €" in out


@pytest.mark.parametrize(("lang", "yes", "no"), [("fr", "o", "nan"), ("en", "yep", "nope")])
def test_the_save_offer_takes_short_yes_no_forms(lang: str, yes: str, no: str) -> None:
    for typed, expected in ((yes, True), (no, False)):
        with create_pipe_input() as pipe:
            pipe.send_text(f"{typed}\r")
            channel = TerminalChannel(ENGINE, io.StringIO(), plain=True, no_color=True,
                                      prompt_input=pipe, prompt_output=DummyOutput())
            assert channel.offer_save(lang) is expected
@pytest.mark.parametrize(("lang", "lines", "expected"), [
    ("fr", ["3", "45", "non", "C", "1", "aucun", "aide", "120 heures", "résumé"],
     ["Combien d'heures affiche votre compte CPF", "Les droits d'un agent public sont en heures", "Solde du compte : 120 h"]),
    ("en", ["3", "45", "no", "C", "1", "none", "help", "120 hours", "summary"],
     ["How many hours does your CPF account show?", "A public agent's rights are in hours", "Account balance: 120 h"]),
])
def test_a_public_agent_is_asked_the_balance_in_hours_in_the_terminal(lang: str, lines: list[str],
                                                                    expected: list[str]) -> None:
    """The real prompt session: the question and its help say hours, "120 hours" is read as hours."""
    code, screen = converse(lines, lang=lang, plain=True)
    screen = " ".join(screen.replace("\u202f", " ").replace("\u00a0", " ").split())
    assert code == 0
    for text in expected:
        assert text in screen
    assert "120 €" not in screen and "€120" not in screen
# -- long input: bounded as it is typed ----------------------------------------------------


def typed_into_a_pipe(text: str, lang: str) -> tuple[str, TerminalChannel, int]:
    """A conversation fed `text` as keys, sent while the prompt reads (more than a pipe
    holds), then the end of input; returns the screen, the channel and the longest the
    input ever was."""
    screen, longest = io.StringIO(), [0]
    with create_pipe_input() as pipe:
        def send() -> None:
            pipe.send_text(text)
            pipe.close()

        channel = TerminalChannel(ENGINE, screen, plain=True, no_color=True, prompt_input=pipe, prompt_output=DummyOutput())
        channel.prompt.default_buffer.on_text_changed += lambda buffer: longest.__setitem__(0, max(longest[0], len(buffer.text)))
        conversation = Conversation(ENGINE, channel, Options(lang=lang, date=AS_OF))
        first = conversation.first_reply(Environment(today=lambda: AS_OF))
        assert not isinstance(first, int)
        sending = threading.Thread(target=send)
        sending.start()
        assert conversation.run(first) == 0
        sending.join()
    return screen.getvalue(), channel, longest[0]


@pytest.mark.parametrize(("lang", "limit_notice", "too_long", "next_question"), [
    ("fr", "Une réponse tient en 1\u202f000 caractères au plus", "Cette réponse est trop longue.", "autre situation"),
    ("en", "An answer holds at most 1,000 characters", "This answer is too long.", "another work situation"),
])
def test_a_100000_character_paste_is_bounded_as_it_comes(lang: str, limit_notice: str, too_long: str,
                                                         next_question: str) -> None:
    """Without bracketed paste every character is a key: the input stops growing at the
    limit and says so under the prompt; the line is refused when it is sent."""
    screen, channel, longest = typed_into_a_pipe("5\r" + "9" * 100_000, lang)  # then the end of input
    assert longest == 1001 and len(channel.prompt.default_buffer.text) == 1001
    assert limit_notice in str(channel.prompt.bottom_toolbar).replace("\n", " ")
    screen, channel, longest = typed_into_a_pipe("5\r" + "9" * 100_000 + "\r30\r", lang)
    assert longest == 1001
    assert too_long in screen
    [refused] = [line for line in screen.splitlines() if "99999" in line]  # on one line, cut
    assert refused.startswith("> 999") and refused.endswith("…") and len(refused) <= channel.console.width
    assert next_question in screen.split(too_long)[1]  # 30 was then taken for the age


@pytest.mark.parametrize(("lang", "too_long", "next_question"), [
    ("fr", "Cette réponse est trop longue.", "autre situation"),
    ("en", "This answer is too long.", "another work situation"),
])
def test_line_mode_refuses_a_huge_line_and_carries_on(lang: str, too_long: str, next_question: str) -> None:
    code, out, err = run_cli("--date", "2026-06-01", stdin="5\n" + "9" * 300_000 + "\n30\n", lang=lang)
    assert code == 0 and err == "" and "99999" not in out
    assert next_question in out.split(too_long)[1]


# -- resuming: the options given now, the file kept up to date ----------------------------------


@pytest.mark.parametrize(("saved_in", "asked", "expected"), [("fr", "en", "How old are you?"), ("en", "fr", "Quel âge avez-vous")])
def test_lang_given_at_resume_wins_over_the_saved_one(tmp_path: Path, saved_in: str, asked: str, expected: str) -> None:
    path = str(tmp_path / "s.json")
    run_cli("--date", "2026-06-01", "--save", path, stdin="5\n", lang=saved_in)
    code, out, _ = run_cli("--resume", path, stdin="", lang=asked)  # no --lang: the saved language, not LANG's
    assert code == 0 and expected not in out
    code, out, err = run_cli("--resume", path, "--lang", asked, stdin="", lang=saved_in)
    assert code == 0 and err == "" and expected in out
    assert savefile.load(path).lang == asked  # and it is kept


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_resumed_session_keeps_saving_to_its_file(tmp_path: Path, lang: str) -> None:
    path, other = str(tmp_path / "s.json"), str(tmp_path / "other.json")
    run_cli("--date", "2026-06-01", "--save", path, stdin="5\n", lang=lang)
    run_cli("--resume", path, stdin="30\n", lang=lang)
    assert savefile.load(path).answers == {"status": "job_seeker", "age": 30}
    run_cli("--resume", path, "--save", other, stdin="none\n" if lang == "en" else "aucune\n", lang=lang)
    assert savefile.load(path).answers == {"status": "job_seeker", "age": 30}
    assert savefile.load(other).answers == {"status": "job_seeker", "age": 30, "other_status": "none"}


@pytest.mark.parametrize(("lang", "switch", "switched", "hint"), [
    ("fr", "langue en", "we will continue in English", 'You can type "why" for the details, "change N" to change an answer'),
    ("en", "lang fr", "nous continuons en français", "Vous pouvez taper « pourquoi » pour le détail, « modifier N »"),
])
def test_switching_language_at_the_result_keeps_the_hint(lang: str, switch: str, switched: str, hint: str) -> None:
    _, screen = converse([*JOB_SEEKER, switch], lang=lang, plain=True)
    after = " ".join(screen.split(switched)[1].split())  # no-break spaces and line ends as spaces
    assert hint in after


# -- progress: the web widget's figure, in words -------------------------------------------------


@pytest.mark.parametrize(("lang", "second", "fourth"), [
    ("fr", "Question 2 sur environ 7\nQuel âge", "Question 4 sur environ 7\nQuel est le solde"),
    ("en", "Question 2 of about 7\nHow old", "Question 4 of about 7\nWhat balance"),
])
def test_each_question_says_how_far_along_it_is(lang: str, second: str, fourth: str) -> None:
    answers = ["5", "30", "none" if lang == "en" else "aucune"]
    code, out, _ = run_cli("--date", "2026-06-01", stdin="\n".join(answers) + "\n", lang=lang)
    assert code == 0 and second in out and fourth in out and "Question 1 " not in out  # none before the first answer
    for plain in (False, True):
        _, screen = converse(answers, lang=lang, plain=plain)
        assert second in screen and fourth in screen


def test_progress_is_the_web_channels_figure() -> None:
    from bot.channels.web.views import progress as web_progress
    from bot.dialogue.progress import progress

    reply = say(ENGINE.start("en", AS_OF), "5", "30")
    counted = progress(ENGINE, reply.session)
    assert (counted.current, counted.total) == (3, 7)
    assert web_progress(ENGINE, reply.session) == {"answered": 2, "remaining": 5,
                                                   "text": "Answered: 2. Still to answer: about 5."}


@pytest.mark.parametrize("back", ["retour", "back"])
def test_a_question_gone_back_to_keeps_its_number(back: str) -> None:
    """After `back`, the question shown again says the number it had when first asked
    (its kept answer is not counted as one before it), and Enter moves on to the next one;
    the total is the estimate of now (later answers have made it surer)."""
    from bot.dialogue.progress import progress

    reply, numbers = ENGINE.start("fr", date(2026, 12, 2)), {}
    for answer in ["1", "40", "oui", "bac", "non", "1200"]:
        reply = say(reply, answer)
        found = progress(ENGINE, reply.session)
        numbers[reply.session.state] = found.current
    for _ in range(3):
        reply = say(reply, back)
        found = progress(ENGINE, reply.session)
        assert found.current == numbers[reply.session.state] and found.total > found.current
    reply = say(reply, "")  # keeps the answer
    assert progress(ENGINE, reply.session).current == numbers[reply.session.state]


def test_the_estimate_looks_down_the_whole_way_not_only_at_the_next_question() -> None:
    """A newcomer's run: "question 7 of about 7" with six questions still to come. From the
    second question on, the estimate is within three of the questions the person is asked (one,
    at the second question)."""
    from bot.dialogue.progress import progress

    typed = ["1", "40", "oui", "bac", "non", "1200", "1", "non", "1500", "non", "non", "non", "oui", "1/9/2027", "6"]
    reply = ENGINE.start("fr", date(2026, 12, 2))
    totals = []
    for answer in typed:
        reply = say(reply, answer)
        assert reply.accepted, answer
        if reply.question is not None:
            totals.append(progress(ENGINE, reply.session).total)
    asked = len(typed)
    assert reply.question is None and abs(totals[0] - asked) <= 1, (asked, totals)
    assert all(abs(total - asked) <= 3 for total in totals), (asked, totals)


# -- wrapping: whole messages, groups kept together ----------------------------------------------

SOCIAL_SECURITY_NUMBER = "1 85 05 78 006 084 36"


@pytest.mark.parametrize("width", [30, 60, 100])
@pytest.mark.parametrize(("lang", "refusal", "groups"), [
    ("fr", "Ne communiquez jamais votre numéro de sécurité sociale ici : je n'en ai pas besoin et je ne "
           "l'enregistre pas. Répondez à la question sans lui.",
     ["« modifier N »", "\"lang en\"", "art. L5151-2", "30 décembre 2025", "pour 2026", "art. 203"]),
    ("en", "Never share your social security number here: I do not need it and I do not store it. "
           "Answer the question without it.",
     ['"change N"', "« langue fr »", "art. L5151-2", "30 December 2025", "for 2026", "section 203"]),
])
def test_refusals_are_whole_and_groups_stay_on_one_line(lang: str, refusal: str, groups: list[str], width: int) -> None:
    code, screen = converse([JOB_SEEKER[0], SOCIAL_SECURITY_NUMBER, *JOB_SEEKER[1:]], lang=lang, width=width)
    assert code == 0 and "006 084" not in screen
    lines = [" ".join(line.strip("│ ").split()) for line in screen.splitlines()]  # no-break spaces as spaces
    assert all(len(line) <= width for line in screen.splitlines())
    assert refusal in " ".join(lines)  # the whole refusal, wrapped
    for group in groups:
        assert any(group in line for line in lines), (group, lines)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_long_choice_wraps_under_its_label(lang: str) -> None:
    screen = io.StringIO()
    channel = TerminalChannel(ENGINE, screen, plain=True, no_color=True)
    channel.console.width = 30
    channel.show(ENGINE.start(lang, AS_OF))
    lines = screen.getvalue().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  4. "))  # a long label
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [60, 100])
def test_the_command_to_resume_is_never_broken(lang: str, width: int) -> None:
    """A newcomer saw "cpf-bot --resume" on one line and its file on the next."""
    from bot.channels.terminal import wrapped_lines
    from bot.i18n import translator

    path = "cpf-bot-session-of-a-long-name.json"
    said = translator(lang).text("terminal.saved", path=path)
    assert f"cpf-bot --resume {path}" in wrapped_lines(said, width).split("\n")


AGENT_LICENCE = {"fr": ["3", "40", "non", "B", "1", "100", "7", "1", "non", "OPCO", "1", "quitter"],
                 "en": ["3", "40", "no", "B", "1", "100", "7", "1", "no", "OPCO", "1", "quit"]}


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["2. Oui, mon administration", "✗ Je n'ai pas reconnu ce choix", "→ Non, personne d'autre",
            "Demandez un cofinancement à votre administration"]),
    ("en", ["2. Yes, my administration", "✗ I did not recognise that choice", "→ No, nobody else",
            "Ask your administration, the State or your region"]),
])
def test_a_public_agent_sees_no_opco_and_no_hr_request_for_a_refused_licence(lang: str, expected: list[str]) -> None:
    """A newcomer saw "my employer or the OPCO" offered to a public agent, "OPCO" taken as the
    administration, and "Employer: agreement needed" with a request to HR for a licence the
    CPF does not fund."""
    from bot.i18n import translator

    code, screen = converse(AGENT_LICENCE[lang], lang=lang, plain=True, width=200)
    assert code == 0
    for text in expected:
        assert text in screen
    tr = translator(lang)
    assert "OPCO" not in screen.replace("> OPCO", "")  # only what the person typed
    assert tr.text("result.employer_needed") not in screen and tr.text("next.go_to_hr") not in screen


PARTICIPATION_ONLY = {"fr": ["1", "40", "1", "4", "non", "2000", "1", "1", "1000", "non", "non", "non", "quitter"],
                      "en": ["1", "40", "1", "4", "no", "2000", "1", "1", "1000", "no", "no", "no", "quit"]}


@pytest.mark.parametrize(("lang", "line", "amount"), [
    ("fr", "Financement : coût 1 000 €, pris en charge par le CPF 896,80 €, reste à votre charge 103,20 € : la "
           "participation forfaitaire.", "103,20 €"),
    ("en", "Funding: cost €1,000, paid by the CPF €896.80, left for you to pay €103.20: the flat participation.",
     "€103.20"),
])
def test_a_remainder_that_is_only_the_participation_is_shown_once(lang: str, line: str, amount: str) -> None:
    code, screen = converse(PARTICIPATION_ONLY[lang], lang=lang, plain=True, width=200)
    assert code == 0
    shown = screen.replace("\u202f", " ").replace("\u00a0", " ")
    result = shown[shown.index("Vos droits CPF au" if lang == "fr" else "Your CPF rights on"):]
    assert line in result
    assert [row for row in result.split("\n") if amount in row] == [line]


# -- escape sequences typed or pasted: kept as typed, never a traceback --------------------------


@pytest.mark.parametrize(("lang", "none", "error", "balance"), [
    ("fr", "aucune", "✗ J'attends un montant", "Solde\u00a0: 800\u00a0€"),
    ("en", "none", "✗ I expect an amount", "Balance: €800"),
])
@pytest.mark.parametrize("sequence", ["\x1b[31m", "\x1b[<31m", "\x1b[1;2;3M"])
def test_an_escape_sequence_in_an_answer_is_refused_as_typed(lang: str, none: str, error: str, balance: str,
                                                             sequence: str) -> None:
    """ESC [ 31 m reads as a mouse event to prompt-toolkit, whose handler cannot parse it
    (a traceback, then "Press ENTER", and "12" taken for the balance): its characters stay
    in the line, which is refused whole; the next answer is taken."""
    code, screen = converse(["5", "30", none, f"12{sequence}0", "800", *JOB_SEEKER[4:]], lang=lang, width=60)
    shown = sequence.replace("\x1b", "")
    assert code == 0 and "Traceback" not in screen and "Unhandled exception" not in screen
    assert f"> 12{shown}0\n{error}" in screen
    assert balance in screen and "12\u00a0€" not in screen and "€12" not in screen


@pytest.mark.parametrize(("lang", "answers", "balance", "error", "offer"), [
    ("fr", ["5", "30", "aucune"], "Quel est le solde", "J'attends un montant", "enregistrer votre session"),
    ("en", ["5", "30", "none"], "What balance", "I expect an amount", "save your session"),
])
def test_installed_script_refuses_an_escape_sequence_without_traceback(terminal: type[Pty], lang: str,
                                                                      answers: list[str], balance: str,
                                                                      error: str, offer: str) -> None:
    term = terminal("--date", "2026-06-01", "--lang", lang)
    for answer in answers:
        term.read_prompt(after=term.prompts() - 1 if term.prompts() else 0)
        waiting = term.prompts()
        term.type(answer)
        term.read_prompt(after=waiting)
    term.read_until(balance)
    term.type("12\x1b[31m0")
    term.read_until(error, after=balance)
    term.read_until(PROMPT_READY, after=error)  # asked again: Ctrl-D now, not while it redraws
    os.write(term.master, b"\x04")
    term.read_until(offer, after=error)
    term.read_until(PROMPT_READY, after=offer)
    os.write(term.master, b"\x04")
    assert term.close() == 0
    assert "Traceback" not in term.seen and "Unhandled exception" not in term.seen and "ENTER" not in term.seen


@pytest.mark.parametrize(("lang", "question"), [
    ("fr", "À quelle durée de référence comparer votre temps de\ntravail ?\n"),
    ("en", "Which reference duration applies to your working time?\n"),
])
def test_a_question_mark_never_wraps_alone(lang: str, question: str) -> None:
    """At 60 columns, "… temps de travail ?" left "?" alone on the next line: the space
    before ? ! : ; » (and after «) holds, whichever space the catalog has there."""
    _, screen = converse(["1", "40", "2"], lang=lang, width=60)
    assert question in screen
    for line in screen.splitlines():
        assert not line.lstrip("│ ").startswith(("?", "!", ":", ";", "»")) and not line.rstrip().endswith("«"), line


def test_no_catalog_sentence_wraps_before_a_french_sign() -> None:
    """Every French sentence, at every width from 30 to 80 columns: no line starts with
    ? ! : ; » (a sign alone, not ":memory:") nor ends with «."""
    from babel.messages.pofile import read_po

    from bot.channels.terminal import wrapped_lines
    from bot.paths import data_dir

    sentences = []
    for po in sorted((Path(data_dir("locales")) / "fr" / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as file:
            sentences += [m.string for m in read_po(file) if m.id and isinstance(m.string, str)
                          and re.search(r"\s[?!:;»]|«", m.string)]
    assert len(sentences) > 100
    for width in range(30, 81):
        for sentence in sentences:
            for line in wrapped_lines(sentence, width).splitlines():
                assert not re.match(r"[?!:;»](?!\w)", line) and not line.endswith("«"), (width, sentence)


# -- numbers: the question's counter is its number in the summary -------------------------------

EMPLOYEE_THEN_PUBLIC = ["1", "40", "{yes}", "bac", "{no}", "1200", "1", "{no}", "1500", "{no}", "{no}", "{no}", "{yes}",
                        "1/9/2027", "6", "{change} 1", "3", "{no}"]


@pytest.mark.parametrize(("lang", "words", "numbered", "summary", "training"), [
    ("fr", {"yes": "oui", "no": "non", "change": "modifier", "summary": "résumé"},
     "Question 4 sur environ 8\nQuelle est votre catégorie", ["3. Chambre consulaire", "5. Formation"],
     "Question 5 sur environ 8\nQuelle formation"),
    ("en", {"yes": "yes", "no": "no", "change": "change", "summary": "summary"},
     "Question 4 of about 8\nWhat is your category", ["3. Consular chamber", "5. Training"],
     "Question 5 of about 8\nWhat training"),
])
def test_the_question_on_screen_is_its_number_in_the_summary(tmp_path: Path, lang: str, words: dict[str, str],
                                                             numbered: str, summary: list[str], training: str) -> None:
    """A status changed at the result (employee, then public agent) asks questions that come
    before answers already given. The summary keeps the pending question's number for it:
    "Question 4" on screen is "change 4", and "change 5" (the training) says "Question 5" of
    the same total, not 4 (nor "5 of about 5"), then Enter is back at question 4."""
    path = str(tmp_path / "s.json")
    converse([line.format(**words) for line in EMPLOYEE_THEN_PUBLIC], lang=lang, save=path)
    _, screen = converse([words["summary"], f"{words['change']} 5", "", "1", words["summary"]], lang=lang,
                         resume=path, plain=True)
    resumed, first, *_, last = screen.split(summary[0])  # before, after the first summary, after the last
    assert numbered in resumed
    assert summary[1] in first and "\n4. " not in first.split(summary[1])[0]  # the question on screen: no answer yet
    assert training in first  # change 5: the training, number 5 of the same total
    assert numbered in first.split(training)[1]  # Enter keeps it: back to question 4
    assert "\n4. " in last  # answered: number 4 (a question new since, the post, takes 5)


SELF_EMPLOYED_LICENCE = {"fr": ["4", "40", "12", "oui", "300", "7", "1", "non", "aide", "OPCO", "1", "quitter"],
                         "en": ["4", "40", "12", "yes", "300", "7", "1", "no", "help", "OPCO", "1", "quit"]}


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["2. Oui, mon fonds d'assurance formation (FAF)", "Votre fonds d'assurance formation (FAF), ou un financeur public",
            "✗ Je n'ai pas reconnu ce choix", "→ Non, personne d'autre",
            "Demandez un cofinancement à votre fonds d'assurance formation (FAF)"]),
    ("en", ["2. Yes, my training insurance fund (FAF)", "Your training insurance fund (FAF), or a public funder",
            "✗ I did not recognise that choice", "→ No, nobody else",
            "Ask your training insurance fund (FAF), your region"]),
])
def test_a_self_employed_person_is_sent_to_their_faf_never_to_an_employer_or_an_opco(
        lang: str, expected: list[str]) -> None:
    """A self-employed person asking about a driving licence read "The employer or the OPCO…" as
    the co-funding question's help and was told to ask "your employer, your OPCO"."""
    from bot.i18n import translator

    code, screen = converse(SELF_EMPLOYED_LICENCE[lang], lang=lang, plain=True, width=200)
    assert code == 0
    for text in expected:
        assert text in screen.replace("\u00a0", " ")
    tr = translator(lang)
    assert "OPCO" not in screen.replace("> OPCO", "")  # only what the person typed
    assert tr.text("help.cofunding") not in screen and tr.text("next.seek_cofunding") not in screen
    assert ("employeur" if lang == "fr" else "employer") not in screen.lower().replace(
        tr.text("result.employer_not_needed").lower(), "")
