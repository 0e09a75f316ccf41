"""The dialogue engine: relevant questions only, commands, pre-fill, robustness."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.interpret import Command
from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.reply import Answer, Reply, Say
from bot.dialogue.engine import Engine
from bot.rules import assess
from bot.dialogue import codec
from bot.rules.situation import SituationError
from walk import walk

AS_OF = date(2026, 6, 1)
ENGINE = Engine(cpf_dialogue())

ANSWERS: dict[str, Any] = {
    "age": 40, "consular_network": False, "public_category": "C", "working_time": "half_or_more",
    "annual_hours": 700, "activity_months": 7, "cfp_paid": True, "diploma": "none",
    "low_qualification_declared": False, "disability_boe": False, "balance": 1000,
    "years_worked": 4, "training_kind": "certification", "licence": "B", "holds_licence": False,
    "cofunding": "none", "training_cost": 1500, "uses_c2p": False, "incapacity_retraining": False,
    "during_work_hours": True, "training_start": "2026-09-01", "training_months": 3,
    "receives_pension": False, "pension_full_rate": False, "public_time": "full_time", "post_weekly_hours": 28,
    "reference_basis": "legal", "reference_hours": 1607, "package_days": 218, "worked_days": 100,
    "counted_leave": False, "leave_time": 0, "other_status": "none", "other_hours": 400, "other_months": 6,
    "has_cqp": False, "accompaniment_hours": 20, "cofunding_amount": 300, "c2p_points": 5, "cec_balance": 0,
    "worked_before": False,
}
TRAINING = ["training_kind", "cofunding", "training_cost", "uses_c2p", "incapacity_retraining"]
# C2P points are a private-law employee's; the incapacity top-up an employee's or former employee's.
NO_C2P = ["training_kind", "cofunding", "training_cost", "incapacity_retraining"]
NEITHER = ["training_kind", "cofunding", "training_cost"]
# No employer to co-fund (the self-employed, the retired, people not working): no co-funding question.
NO_EMPLOYER = ["training_kind", "training_cost"]
EMPLOYER = ["during_work_hours", "training_start", "training_months"]
CEC = ["cec_balance"]  # asked when the CPF leaves something to find
PRIVATE = ["status", "age", "working_time", "diploma", "low_qualification_declared", "disability_boe", "balance"]


def converse(answers: dict[str, Any], as_of: date = AS_OF, known: dict[str, Any] | None = None) -> tuple[list[str], Reply]:
    reply = ENGINE.start("fr", as_of, known)
    asked: list[str] = []
    while reply.question is not None:
        asked.append(reply.question.field)
        reply = ENGINE.step(reply.session, Answer(answers[reply.question.field]))
        assert reply.accepted, reply.messages
    return asked, reply


def say(reply: Reply, *texts: str) -> Reply:
    for text in texts:
        reply = ENGINE.step(reply.session, Say(text))
    return reply


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"status": "private_employee"}, PRIVATE + TRAINING + CEC + EMPLOYER),
    ({"status": "apprentice"}, PRIVATE + TRAINING + CEC + EMPLOYER),
    ({"status": "private_employee", "working_time": "under_half"},
     ["status", "age", "working_time", "reference_basis", "annual_hours", "counted_leave", "other_status",
      "disability_boe", "balance"] + TRAINING + CEC + EMPLOYER),
    ({"status": "private_employee", "diploma": "bac"},
     ["status", "age", "working_time", "diploma", "disability_boe", "balance"] + TRAINING + CEC + EMPLOYER),
    ({"status": "private_employee", "training_kind": "driving_licence", "cofunding": "employer"},
     PRIVATE + ["training_kind", "licence", "holds_licence", "cofunding", "cofunding_amount", "training_cost"]
     + CEC + EMPLOYER),
    ({"status": "private_employee", "training_kind": "driving_licence", "licence": "C"},
     PRIVATE + ["training_kind", "licence"] + TRAINING[1:] + CEC + EMPLOYER),
    ({"status": "private_employee", "training_kind": "other"}, PRIVATE + ["training_kind"]),
    ({"status": "private_employee", "during_work_hours": False}, PRIVATE + TRAINING + CEC + ["during_work_hours"]),
    ({"status": "private_employee", "balance": None}, PRIVATE + ["years_worked"] + TRAINING + EMPLOYER),
    ({"status": "public_agent"}, ["status", "age", "consular_network", "public_category", "public_time", "diploma",
                                  "balance", "training_kind"]),
    ({"status": "public_agent", "public_category": "A"},
     ["status", "age", "consular_network", "public_category", "public_time", "balance", "training_kind"]),
    ({"status": "public_agent", "consular_network": True},
     ["status", "age", "consular_network"] + PRIVATE[2:] + NEITHER + CEC + EMPLOYER),
    ({"status": "self_employed"}, ["status", "age", "activity_months", "cfp_paid", "other_status", "balance"]
     + NO_EMPLOYER + CEC),
    ({"status": "job_seeker"}, ["status", "age", "other_status", "balance", "training_kind", "training_cost"] + CEC),
    ({"status": "esat_worker"}, ["status", "age", "balance"] + NO_C2P + CEC),
    # A pensioner below 67 with a reduced pension keeps usable rights (RULES.md section 1).
    ({"status": "retired"}, ["status", "age", "pension_full_rate", "balance"] + NO_EMPLOYER + CEC),
    ({"status": "retired", "pension_full_rate": True}, ["status", "age", "pension_full_rate"]),
    ({"status": "not_working"}, ["status", "worked_before"]),
    # Worked before: the account exists with the rights earned (L6323-2).
    ({"status": "not_working", "worked_before": True},
     ["status", "worked_before", "age", "other_status", "balance"] + NO_EMPLOYER + ["incapacity_retraining"] + CEC),
])
def test_only_relevant_questions_are_asked(overrides: dict[str, Any], expected: list[str]) -> None:
    answers = {**ANSWERS, **overrides}
    asked, reply = converse(answers)
    assert asked == expected
    assert reply.assessment is not None
    assert set(asked) == set(reply.assessment.relevant) - {"as_of"}


def test_consular_agents_are_in_hours_before_the_decree() -> None:
    answers = {**ANSWERS, "status": "public_agent", "consular_network": True}
    asked, reply = converse(answers, date(2025, 5, 2))
    assert "public_category" not in asked and "working_time" not in asked  # CONTRACT: category outside consular networks
    assert reply.assessment is not None and reply.assessment.unit == "hours"


@pytest.mark.parametrize("as_of", [date(2023, 6, 1), date(2024, 3, 1), date(2024, 6, 1), date(2025, 6, 1), date(2026, 6, 1)])
def test_every_path_ends_in_the_assessment_of_its_answers(as_of: date) -> None:
    paths = 0
    for steps, reply in walk(ENGINE, as_of):
        asked = [name for name, _, _ in steps]
        paths += 1
        assert len(asked) == len(set(asked)), f"a field asked twice: {asked}"
        assert reply.assessment is not None and reply.question is None
        assert reply.assessment == assess(reply.session.answers, as_of)
        assert not [f for f in reply.assessment.missing if f not in reply.session.skipped and f != "as_of"]
    assert paths > 100


def test_free_text_answers_in_both_languages() -> None:
    reply = say(ENGINE.start("en", AS_OF), "I am a private employee", "40 years", "yes, half time or more",
                "CAP ou BEP", "non", "1 200,50 €")
    assert reply.session.answers["status"] == "private_employee"
    assert reply.session.answers["age"] == 40
    assert reply.session.answers["working_time"] == "half_or_more"
    assert reply.session.answers["diploma"] == "cap_bep"
    assert reply.session.answers["disability_boe"] is False
    assert str(reply.session.answers["balance"]) == "1200.50"


def test_invalid_answer_is_explained_and_changes_nothing() -> None:
    start = say(ENGINE.start("fr", AS_OF), "1")
    for text in ("beaucoup", "-3", "200", "", "x" * 5000):
        reply = ENGINE.step(start.session, Say(text))
        assert not reply.accepted
        assert reply.session == start.session
        assert reply.messages[0].kind == "error"
        assert reply.question is not None and reply.question.field == "age"


def test_dont_know_only_where_optional() -> None:
    at_age = say(ENGINE.start("fr", AS_OF), "1")
    assert ENGINE.step(at_age.session, Say("je ne sais pas")).messages[0].key == "answer.required"
    at_balance = say(at_age, "40", "1", "bac", "non")
    assert at_balance.question is not None and at_balance.question.field == "balance"
    unknown = say(at_balance, "I don't know")
    assert unknown.session.answers["balance"] is None
    assert unknown.question is not None and unknown.question.field == "years_worked"
    skipped = say(unknown, "je sais pas")
    assert "years_worked" in skipped.session.skipped
    assert skipped.question is not None and skipped.question.field == "training_kind"


@pytest.mark.parametrize(("lang", "status", "dont_know"), [("fr", "retraité", "je ne sais pas"),
                                                       ("en", "retired", "I don't know")])
def test_a_retired_person_may_not_know_the_pension_rate(lang: str, status: str, dont_know: str) -> None:
    at_rate = say(ENGINE.start(lang, AS_OF), status, "63")
    assert at_rate.question is not None and at_rate.question.field == "pension_full_rate"
    result = say(at_rate, dont_know)
    assert result.accepted and result.question is None and "pension_full_rate" in result.session.skipped
    assert result.assessment is not None and result.assessment.account.reason == "pension_rate_unknown"


def test_back_returns_to_the_previous_question_and_keeps_later_answers() -> None:
    reply = say(ENGINE.start("fr", AS_OF), "1", "40", "1")
    back = say(reply, "retour")
    assert back.question is not None and back.question.field == "working_time"
    assert back.messages[-1].key == "dialog.current_answer"
    twice = say(back, "back")
    assert twice.question is not None and twice.question.field == "age"
    resumed = say(twice, "41")
    assert resumed.question is not None and resumed.question.field == "diploma"
    assert resumed.session.answers["working_time"] == "half_or_more"
    first = say(ENGINE.start("fr", AS_OF), "retour")
    assert not first.accepted and first.messages[0].key == "dialog.nothing_before"


def test_back_follows_the_order_of_the_questions_after_a_change() -> None:
    reply = say(ENGINE.start("fr", AS_OF), "salarié", "40", "oui", "modifier 1", "salarié")
    assert reply.question is not None and reply.question.field == "diploma"
    steps = [say(reply, *["retour"] * n).question for n in (1, 2, 3)]
    assert [q.field if q else None for q in steps] == ["working_time", "age", "status"]
    assert say(reply, "retour", "retour", "retour", "retour").messages[0].key == "dialog.nothing_before"


def test_change_drops_answers_that_no_longer_apply_and_asks_only_new_ones() -> None:
    asked, done = converse({**ANSWERS, "status": "private_employee"})
    summary = say(done, "résumé")
    lines = [m for m in summary.messages if m.key == "dialog.summary_line"]
    assert [m.params["number"] for m in lines] == list(range(1, len(asked) + 1))
    changed = say(done, "modifier 1", "demandeur d'emploi", "aucune")
    assert changed.question is None and changed.assessment is not None
    assert set(changed.session.answers) == {"status", "age", "other_status", "balance", "training_kind",
                                            "training_cost", "cec_balance"}
    assert changed.assessment.participation.exemption == "job_seeker"
    to_half = say(done, "change 3", "2")
    assert to_half.question is not None and to_half.question.field == "reference_basis"
    after = say(to_half, "1", "700", "non", "aucune")
    assert after.question is None and "diploma" not in after.session.answers
    assert not say(done, "modifier 99").accepted
    assert say(done, "modifier").messages[0].key == "dialog.change_which"


def test_restart_language_help_why_quit() -> None:
    reply = say(ENGINE.start("fr", AS_OF), "1", "40")
    english = say(reply, "lang en")
    assert english.session.lang == "en" and english.question is not None and english.question.field == "working_time"
    assert say(reply, "aide").messages[0].key == "help.working_time"
    why = say(reply, "pourquoi").messages[0]
    assert why.key == "why.working_time" and "rate" in why.params
    restarted = say(reply, "recommencer", "oui")
    assert restarted.session.answers == {} and restarted.question is not None and restarted.question.field == "status"
    ended = say(reply, "quitter")
    assert ended.ended and not say(ended, "1").accepted


@pytest.mark.parametrize(("lang", "words"), [("fr", "bonjour"), ("en", "hello there")])
def test_text_at_the_result_that_is_no_command_is_not_understood(lang: str, words: str) -> None:
    _, result = converse({"status": "not_working", "worked_before": False})
    reply = say(ENGINE.step(result.session, Command("lang", lang)), words)
    assert not reply.accepted and [m.key for m in reply.messages] == ["dialog.not_understood_at_result"]
    assert reply.session == ENGINE.step(result.session, Command("lang", lang)).session


def test_known_answers_are_not_asked_and_shown_as_the_agents() -> None:
    known = {"status": "job_seeker", "age": 30, "other_status": "none", "balance": 800}
    reply = ENGINE.start("fr", AS_OF, known)
    assert reply.question is not None and reply.question.field == "training_kind"
    summary = say(reply, "summary")
    sources = [m.params["source"].key for m in summary.messages if m.key == "dialog.summary_line"]
    assert sources == ["dialog.source.agent"] * 4
    restarted = say(reply, "restart")
    assert restarted.session.answers == known
    with pytest.raises(SituationError):
        ENGINE.start("fr", AS_OF, {"status": "boss"})


def test_session_round_trips_and_resumes() -> None:
    reply = say(ENGINE.start("fr", AS_OF), "1", "40", "1", "aucun")
    data = codec.encode(reply.session)
    restored = codec.decode(data)
    assert restored == reply.session
    resumed = ENGINE.resume(restored)
    assert resumed.question is not None and resumed.question.field == reply.question.field  # type: ignore[union-attr]
    older = ENGINE.resume(codec.decode({**data, "dialogue_version": 0}))
    assert older.messages[0].key == "dialog.version_changed"


def test_one_machine_without_a_model_whatever_the_sessions() -> None:
    for _ in range(50):
        converse({**ANSWERS, "status": "not_working"})
    assert ENGINE.machine.machine.models == []  # sessions are data: nothing is added per session


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | st.sampled_from(["[/]", "\x1b[31m", "{status}", "modifier -1", "langue xx", "\x00\r\n"]))
def test_no_text_crashes_and_rejected_input_changes_nothing(text: str) -> None:
    reply = say(ENGINE.start("fr", AS_OF), "1")
    after = ENGINE.step(reply.session, Say(text))
    if not after.accepted:
        assert after.session == reply.session


@settings(max_examples=100, deadline=None)
@given(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.lists(st.integers()))
def test_no_structured_answer_crashes(value: object) -> None:
    reply = say(ENGINE.start("fr", AS_OF), "1")
    after = ENGINE.step(reply.session, Answer(value))
    if not after.accepted:
        assert after.session == reply.session
    assert ENGINE.step(reply.session, Command("nonsense")).accepted is False


@pytest.mark.parametrize("text", ["1 85 05 78 006 084 36", "mon numéro est 2.85.05.2A.006.084", "185057800608436"])
def test_a_social_security_number_is_refused_and_never_kept(text: str) -> None:
    at_balance = ENGINE.start("fr", AS_OF, {"status": "job_seeker", "age": 30})
    refused = ENGINE.step(at_balance.session, Say(text))
    assert not refused.accepted and refused.session == at_balance.session
    assert refused.messages[0].key == "answer.no_social_security_number"
    assert "006" not in json.dumps(codec.encode(refused.session))


@pytest.mark.parametrize(("field_answers", "text", "value"), [
    ([], "salariée", "private_employee"), ([], "au chômage", "job_seeker"), ([], "auto-entrepreneur", "self_employed"),
    ([], "retraitée", "retired"), ([], "unemployed", "job_seeker"), ([], "CDI", "private_employee"),
    (["1", "40"], "temps plein", "half_or_more"), (["1", "40"], "full time", "half_or_more"),
    (["1", "40", "1"], "BTS", "higher"), (["1", "40", "1"], "sans diplôme", "none"),
])
def test_synonyms_from_the_catalogs_pick_choices(field_answers: list[str], text: str, value: str) -> None:
    reply = say(ENGINE.start("fr", AS_OF), *field_answers)
    assert reply.question is not None
    after = say(reply, text)
    assert after.accepted and after.session.answers[reply.question.field] == value


def test_a_word_shared_by_two_choices_is_ambiguous() -> None:
    reply = say(ENGINE.start("fr", AS_OF), "France Travail")
    assert not reply.accepted and reply.messages[0].key == "answer.ambiguous_choice"


# --- how typed answers are read and confirmed (issue 12) -----------------------------------

AT_BALANCE = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
              "disability_boe": False}
AT_COST = {**AT_BALANCE, "balance": 1000, "training_kind": "certification", "cofunding": "none"}
AT_START = {**AT_COST, "training_cost": 1500, "uses_c2p": False, "incapacity_retraining": False,
            "cec_balance": 0, "during_work_hours": True}


def text(reply: Reply) -> str:
    from bot.i18n import translator
    from bot.render.reply import reply_lines

    return "\n".join(reply_lines(reply, ENGINE.dialogue, translator(reply.session.lang)))


def at(lang: str, known: dict[str, Any], field: str) -> Reply:
    reply = ENGINE.start(lang, AS_OF, known)
    assert reply.question is not None and reply.question.field == field
    return reply


@pytest.mark.parametrize(("lang", "field", "known", "typed", "echo"), [
    ("fr", "status", {}, "1", "→ Salarié du secteur privé"),
    ("en", "status", {}, "1", "→ Private-sector employee"),
    ("fr", "balance", AT_BALANCE, "1 200,50", "→ 1\u202f200,50\u00a0€"),
    ("en", "balance", AT_BALANCE, "1,200.50", "→ €1,200.50"),
    ("fr", "training_start", AT_START, "3/7/2026", "→ 3 juillet 2026"),
    ("en", "training_start", AT_START, "3/7/2026", "→ 3 July 2026"),
    ("en", "training_start", AT_START, "07/23/2026", "→ 23 July 2026"),
    ("fr", "balance", AT_BALANCE, "je ne sais pas", "→ je ne sais pas"),
    ("en", "balance", AT_BALANCE, "I don't know", "→ I don't know"),
])
def test_every_typed_answer_is_echoed_as_it_was_read(lang: str, field: str, known: dict[str, Any],
                                                     typed: str, echo: str) -> None:
    reply = say(at(lang, known, field), typed)
    assert reply.accepted and field in reply.session.answers or field in reply.session.skipped
    assert echo in text(reply).split("\n")


@pytest.mark.parametrize(("lang", "typed", "asked", "no"), [
    ("fr", "1,200", "Cela peut se lire 1,20\u00a0€ ou 1\u202f200\u00a0€. Est-ce bien 1,20\u00a0€\u00a0?", "non"),
    ("en", "1.200", "This can be read as €1.20 or €1,200. Did you mean €1.20?", "no"),
])
def test_an_ambiguous_separator_is_confirmed_before_anything_is_recorded(lang: str, typed: str, asked: str,
                                                                        no: str) -> None:
    start = at(lang, AT_BALANCE, "balance")
    pending = say(start, typed)
    assert pending.accepted and "balance" not in pending.session.answers
    assert text(pending).split("\n")[-1].startswith(asked)  # the confirmation ends the reply
    assert pending.confirmation is not None and pending.question is not None
    assert say(pending, "o").session.answers["balance"] == Decimal("1.2")
    assert say(pending, "nope" if lang == "en" else "nan").session.answers["balance"] == 1200
    assert say(pending, no).session.answers["balance"] == 1200
    assert say(pending, "1200").session.answers["balance"] == 1200  # a reading typed plainly
    assert ENGINE.step(pending.session, Answer(False)).session.answers["balance"] == 1200
    assert ENGINE.step(pending.session, Answer(1.2)).session.answers["balance"] == Decimal("1.2")  # a reading
    assert not ENGINE.step(pending.session, Answer("1200")).accepted
    assert say(pending, "1500").session.answers["balance"] == 1500  # another number: the person corrected it
    for other in ("peut-être", typed, "-5"):  # anything else: refused, still pending
        refused = say(pending, other)
        assert not refused.accepted and refused.session == pending.session
        assert text(refused).split("\n")[-1].startswith(asked)
    helped = say(pending, "help")
    assert helped.session == pending.session and text(helped).split("\n")[-1].startswith(asked)
    cancelled = say(pending, "back" if lang == "en" else "retour")
    assert cancelled.session.confirming is None and "balance" not in cancelled.session.answers


@pytest.mark.parametrize(("lang", "typed", "no", "cap"), [
    ("fr", "10,000", "non", "5\u202f000\u00a0€"), ("en", "10.000", "no", "€5,000"),
])
def test_the_reading_chosen_of_an_amount_is_still_checked_against_the_cap(lang: str, typed: str, no: str,
                                                                         cap: str) -> None:
    """"10.000" read as ten thousand, once chosen, is above the cap: confirmed in turn."""
    chosen = say(at(lang, AT_BALANCE, "balance"), typed, no)
    assert "balance" not in chosen.session.answers and chosen.confirmation is not None
    assert chosen.session.confirming is not None and chosen.session.confirming.kind == "plausible"
    assert cap in text(chosen).split("\n")[-1]
    assert say(chosen, "yes" if lang == "en" else "oui").session.answers["balance"] == 10000
    assert say(say(at(lang, AT_BALANCE, "balance"), typed), "10000").session.confirming is not None  # typed plainly


@pytest.mark.parametrize(("lang", "cap", "source"), [
    ("fr", "5\u202f000\u00a0€", "(Code du travail : art. R6323-1 I)"),
    ("en", "€5,000", "(Labour Code (Code du travail), art. R6323-1 I)"),
])
def test_a_balance_above_the_cap_is_confirmed_naming_the_cap_and_its_source(lang: str, cap: str, source: str) -> None:
    pending = say(at(lang, AT_BALANCE, "balance"), "9000")
    said = text(pending).split("\n")[-1]
    assert "balance" not in pending.session.answers and cap in said and source in " ".join(said.split())
    kept = say(pending, "yes")
    assert kept.session.answers["balance"] == 9000 and kept.question is not None and kept.question.field != "balance"
    dropped = say(pending, "no")
    assert "balance" not in dropped.session.answers and dropped.question is not None
    assert dropped.question.field == "balance" and dropped.confirmation is None
    assert say(at(lang, AT_BALANCE, "balance"), "5000").session.answers["balance"] == 5000  # the cap itself
    corrected = say(pending, "4000")  # the balance typed again, rightly: recorded, no question about the first
    assert corrected.session.answers["balance"] == 4000 and corrected.session.confirming is None
    assert corrected.question is not None and corrected.question.field != "balance"
    again = say(pending, "12000")  # typed again, still above the cap: that one is confirmed
    assert again.session.confirming is not None and again.session.confirming.readings == (12000,)
    refused = say(pending, "-5")
    assert not refused.accepted and refused.session == pending.session
    assert ENGINE.step(at(lang, AT_BALANCE, "balance").session, Answer(9000)).session.answers["balance"] == 9000


@pytest.mark.parametrize(("lang", "asked"), [("fr", "Une formation à 0\u00a0€"), ("en", "A course costing €0")])
def test_a_training_at_no_cost_is_confirmed(lang: str, asked: str) -> None:
    pending = say(at(lang, AT_COST, "training_cost"), "0")
    assert text(pending).split("\n")[-1].startswith(asked) and "training_cost" not in pending.session.answers
    assert say(pending, "oui").session.answers["training_cost"] == 0
    assert "training_cost" not in say(pending, "non").session.answers
    assert say(pending, "1500").session.answers["training_cost"] == 1500  # the price typed instead of "no"


@pytest.mark.parametrize(("lang", "restart", "asked", "no"), [
    ("fr", "recommencer", "Recommencer depuis le début\u00a0?", "non"),
    ("en", "restart", "Start again from the beginning?", "no"),
])
def test_a_typed_restart_asks_first_and_no_leaves_everything_as_it_was(lang: str, restart: str, asked: str,
                                                                      no: str) -> None:
    reply = say(ENGINE.start(lang, AS_OF), "1", "40")
    pending = say(reply, restart)
    assert text(pending).split("\n")[-1].startswith(asked) and pending.session.answers == reply.session.answers
    kept = say(pending, no)
    assert kept.session.answers == reply.session.answers and kept.session.state == reply.session.state
    assert kept.session.confirming is None and kept.question == reply.question
    assert say(pending, "y" if lang == "en" else "o").session.answers == {}
    assert not say(pending, "1").accepted
    # A program's command has been decided: it starts again at once (the contract).
    assert ENGINE.step(reply.session, Command("restart")).session.answers == {}


@pytest.mark.parametrize(("lang", "back", "hint"), [("fr", "retour", "Appuyez sur Entrée pour la garder."),
                                                     ("en", "back", "Press Enter to keep it.")])
def test_enter_after_back_keeps_the_current_answer(lang: str, back: str, hint: str) -> None:
    reply = say(ENGINE.start(lang, AS_OF), "1", "40")
    returned = say(reply, back)
    assert hint in text(returned) and returned.question is not None and returned.question.field == "age"
    kept = say(returned, "")
    assert kept.accepted and kept.session.answers == reply.session.answers and kept.question == reply.question
    assert not say(ENGINE.start(lang, AS_OF), "").accepted  # nothing to keep at a new question


@pytest.mark.parametrize(("lang", "typed", "said"), [
    ("fr", "je ne sais pas", "À 52 ans, on ne peut pas avoir travaillé plus de 38\u00a0ans"),
    ("en", "I don't know", "At 52, nobody can have worked more than 38\u00a0years"),
])
def test_more_years_worked_than_the_age_allows_are_refused(lang: str, typed: str, said: str) -> None:
    asked = say(ENGINE.start(lang, AS_OF), "5", "52", "none" if lang == "en" else "aucune", typed)
    assert asked.question is not None and asked.question.field == "years_worked"
    refused = say(asked, "50")
    assert not refused.accepted and refused.session == asked.session and said in text(refused)
    assert not ENGINE.step(asked.session, Answer(50)).accepted
    assert say(asked, "38").session.answers["years_worked"] == 38


@pytest.mark.parametrize(("lang", "field", "example"), [
    ("fr", "age", "J'attends un âge en années, par exemple 42."),
    ("en", "age", "I expect an age in years, for example 42."),
    ("fr", "annual_hours", "J'attends un nombre d'heures"), ("en", "annual_hours", "I expect a number of hours"),
    ("fr", "activity_months", "J'attends un nombre de mois"), ("en", "activity_months", "I expect a number of months"),
    ("fr", "package_days", "J'attends un nombre de jours"), ("en", "package_days", "I expect a number of days"),
    ("fr", "c2p_points", "J'attends un nombre de points"), ("en", "c2p_points", "I expect a number of points"),
    ("fr", "years_worked", "J'attends un nombre d'années"), ("en", "years_worked", "I expect a number of years"),
    ("fr", "balance", "J'attends un montant, par exemple 1\u202f200"), ("en", "balance", "I expect an amount"),
])
def test_the_number_error_gives_an_example_that_fits_the_question(lang: str, field: str, example: str) -> None:
    session = ENGINE.start(lang, AS_OF).session
    session = ENGINE.move(session, "revisit", field)
    refused = say(ENGINE.same(session, []), "beaucoup")
    assert not refused.accepted and example in text(refused)


PRIVATE_RESULT = {**ANSWERS, "status": "private_employee"}


@pytest.mark.parametrize(("lang", "retired", "employee", "given_back"), [
    ("fr", "retraité", "salarié du privé", "réponses données plus tôt s'appliquent de nouveau"),
    ("en", "retired", "private-sector employee", "answers you gave earlier apply again"),
])
def test_a_status_changed_and_back_after_the_result_keeps_what_applies(lang: str, retired: str, employee: str,
                                                                       given_back: str) -> None:
    """At the result, "change 1" to a status that needs few answers sets the others aside
    (they leave the result and its summary); changing back gives them back, saying so."""
    _, done = converse(PRIVATE_RESULT)
    done = ENGINE.step(done.session, Command("lang", lang))
    retiree = say(done, "change 1", retired, "yes" if lang == "en" else "oui")
    assert retiree.question is None and set(retiree.session.answers) == {"status", "age", "pension_full_rate"}
    assert retiree.session.set_aside["balance"] == 1000
    back = say(retiree, "change 1", employee)
    assert back.question is None and back.session.answers == done.session.answers
    assert given_back in text(back) and back.session.set_aside == {"pension_full_rate": True}
    assert codec.decode(json.loads(json.dumps(codec.encode(retiree.session)))) == retiree.session
    assert ENGINE.step(back.session, Command("restart")).session.set_aside == {}


def test_an_i_dont_know_set_aside_is_given_back_too() -> None:
    """A question skipped with "I don't know" is set aside with the answers, and not asked
    again when it applies again."""
    reply = ENGINE.start("fr", AS_OF)
    while reply.question is not None:
        field = reply.question.field
        reply = say(reply, "je ne sais pas") if field == "uses_c2p" else \
            ENGINE.step(reply.session, Answer(PRIVATE_RESULT[field]))
        assert reply.accepted, field
    assert "uses_c2p" in reply.session.skipped
    retiree = say(reply, "modifier 1", "retraité", "oui")
    assert retiree.session.set_aside_skipped == ("uses_c2p",) and "uses_c2p" not in retiree.session.skipped
    assert codec.decode(json.loads(json.dumps(codec.encode(retiree.session)))) == retiree.session
    back = say(retiree, "modifier 1", "salarié du privé")
    assert back.question is None and "uses_c2p" in back.session.skipped and back.session.set_aside_skipped == ()
    assert back.session.answers == reply.session.answers


def test_an_answer_set_aside_is_not_given_back_in_another_unit() -> None:
    """A balance set aside in euros is asked again when the account now counts in hours, and
    stays set aside in euros: given back when a status counting in euros applies again."""
    _, done = converse(PRIVATE_RESULT)
    retiree = say(done, "modifier 1", "retraité", "oui")
    agent = say(retiree, "modifier 1", "agent public")
    assert agent.session.set_aside["balance"] == 1000 and agent.session.set_aside_unit == "EUR"
    assert "balance" not in agent.session.answers
    assert codec.decode(json.loads(json.dumps(codec.encode(agent.session)))) == agent.session
    while agent.question is not None and agent.question.field != "balance":
        agent = ENGINE.step(agent.session, Answer(ANSWERS[agent.question.field]))
    assert agent.question is not None and agent.question.field == "balance"
    back = say(agent, "modifier 1", "salarié du privé")
    assert back.question is None and back.session.answers == done.session.answers
    assert back.session.set_aside_unit == "" and "balance" not in back.session.set_aside


@pytest.mark.parametrize("damaged", [{"age": "old"}, {"age": 40}, {"nothing": 1}, [], {"as_of": "2026-06-01"}])
def test_a_damaged_set_aside_is_refused_by_the_codec(damaged: Any) -> None:
    _, done = converse(PRIVATE_RESULT)
    data = codec.encode(say(done, "modifier 1", "retraité", "oui").session)
    with pytest.raises(codec.SessionFormatError):
        codec.decode({**data, "set_aside": damaged})


@pytest.mark.parametrize("damaged", ["euros", 1, None, ["EUR"]])
def test_a_damaged_set_aside_unit_is_refused_by_the_codec(damaged: Any) -> None:
    _, done = converse(PRIVATE_RESULT)
    data = codec.encode(say(done, "modifier 1", "agent public").session)
    assert data["set_aside_unit"] == "EUR"
    with pytest.raises(codec.SessionFormatError):
        codec.decode({**data, "set_aside_unit": damaged})


def test_a_pending_confirmation_is_kept_by_the_codec_and_a_damaged_one_refused() -> None:
    pending = say(at("fr", AT_BALANCE, "balance"), "1,200")
    data = codec.encode(pending.session)
    assert codec.decode(json.loads(json.dumps(data))) == pending.session
    resumed = ENGINE.resume(codec.decode(data))
    assert resumed.confirmation is not None and text(resumed).split("\n")[-1].startswith("Cela peut se lire")
    assert say(resumed, "non").session.answers["balance"] == 1200
    for damaged in ({"kind": "amount", "field": "balance", "readings": [1]}, {"kind": "maybe"},
                    {"kind": "restart", "field": "age", "readings": []},
                    {"kind": "plausible", "field": "balance", "readings": [-5]}):
        with pytest.raises(codec.SessionFormatError):
            codec.decode({**data, "confirming": damaged})


@pytest.mark.parametrize(("lang", "order", "ambiguous", "read"), [
    ("fr", "01/09/2026\u00a0: le jour d'abord, puis le mois", "03/07/2026", "→ 3 juillet 2026"),
    ("en", "01/09/2026: day first, as in the UK", "03/07/2026", "→ 3 July 2026"),
])
def test_the_date_help_says_the_order_and_a_numeric_date_is_read_in_it(lang: str, order: str, ambiguous: str,
                                                                        read: str) -> None:
    asked = at(lang, AT_START, "training_start")
    assert order in text(say(asked, "help" if lang == "en" else "aide"))
    assert read in text(say(asked, ambiguous)).split("\n")
    us_date = say(asked, "07/23/2026")
    assert us_date.accepted is (lang == "en")  # read month first only where English is written so


def test_enter_at_an_advisers_answer_keeps_it_as_the_advisers() -> None:
    reply = ENGINE.start("en", AS_OF, {"status": "job_seeker"})
    changed = say(reply, "change 1")
    kept = say(changed, "")
    assert kept.accepted and kept.session.sources == {"status": "agent"} and "→ Job seeker" in text(kept)
AGENT = {"status": "public_agent", "age": 40, "consular_network": False, "public_category": "A",
         "public_time": "full_time"}
IN_HOURS = {"fr": ("Combien d'heures", "en heures"), "en": ("How many hours", "in hours")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_public_agent_is_asked_the_balance_in_hours_and_read_in_hours(lang: str) -> None:
    """The agent's account is in hours: the question, its help and its kind say so
    (every channel shows `reply.question`), and "120 h" is 120 hours, not a sum of money."""
    import bot

    chat = bot.start(lang=lang, date=AS_OF.isoformat(), known=AGENT)
    question, in_help = IN_HOURS[lang]
    assert chat.question["id"] == "balance" and chat.question["kind"] == "number"
    assert question in chat.question["text"]
    assert in_help in chat.command("help")["messages"][0]["text"]
    assert chat.say("120 h")["ok"]
    assert chat.to_dict()["answers"]["balance"] == 120
    summary = " ".join(m["text"] for m in chat.command("summary")["messages"])
    assert ("120\u202fh" in summary or "120\u00a0h" in summary) and "€" not in summary


@pytest.mark.parametrize("known", [{"status": "private_employee", "age": 40, "working_time": "half_or_more",
                                    "diploma": "bac", "disability_boe": False},
                                   {**AGENT, "consular_network": True, "working_time": "half_or_more",
                                    "diploma": "bac", "disability_boe": False}])
def test_a_euro_account_is_still_asked_a_sum_of_money(known: dict[str, Any]) -> None:
    """A private employee, and a consular agent since 3 May 2025, have rights in euros."""
    reply = ENGINE.start("en", AS_OF, known)
    assert reply.question is not None and reply.question.field == "balance"
    assert reply.question.kind == "money" and reply.question.key("question") == "question.balance"


EMPLOYEE = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "disability_boe": False,
            "balance": 1000, "cofunding": "none", "training_cost": 1500, "during_work_hours": False}
DONT_KNOW = {"fr": "je ne sais pas", "en": "I don't know"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("known", "field", "code"), [
    ({**EMPLOYEE, "training_kind": "certification"}, "uses_c2p", "participation.c2p_unknown"),
    ({**EMPLOYEE, "training_kind": "certification", "uses_c2p": False}, "incapacity_retraining",
     "participation.incapacity_unknown"),
    ({**EMPLOYEE, "balance": 0, "training_kind": "certification", "uses_c2p": True}, "c2p_points",
     "funding.c2p_points_unknown"),
    ({**EMPLOYEE, "diploma": "none", "training_kind": "certification", "uses_c2p": False,
      "incapacity_retraining": False}, "low_qualification_declared", "credit.low_qualification_unknown"),
    ({**EMPLOYEE, "diploma": "bac", "training_kind": "driving_licence", "licence": "B"}, "holds_licence",
     "training.holds_licence_unknown_conditions"),
])
def test_i_dont_know_gives_what_each_case_would_give(lang: str, known: dict[str, Any], field: str, code: str) -> None:
    """C2P points, the incapacity top-up, a declared low qualification, a licence held: "I don't
    know" is accepted, never asked again, and the result says what each answer would give."""
    reply = ENGINE.start(lang, AS_OF, known)
    while reply.question is not None and reply.question.field != field:
        reply = ENGINE.step(reply.session, Answer(ANSWERS[reply.question.field]))
    assert reply.question is not None and reply.question.optional
    reply = ENGINE.step(reply.session, Say(DONT_KNOW[lang]))
    assert reply.accepted and field in reply.session.skipped
    while reply.question is not None:
        assert reply.question.field != field
        reply = ENGINE.step(reply.session, Answer(ANSWERS[reply.question.field]))
    assert reply.assessment is not None
    assert code in [e.code for e in reply.assessment.explanations]


