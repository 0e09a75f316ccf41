"""Recording a conversation as a .dialog: what is written, and that it replays green."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.reply import Reply, Say
from bot.privacy import contains_social_security_number
from bot.scripted.record import RecordFile, Recorder, short
from bot.dialogue.engine import cpf_engine as shared_engine
from bot.scripted.replay import replay
from bot.scripted.script import Check, Expect, Type, parse

AS_OF = date(2026, 6, 1)
ENGINE = shared_engine()


def converse(recorder: Recorder, lang: str, texts: list[str], known: dict[str, object] | None = None) -> Reply:
    reply = ENGINE.start(lang, AS_OF, known)
    recorder.opening(reply)
    for text in texts:
        reply = ENGINE.step(reply.session, Say(text))
        recorder.turn(text, reply)
    return reply


CONVERSATION = ["salarie", "trente", "30", "résumé", "retour", "31", "oui", "bac", "non", "2 000 €",
                "langue en", "skills assessment", "20", "no", "2500", "no", "no", "0", "yes", "1 September 2026", "3"]


def test_a_recorded_conversation_replays_green() -> None:
    recorder = Recorder("fr", AS_OF)
    converse(recorder, "fr", CONVERSATION)
    text = recorder.text()
    script = parse(text, "recorded.dialog")
    assert (script.lang, script.as_of) == ("fr", AS_OF)
    assert [s.text for s in script.steps if isinstance(s, Type)] == CONVERSATION
    assert replay(script, date(2000, 1, 1)) == []
    figures = {s.dotted: s.value for s in script.steps if isinstance(s, Check)}
    assert figures == {
        "account.open": True, "unit": "EUR", "annual_credit": 500, "cap": 5000, "balance": 2000,
        "training.eligible": True, "participation.due": True, "participation.exemption": None,
        "funding.cpf_pays": 1600, "funding.remaining": 900, "employer.ask_before": "2026-07-03",
    }


def test_what_a_recording_looks_like() -> None:
    recorder = Recorder("en", AS_OF, {"status": "job_seeker"})
    converse(recorder, "en", ["forty", "40", "none", "I don't know", "I don't know", "not sure", "quit"],
             {"status": "job_seeker"})
    assert recorder.text() == (
        "# Recorded with cpf-bot --record.\n"
        "# lang: en\n"
        "# date: 2026-06-01\n"
        "# known.status: \"job_seeker\"\n"
        "< Hello! I will ask you a few questions to work out your training rights (CPF) and\n"
        "> forty\n"
        "< I expect an age in years, for example 42.\n"
        "> 40\n"
        "< Did you have another work situation this year?\n"
        "> none\n"
        "< What balance does your CPF account show?\n"
        "> I don't know\n"
        "< About how many years have you worked in all?\n"
        "> I don't know\n"
        "< What training are you considering?\n"
        "> not sure\n"
        "< Here are your rights:\n"
        "> quit\n"
        "< Goodbye, and good luck with your training!\n"
        "= account.open: true\n"
        "= unit: \"EUR\"\n"
        "= annual_credit: 0\n"
        "= cap: 5000\n"
        "= balance: null\n"
        "= participation.due: false\n"
        "= participation.exemption: \"job_seeker\"\n"
    )
    assert replay(parse(recorder.text()), AS_OF) == []


def test_excerpts_are_short_single_lines() -> None:
    assert short("One.\nTwo.") == "One."
    cut = short("word " * 40)
    assert len(cut) <= 80 and cut.endswith("word") and "\n" not in cut
    assert short("x" * 200) == "x" * 80


def test_typed_line_breaks_stay_on_one_line() -> None:
    recorder = Recorder("fr", AS_OF)
    converse(recorder, "fr", ["salarie\nprive", ""])
    typed = [s.text for s in parse(recorder.text()).steps if isinstance(s, Type)]
    assert typed == ["salarie prive", ""]
    assert replay(parse(recorder.text()), AS_OF) == []


INPUTS = st.sampled_from([
    "salarie", "employee", "job seeker", "fonctionnaire", "independant", "ESAT", "retraité", "apprenti", "B", "C",
    "30", "15", "oui", "non", "yes", "no", "1", "2", "3", "7", "bac", "aucun", "1 200 €", "800,50", "je ne sais pas",
    "I don't know", "permis", "bilan", "certification", "VAE", "1er septembre 2026", "31/02/2026", "8 mois",
    "aide", "why", "résumé", "summary", "retour", "back", "modifier 2", "change 9", "langue en", "lang fr",
    "recommencer", "quitter", "", "?", "n'importe quoi",
])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["fr", "en"]), st.lists(INPUTS, max_size=25))
def test_any_recorded_conversation_replays_green(lang: str, texts: list[str]) -> None:
    recorder = Recorder(lang, AS_OF)
    converse(recorder, lang, texts)
    script = parse(recorder.text())
    assert replay(script, AS_OF) == [], recorder.text()
    assert sum(isinstance(s, Expect) for s in script.steps) >= len(texts)


def test_record_file_keeps_the_file_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "session.dialog"
    first = ENGINE.start("fr", AS_OF)
    record = RecordFile.begin(str(path), first)
    assert path.read_text(encoding="utf-8").endswith("# date: 2026-06-01\n< Bonjour ! Je vais vous poser quelques questions pour calculer vos droits à la\n")
    reply = ENGINE.step(first.session, Say("étudiant"))
    record.turn("étudiant", reply)
    reply = ENGINE.step(reply.session, Say("non"))  # never worked
    record.turn("non", reply)
    saved = path.read_text(encoding="utf-8")
    assert "> étudiant\n" in saved and "> non\n" in saved and "= account.open: false\n" in saved
    assert replay(parse(saved), AS_OF) == []


def test_record_file_without_a_path_writes_nothing(tmp_path: Path) -> None:
    record = RecordFile.begin(None, ENGINE.start("en", AS_OF))
    record.turn("student", ENGINE.step(ENGINE.start("en", AS_OF).session, Say("student")))
    assert list(tmp_path.iterdir()) == [] and "> student" in record.text()


def test_record_file_reports_a_failed_write_once(tmp_path: Path) -> None:
    failed: list[str] = []
    first = ENGINE.start("fr", AS_OF)
    record = RecordFile.begin(str(tmp_path), first, on_error=lambda path, error: failed.append(path))  # a folder: cannot be written
    record.turn("salarie", ENGINE.step(first.session, Say("salarie")))
    assert failed == [str(tmp_path)] and record.failed


def test_a_resumed_conversation_records_its_answers_as_known() -> None:
    started = ENGINE.start("fr", AS_OF)
    reply = ENGINE.step(ENGINE.step(started.session, Say("salarie")).session, Say("45"))
    resumed = ENGINE.resume(reply.session)
    record = RecordFile.begin(None, resumed)
    record.turn("oui", ENGINE.step(resumed.session, Say("oui")))
    text = record.text()
    assert "# known.status: \"private_employee\"\n# known.age: 45\n" in text
    assert replay(parse(text), AS_OF) == []


def test_a_social_security_number_typed_by_mistake_is_never_recorded() -> None:
    engine = shared_engine()
    reply = engine.start("fr", date(2026, 6, 1))
    recorder = Recorder("fr", date(2026, 6, 1), None)
    recorder.opening(reply)
    for text in ("5", "1 85 05 78 006 084 36", "30"):
        reply = engine.step(reply.session, Say(text))
        recorder.turn(text, reply)
    assert "006" not in recorder.text() and "> 30" in recorder.text()


@pytest.mark.parametrize("typed", [
    "1/85/05/78/006/084/36", "1_85_05_78_006_084_36", "１８５０５７８００６０８４３６",
    "x" * 1200 + " 1 85 05 78 006 084 36",
])
def test_a_social_security_number_is_never_recorded_however_it_is_typed(typed: str) -> None:
    recorder = Recorder("fr", AS_OF)
    converse(recorder, "fr", ["salarie", typed, "30"])
    assert not contains_social_security_number(recorder.text()) and "> 30" in recorder.text()
