"""Replaying dialogues: failures name file:line, `cpf-bot replay` exit codes, the pytest plugin."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.dialogue.reply import Reply

from bot.dialogue.engine import Engine
from bot.i18n import translator
from bot.scripted.replay import Failure, excerpt, failure_text, failures_text, folded, replay, same_json
from bot.scripted.script import Check, Type, parse, read
from fakes import run_cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "dialogs"
TODAY = date(2026, 11, 23)

GOOD = """\
# lang: fr
# date: 2025-06-01
< Quelle est votre situation professionnelle
> salarie prive
< QUEL   ÂGE avez-vous
> 34
> oui
> bac
> non
> 1 200 €
> je ne sais pas
< Crédit annuel : 500 €
= annual_credit: 500.0
= cap: 5000
= balance: 1200
= account.open: true
= training: null
"""


def failures(text: str, path: str = "t.dialog") -> list[Failure]:
    return replay(parse(text, path), TODAY)


def lines_of(text: str, starting: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(starting))


def test_a_good_dialogue_passes() -> None:
    assert failures(GOOD) == []


def test_a_wrong_figure_names_its_line() -> None:
    text = GOOD.replace("= cap: 5000", "= cap: 8000")
    [failure] = failures(text, "tests/dialogs/wrong-figure.dialog")
    assert failure.location == f"tests/dialogs/wrong-figure.dialog:{lines_of(text, '= cap:')}"
    assert (failure.kind, failure.expected, failure.actual) == ("figure", "cap: 8000", "cap: 5000")
    assert failure_text(failure, translator("en")) == (
        f"{failure.location}: expected cap: 8000, but the assessment has cap: 5000.")


def test_a_wrong_bot_line_names_its_line_and_shows_what_was_said() -> None:
    text = GOOD.replace("< QUEL   ÂGE avez-vous", "< Quel est votre âge")
    [failure] = failures(text, "w.dialog")
    assert failure.line == 5 and failure.kind == "said"
    assert failure.expected == "Quel est votre âge"
    assert "Quel âge avez-vous" in failure.actual
    report = failure_text(failure, translator("fr"))
    assert report.startswith("w.dialog:5: le bot devait dire «\u00a0Quel est votre âge\u00a0»")
    assert "\n    Quel âge avez-vous" in report


def test_accents_are_significant_case_and_spaces_are_not() -> None:
    assert failures(GOOD.replace("< QUEL   ÂGE avez-vous", "< quel age avez-vous"))[0].line == 5
    assert folded("Crédit\u00a0annuel :\u202f500\u00a0€") == folded("crédit annuel : 500 €")


def test_every_failure_is_reported_and_the_replay_goes_on() -> None:
    text = GOOD.replace("= cap: 5000", "= cap: 1").replace("= balance: 1200", "= balance: 2")
    assert [f.line for f in failures(text)] == [lines_of(text, "= cap"), lines_of(text, "= balance")]


def test_a_figure_before_the_end_is_a_failure() -> None:
    [failure] = failures("# date: 2025-06-01\n> salarie\n= annual_credit: 500\n")
    assert (failure.line, failure.kind) == (3, "not_ended")
    assert "Quel âge avez-vous" in failure.actual


def test_a_path_into_a_null_object_reports_the_null() -> None:
    [failure] = failures(GOOD + "= funding.cpf_pays: 0\n")
    assert failure.actual == "funding: null"
    [failure] = failures(GOOD + "= next_steps.9.code: \"x\"\n")
    assert failure.actual.startswith("next_steps: [")


def test_expectations_look_only_at_the_last_turn() -> None:
    [failure] = failures("# date: 2025-06-01\n> salarie\n< Quelle est votre situation\n")
    assert failure.line == 3


def test_the_last_assessment_stays_after_quit() -> None:
    assert failures("# date: 2025-06-01\n> étudiant\n> non\n> quitter\n< Au revoir\n= account.reason: \"not_registered\"\n") == []


@pytest.mark.parametrize(("expected", "actual", "same"), [
    (500, 500.0, True), (217.8, 217.80, True), (0.1, 0.10000000000000001, True), (1, True, False),
    (True, 1, False), (None, 0, False), ("500", 500, False), ({"a": [1, 2.0]}, {"a": [1.0, 2]}, True),
    ([1], [1, 2], False), ({"a": 1}, {"b": 1}, False), (False, False, True),
])
def test_json_comparison(expected: Any, actual: Any, same: bool) -> None:
    assert same_json(expected, actual) is same


def test_a_crash_in_the_bot_is_reported_on_its_line() -> None:
    class Broken(Engine):
        def step(self, session: Any, event: Any) -> Reply:
            raise RuntimeError("boom")

    from bot.dialogue.definition import cpf_dialogue

    [failure] = replay(parse("# date: 2025-06-01\n< Bonjour\n> salarie\n< Quel âge\n"), TODAY, Broken(cpf_dialogue()))
    assert (failure.line, failure.kind, failure.actual) == (3, "crashed", "RuntimeError: boom")


def test_a_script_without_date_uses_the_given_date() -> None:
    text = "> étudiant\n> non\n= as_of: \"2026-11-23\"\n"
    assert failures(text) == []


def test_excerpt_keeps_short_output_and_shortens_long_output() -> None:
    assert excerpt("a\nb") == "a\nb"
    long = "\n".join(["Error first"] + [f"line {n} " + "x" * 60 for n in range(30)] + ["Employer: ask before 4 July", "The question?"])
    shown = excerpt(long, near="ask before 5 July")
    assert shown.split("\n")[0] == "Error first"
    assert "Employer: ask before 4 July" in shown and shown.endswith("The question?")
    assert len(shown) < 700


def test_repeated_excerpts_are_shown_once() -> None:
    text = "# lang: en\n# date: 2025-06-01\n> employee\n< nope\n< nothing\n= cap: 1\n"
    report = failures_text(failures(text), translator("en"))
    assert report.count("How old are you?") == 1
    assert report.count("(the same as above)") == 2


# -- cpf-bot replay ---------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_replay_command_passes(tmp_path: Path) -> None:
    write(tmp_path, "a.dialog", GOOD)
    write(tmp_path, "sub/b.dialog", GOOD)
    write(tmp_path, "sub/notes.txt", "not a dialogue")
    code, out, err = run_cli("replay", str(tmp_path), "--lang", "en")
    assert (code, err) == (0, "")
    assert out == "Dialogues replayed: 2; passed: 2; failed: 0; malformed: 0.\n"


def test_replay_command_fails_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "a.dialog", GOOD)
    bad = write(tmp_path, "b.dialog", GOOD.replace("= cap: 5000", "= cap: 8000"))
    code, out, err = run_cli("replay", str(tmp_path / "a.dialog"), str(bad), "--lang", "en")
    assert code == 1 and err == ""
    assert f"{bad}:{lines_of(GOOD, '= cap:')}: expected cap: 8000, but the assessment has cap: 5000." in out
    assert out.endswith("Dialogues replayed: 2; passed: 1; failed: 1; malformed: 0.\n")


def test_replay_command_reports_malformed_files(tmp_path: Path) -> None:
    write(tmp_path, "good.dialog", GOOD)
    write(tmp_path, "failing.dialog", GOOD.replace("= cap: 5000", "= cap: 8000"))
    write(tmp_path, "bad.dialog", "# lang: fr\n> salarie\n= credit: 500\n")
    code, out, err = run_cli("replay", str(tmp_path), "--lang", "fr")
    assert code == 2
    assert f"{tmp_path / 'bad.dialog'}:3: l'évaluation n'a pas de champ «\u00a0credit\u00a0»" in err
    assert "Traceback" not in err
    assert "failing.dialog:" in out  # the well-formed ones are still replayed
    assert "mal formés\u00a0: 1." in out


def test_replay_command_missing_and_empty_paths(tmp_path: Path) -> None:
    code, _, err = run_cli("replay", str(tmp_path / "nope.dialog"), "--lang", "en")
    assert code == 2 and "nope.dialog: no such file or folder." in err
    code, _, err = run_cli("replay", str(tmp_path), "--lang", "en")
    assert code == 2 and "this folder holds no .dialog file" in err


def test_replay_command_date_option(tmp_path: Path) -> None:
    write(tmp_path, "a.dialog", "> étudiant\n> non\n= as_of: \"2024-06-01\"\n")
    assert run_cli("replay", str(tmp_path), "--date", "2024-06-01")[0] == 0
    assert run_cli("replay", str(tmp_path))[0] == 1  # today, in the fake environment


def test_the_corpus_is_broad() -> None:
    scripts = [read(p) for p in sorted(CORPUS.rglob("*.dialog"))]
    assert len(scripts) >= 40
    assert sum(s.lang == "en" for s in scripts) >= 15
    assert all(s.as_of is not None for s in scripts), "corpus dialogues must be dated"
    typed = {step.text for s in scripts for step in s.steps if isinstance(step, Type)}
    for command in ("retour", "back", "résumé", "summary", "modifier 4", "change 5", "aide", "help", "pourquoi",
                    "why", "langue en", "lang en", "recommencer", "quitter"):
        assert command in typed, command
    checks = {(step.dotted, repr(step.value)) for s in scripts for step in s.steps if isinstance(step, Check)}
    for exemption in ("job_seeker", "employer_cofunding", "c2p", "incapacity", "hours_account"):
        assert ("participation.exemption", repr(exemption)) in checks, exemption
    for amount in (0, 100, 102.23, 103.2):
        assert ("participation.amount", repr(amount)) in checks, amount
    dates = {s.as_of for s in scripts}
    assert {date(2023, 6, 1), date(2024, 3, 1), date(2024, 6, 1), date(2025, 6, 1), date(2026, 6, 1)} <= dates


# -- the pytest plugin ------------------------------------------------------------------


def test_pytest_collects_dialogues_with_readable_failures(pytester: pytest.Pytester) -> None:
    write(pytester.path, "dialogs/good.dialog", GOOD)
    write(pytester.path, "dialogs/wrong.dialog", GOOD.replace("= cap: 5000", "= cap: 8000")
          .replace("< QUEL   ÂGE avez-vous", "< Quel est votre âge"))
    write(pytester.path, "dialogs/broken.dialog", "# lang: klingon\n> a\n")
    write(pytester.path, "pytest.ini", "[pytest]\ndialog_lang = en\n")
    # No conftest and no -p: the installed package's pytest11 entry point collects them (in
    # this process: a new pytest session, its plugins loaded from the entry points again).
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-q", "-rN", "dialogs")
    out = result.stdout.str()
    assert result.ret == 1, out + result.stderr.str()
    assert "1 passed" in out and "2 failed" in out
    assert "dialogs/wrong.dialog:5: expected the bot to say \"Quel est votre âge\", but it said:" in out
    assert f"dialogs/wrong.dialog:{lines_of(GOOD, '= cap:')}: expected cap: 8000, but the assessment has cap: 5000." in out
    assert "dialogs/broken.dialog:1: \"klingon\" is not a language of the bot" in out
    assert "Traceback" not in out and "runtest" not in out


def test_a_file_named_twice_is_replayed_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.dialog", GOOD)
    code, out, _ = run_cli("replay", str(path), str(tmp_path), "--lang", "en")
    assert code == 0 and "Dialogues replayed: 1;" in out


def test_figures_after_going_back_to_a_question_fail_as_not_ended(tmp_path: Path) -> None:
    path = tmp_path / "stale.dialog"
    path.write_text("""# lang: fr