@pytest.mark.parametrize(("status", "c2p", "incapacity"), [
    ("private_employee", True, True), ("apprentice", True, True), ("esat_worker", False, True),
    ("self_employed", False, False), ("retired", False, False),
])
def test_c2p_and_incapacity_are_asked_only_of_whom_they_concern(status: str, c2p: bool, incapacity: bool) -> None:
    """The C2P is a private-law employee's; the incapacity top-up follows an employee's work accident."""
    asked, _ = converse({**ANSWERS, "status": status, "age": 40, "training_kind": "certification"})
    assert ("uses_c2p" in asked, "incapacity_retraining" in asked) == (c2p, incapacity)


DEADLINE = {"fr": ("au plus tard le 3 juillet 2026", "avant le 3 juillet"),
            "en": ("by 3 July 2026 at the latest", "before 3 July")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_employer_deadline_has_one_wording_and_one_date(lang: str) -> None:
    """60 days before a 1 September start is 3 July: the last day to ask (D6323-4), said the
    same way in the result box, the explanation and the next step; never "before 3 July"."""
    import bot

    chat = bot.start(lang=lang, date="2026-06-01", known={**EMPLOYEE, "diploma": "bac", "training_kind": "certification",
                                                          "uses_c2p": False, "incapacity_retraining": False,
                                                          "during_work_hours": True, "cec_balance": 0})
    chat.answer("2026-09-01")
    result = chat.answer(3)
    said = [m["text"] for m in result["messages"]] + [m["text"] for m in chat.command("why")["messages"]]
    assessment = bot.assess({**EMPLOYEE, "diploma": "bac", "training_kind": "certification", "during_work_hours": True,
                             "training_start": "2026-09-01", "training_months": 3}, date="2026-06-01", lang=lang)
    said += [s["text"] for s in assessment["next_steps"]]
    wording, wrong = DEADLINE[lang]
    mentions = [text for text in said if "3 juillet" in text or "3 July" in text]
    assert len(mentions) >= 3, said
    assert all(wording in " ".join(text.split()) for text in mentions), mentions
    assert not any(wrong in text for text in mentions)


@pytest.mark.parametrize(("lang", "on", "opening"), [
    ("fr", date(2026, 6, 1), "Depuis le 3 mai 2025"), ("en", date(2026, 6, 1), "Since 3 May 2025"),
    ("fr", date(2025, 3, 1), "À partir du 3 mai 2025"), ("en", date(2025, 3, 1), "From 3 May 2025"),
])
def test_why_says_since_a_date_in_force_and_from_one_to_come(lang: str, on: date, opening: str) -> None:
    reply = ENGINE.start(lang, on, {"status": "public_agent", "age": 40})
    assert reply.question is not None and reply.question.field == "consular_network"
    why = ENGINE.step(reply.session, Command("why"))
    text = " ".join(said_texts(lang, why))
    assert text.startswith(opening), text


def said_texts(lang: str, reply: Reply) -> list[str]:
    from bot.i18n import translator
    from bot.render.reply import reply_messages

    return [" ".join(text.split()) for _, text in reply_messages(reply, ENGINE.dialogue, translator(lang))]


@pytest.mark.parametrize(("lang", "no"), [("fr", "non"), ("en", "no"), ("en", "nope")])
def test_no_answers_a_question_that_asks_if_so_how_much(lang: str, no: str) -> None:
    """"Do you have CEC rights? If so, how much?": "no" is 0; at another amount it is refused."""
    from bot.dialogue.interpret import Value, interpret

    questions = ENGINE.dialogue.questions
    assert interpret(no, lang, questions["cec_balance"]) == Value(0)
    assert not isinstance(interpret(no, lang, questions["balance"]), Value)


@pytest.mark.parametrize(("lang", "yes", "asked"), [("fr", "oui", "Combien ?"), ("en", "yes", "How much?")])
def test_yes_to_if_so_how_much_asks_how_much(lang: str, yes: str, asked: str) -> None:
    from bot.dialogue.interpret import Refused, interpret

    found = interpret(yes, lang, ENGINE.dialogue.questions["cec_balance"])
    assert isinstance(found, Refused) and found.code == "how_much"
    from bot.i18n import translator
    assert translator(lang).text("answer.how_much").startswith(asked)


@pytest.mark.parametrize(("lang", "past", "said"), [
    ("fr", "1/5/2026", "Cette date est passée : indiquez un début de formation à partir du 1er juin 2026, "
                       "par exemple 1er septembre 2026 ou 01/09/2026."),
    ("en", "1/5/2026", "That date has passed: give a start date for the course on or after 1 June 2026, "
                       "for example 1 September 2026 or 01/09/2026."),
])
def test_a_start_before_the_rules_date_is_refused_typed_or_sent(lang: str, past: str, said: str) -> None:
    start = at(lang, {**AT_START, "during_work_hours": True}, "training_start")
    refused = say(start, past)
    assert not refused.accepted and refused.session == start.session and said in " ".join(text(refused).split())
    sent = ENGINE.step(start.session, Answer("2026-05-01"))
    assert not sent.accepted and sent.session == start.session
    assert say(start, "1/6/2026").session.answers["training_start"] == AS_OF  # the rules date itself is a plan


@pytest.mark.parametrize(("lang", "words"), [("fr", "certification de langue"), ("en", "a language certification")])
def test_language_words_in_an_answer_are_an_answer_not_a_switch(lang: str, words: str) -> None:
    asked = say(at(lang, AT_BALANCE, "balance"), "1000")
    course = say(asked, "language course")  # not "Which language?": the choices, as for any unknown one
    assert not course.accepted and course.messages[0].key == "answer.unknown_choice"
    assert course.session.lang == lang
    assert say(asked, words).session.answers["training_kind"] == "rs_certification"


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "Votre compte ne se compte plus dans la même unité (euros ou heures) : je vous redemanderai son solde."),
    ("en", "Your account is no longer counted in the same unit (euros or hours): I will ask for its balance again."),
])
def test_a_balance_is_asked_again_when_the_status_changes_its_unit(lang: str, said: str) -> None:
    employee = say(at(lang, AT_BALANCE, "balance"), "1000")
    assert employee.session.answers["balance"] == 1000
    agent = say(employee, "change 1" if lang == "en" else "modifier 1", "3")
    assert said in text(agent) and "balance" not in agent.session.answers
    back = say(employee, "change 1" if lang == "en" else "modifier 1", "1")  # same unit: kept
    assert back.session.answers["balance"] == 1000 and said not in text(back)
    # Issue 12: a status changed to one counting in hours and back lost the balance in euros.
    again = say(agent, "change 1" if lang == "en" else "modifier 1", "1")
    assert again.session.answers["balance"] == 1000 and said not in text(again)
    assert ("1 answer you gave earlier applies again" if lang == "en" else "1 réponse donnée plus tôt s'applique de nouveau") in text(again)


def test_a_status_changed_and_back_keeps_the_answers_that_still_apply() -> None:
    """Issue 12: "change 1" to another status and back asked everything again."""
    reply = say(ENGINE.start("en", AS_OF), "3", "45", "no", "C", "1", "120")
    agent = {k: v for k, v in reply.session.answers.items()}
    detour = say(reply, "change 1", "5")  # a job seeker: the agent's answers do not apply...
    assert "public_category" not in ENGINE.summary_fields(detour.session)
    again = say(detour, "change 1", "3")  # ...and apply again, not asked again
    assert {k: again.session.answers.get(k) for k in agent} == agent
    assert again.question is not None and again.question.field not in agent


@pytest.mark.parametrize(("lang", "echo"), [("fr", "→ 24\u202fh"), ("en", "→ 24\u00a0h")])
def test_a_number_of_hours_is_echoed_in_hours(lang: str, echo: str) -> None:
    session = ENGINE.move(ENGINE.start(lang, AS_OF).session, "revisit", "accompaniment_hours")
    reply = say(ENGINE.same(session, []), "24")
    assert echo in text(reply).split("\n")



@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_employer_is_offered_as_a_co_funder_only_to_whom_has_one(lang: str) -> None:
    """A newcomer saw "Yes, my employer or the OPCO" offered to a self-employed person."""
    known = {"status": "self_employed", "age": 45, "activity_months": 12, "cfp_paid": True, "other_status": "none",
             "balance": 300, "training_kind": "driving_licence", "licence": "B", "holds_licence": False}
    asked = ENGINE.start(lang, AS_OF, known)
    assert asked.question is not None and asked.question.field == "cofunding"
    assert asked.question.choices == ("none", "faf", "public")  # their FAF, never an employer
    assert not ENGINE.step(asked.session, Answer("employer")).accepted
    assert not say(asked, "4").accepted and say(asked, "3").session.answers["cofunding"] == "public"
    employee = ENGINE.start(lang, AS_OF, {**AT_BALANCE, "balance": 300, "training_kind": "driving_licence",
                                          "licence": "B", "holds_licence": False})
    assert employee.question is not None and employee.question.choices == ("none", "employer", "public")