# date: 2026-06-01
# known.status: "not_working"
# known.worked_before: false
< Voici vos droits
= account.reason: "not_registered"
> modifier 1
< Quelle est votre situation
= account.reason: "not_registered"
""", encoding="utf-8")
    code, out, _ = run_cli("replay", str(path))
    assert code == 1 and "stale.dialog:9" in out and "stale.dialog:6" not in out


GOOD_EN = """\
# lang: en
# date: 2025-06-01
< What is your work situation
> private employee
> 34
> yes
> bac
> no
> 1200
> I don't know
= cap: 5000
"""


def test_without_a_setting_each_dialogue_fails_in_its_own_language(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """An English transcript's failure was reported in French when `dialog_lang` was not set:
    each report is now in the language of the transcript's `# lang:` header, whatever LC_ALL says."""
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    write(pytester.path, "dialogs/en-wrong.dialog", GOOD_EN.replace("= cap: 5000", "= cap: 8000"))
    write(pytester.path, "dialogs/fr-wrong.dialog", GOOD.replace("= cap: 5000", "= cap: 8000"))
    write(pytester.path, "dialogs/en-late.dialog", "# lang: en\n> salarie\n# date: 2025-06-01\n")
    write(pytester.path, "pytest.ini", "[pytest]\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-q", "-rN", "dialogs")
    out = result.stdout.str()
    assert result.ret == 1 and "3 failed" in out, out + result.stderr.str()
    en_line = lines_of(GOOD_EN, "= cap:")
    assert f"dialogs/en-wrong.dialog:{en_line}: expected cap: 8000, but the assessment has cap: 5000." in out
    assert f"dialogs/fr-wrong.dialog:{lines_of(GOOD, '= cap:')}: attendu cap: 8000, mais l'évaluation donne" in out
    assert 'dialogs/en-late.dialog:3: the header "date" must come before the first dialogue line.' in out