AGENT_AT_LICENCE = {"status": "public_agent", "age": 40, "consular_network": False, "public_category": "B",
                    "public_time": "full_time", "balance": 100, "training_kind": "driving_licence", "licence": "B",
                    "holds_licence": False}


@pytest.mark.parametrize(("lang", "labels", "administration"), [
    ("fr", ["Non, personne d'autre", "Oui, mon administration", "Oui, un autre financeur public (État, région)"],
     "mon administration"),
    ("en", ["No, nobody else", "Yes, my administration", "Yes, another public funder (State, region)"],
     "my administration"),
])
def test_a_public_agent_is_offered_the_public_sector_s_co_funders_and_no_opco(
        lang: str, labels: list[str], administration: str) -> None:
    """A newcomer saw "Yes, my employer or the OPCO" offered to a public agent, and "OPCO" taken
    as the administration: an agent's employer is the administration, and there is no OPCO."""
    asked = ENGINE.start(lang, AS_OF, AGENT_AT_LICENCE)
    assert asked.question is not None and asked.question.field == "cofunding"
    shown = text(asked)
    for label in labels:
        assert label in shown
    assert "OPCO" not in shown
    help_text = text(say(asked, "aide" if lang == "fr" else "help"))
    assert "OPCO" not in help_text
    refused = say(asked, "OPCO")
    assert not refused.accepted and refused.session == asked.session
    assert [m.key for m in refused.messages if m.kind == "error"] == ["answer.unknown_choice"]
    chosen = say(asked, administration)
    assert chosen.session.answers["cofunding"] == "employer"
    assert f"→ {labels[1]}" in text(chosen).split("\n")  # the echo, in the agent's words
    summary = text(say(chosen, "résumé" if lang == "fr" else "summary"))
    assert labels[1] in summary and "OPCO" not in summary


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_employee_still_names_the_employer_or_the_opco(lang: str) -> None:
    employee = ENGINE.start(lang, AS_OF, {**AT_BALANCE, "balance": 300, "training_kind": "driving_licence",
                                          "licence": "B", "holds_licence": False})
    assert "OPCO" in text(employee)
    assert say(employee, "OPCO").session.answers["cofunding"] == "employer"


# The co-funding question as each status without an employer and an OPCO is asked it
# (RULES.md section 7): its own choices, labels, help and words.
AT_LICENCE = {"balance": 300, "training_kind": "driving_licence", "licence": "B", "holds_licence": False}
WITHOUT_EMPLOYER = {
    "self_employed": {"status": "self_employed", "age": 45, "activity_months": 12, "cfp_paid": True,
                      "other_status": "none", **AT_LICENCE},
    "esat_worker": {"status": "esat_worker", "age": 40, **AT_LICENCE},
    "retired": {"status": "retired", "age": 62, "receives_pension": True, "pension_full_rate": False, **AT_LICENCE},
    "not_working": {"status": "not_working", "age": 40, "worked_before": True, "other_status": "none", **AT_LICENCE},
}
OWN_CO_FUNDERS = {
    ("self_employed", "fr"): (["Oui, mon fonds d'assurance formation (FAF)", "Oui, un financeur public (région, État, France Travail)"],
                              "Votre fonds d'assurance formation (FAF)", "FAF", "faf"),
    ("self_employed", "en"): (["Yes, my training insurance fund (FAF)", "Yes, a public funder (region, State, France Travail)"],
                              "Your training insurance fund (FAF)", "FAF", "faf"),
    ("esat_worker", "fr"): (["Oui, mon ESAT", "Oui, un financeur public (région, État, Agefiph)"], "Votre ESAT",
                            "mon ESAT", "employer"),
    ("esat_worker", "en"): (["Yes, my ESAT", "Yes, a public funder (region, State, Agefiph)"], "Your ESAT",
                            "my ESAT", "employer"),
    ("retired", "fr"): (["Oui, un financeur public (région, État)"], "Un financeur public : la région", "région", "public"),
    ("retired", "en"): (["Yes, a public funder (region, State)"], "A public funder: the region", "region", "public"),
    ("not_working", "fr"): (["Oui, un financeur public (région, État)"], "Un financeur public : la région", "État", "public"),
    ("not_working", "en"): (["Yes, a public funder (region, State)"], "A public funder: the region", "state", "public"),
}


@pytest.mark.parametrize(("status", "lang"), list(OWN_CO_FUNDERS))
def test_whom_has_no_employer_and_no_opco_is_asked_of_their_own_co_funders(status: str, lang: str) -> None:
    """A self-employed person was asked about co-funding with "The employer or the OPCO…" as
    help; people not working too. Each status sees the co-funders it can have, and its own help."""
    labels, help_start, word, value = OWN_CO_FUNDERS[(status, lang)]
    asked = ENGINE.start(lang, AS_OF, WITHOUT_EMPLOYER[status])
    assert asked.question is not None and asked.question.field == "cofunding"
    shown = text(asked)
    for label in labels:
        assert label in shown
    help_text = text(say(asked, "aide" if lang == "fr" else "help")).replace("\u00a0", " ")
    assert help_start in help_text
    for other in ("OPCO", "employeur" if lang == "fr" else "employer"):
        assert other not in shown and other not in help_text
    why = text(say(asked, "pourquoi" if lang == "fr" else "why"))
    assert ("employeur" if lang == "fr" else "employer") not in why
    refused = say(asked, "OPCO")
    assert not refused.accepted and refused.session == asked.session
    chosen = say(asked, word)
    assert chosen.session.answers["cofunding"] == value
    label = labels[0]
    assert f"→ {label}" in text(chosen).split("\n")  # the echo, in the person's words
    assert label in text(say(chosen, "résumé" if lang == "fr" else "summary"))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("status", "known", "offered"), [
    ("self_employed", {"activity_months": 6, "cfp_paid": True}, ["none", "private_employee", "esat_worker"]),
    ("private_employee", {"working_time": "under_half", "reference_basis": "legal", "annual_hours": 400,
                          "counted_leave": False}, ["none", "self_employed", "esat_worker"]),
    ("apprentice", {"working_time": "under_half", "reference_basis": "legal", "annual_hours": 400,
                    "counted_leave": False}, ["none", "self_employed", "esat_worker"]),
    ("job_seeker", {}, ["none", "private_employee", "self_employed", "esat_worker"]),
])
def test_the_other_situation_offered_is_never_the_main_one(lang: str, status: str, known: dict[str, Any],
                                                           offered: list[str]) -> None:
    reply = at(lang, {"status": status, "age": 40, **known}, "other_status")
    assert reply.question is not None and list(reply.question.choices) == offered
    # Sent as a value (serve, the web API), it is refused with the reason, and nothing changes.
    same = {"self_employed": "self_employed", "job_seeker": None}.get(status, "private_employee")
    if same is not None:
        refused = ENGINE.step(reply.session, Answer(same))
        assert not refused.accepted and refused.session == reply.session
        assert any(m.key == "answer.same_as_status" for m in refused.messages)


def test_a_new_status_that_the_other_situation_is_asks_that_one_again() -> None:
    employee = {"status": "private_employee", "age": 40, "working_time": "under_half", "reference_basis": "legal",
                "annual_hours": 400, "counted_leave": False, "other_status": "self_employed", "other_months": 12}
    reply = ENGINE.start("fr", AS_OF, employee)
    reply = say(reply, "changer 1", "indépendant")
    assert "other_status" not in reply.session.answers
    assert reply.question is not None and "self_employed" not in reply.question.choices


AT_TRAINING = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
               "disability_boe": False, "balance": 500}


@pytest.mark.parametrize(("lang", "text", "licence", "echoes"), [
    ("fr", "permis B", "B", ["→ Un permis de conduire", "→ B (voiture)"]),
    ("fr", "le permis poids lourd", "C", ["→ Un permis de conduire", "→ C (poids lourd)"]),
    ("en", "B licence", "B", ["→ A driving licence", "→ B (car)"]),
    ("en", "HGV licence", "C", ["→ A driving licence", "→ C (heavy goods vehicle)"]),
])
def test_a_licence_named_with_its_category_answers_both_questions(lang: str, text: str, licence: str,
                                                                 echoes: list[str]) -> None:
    from bot.i18n import translator
    from bot.render.reply import reply_lines

    started = ENGINE.start(lang, AS_OF, AT_TRAINING)
    assert started.session.state == "training_kind"
    reply = ENGINE.step(started.session, Say(text))
    assert reply.accepted and reply.session.turn == started.session.turn + 1  # one input, one turn
    assert reply.session.answers["training_kind"] == "driving_licence" and reply.session.answers["licence"] == licence
    assert reply.session.state != "licence"
    said = list(reply_lines(reply, ENGINE.dialogue, translator(lang)))
    assert [line for line in said if line.startswith("→")] == echoes
    back = ENGINE.step(reply.session, Command("back"))  # back to the category, shown as answered
    assert back.session.state == "licence" and back.session.answers["licence"] == licence


@pytest.mark.parametrize(("lang", "text"), [("fr", "7"), ("fr", "permis de conduire"), ("fr", "permis"), ("fr", "code de la route"),
                                            ("en", "7"), ("en", "driving licence")])
def test_a_licence_without_its_category_asks_for_it(lang: str, text: str) -> None:
    reply = ENGINE.step(ENGINE.start(lang, AS_OF, AT_TRAINING).session, Say(text))
    assert reply.session.answers["training_kind"] == "driving_licence" and "licence" not in reply.session.answers
    assert reply.session.state == "licence"
