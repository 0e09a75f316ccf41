"""`interpret()`: every outcome and every question kind, in both languages, in the engine's order."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.definition import Question, cpf_dialogue
from bot.dialogue import commands
from bot.dialogue.engine import Engine
from bot.dialogue.machine import ENDED, RESULT
from bot.dialogue.reply import INFO_COMMANDS, Answer, Event, Reply, Say, Shown
from bot.dialogue.interpret import (
    MAX_LENGTH, REFUSAL_CODES, Ambiguous, Command, DontKnow, Refused, Value, interpret, question_choices,
)
from bot.dialogue.session import Session
from bot.i18n import LANGUAGES, translator

QUESTIONS = cpf_dialogue().questions
SSN = "1 85 05 78 006 084 36"


def q(field: str) -> Question:
    return QUESTIONS[field]


# --- one per question kind, both languages ------------------------------------------------

@pytest.mark.parametrize(("field", "lang", "text", "value"), [
    ("status", "fr", "salarié du privé", "private_employee"),
    ("status", "en", "private-sector employee", "private_employee"),
    ("status", "fr", "au chômage", "job_seeker"),  # a catalog synonym
    ("status", "en", "unemployed", "job_seeker"),
    ("status", "fr", "3", "public_agent"),
    ("training_kind", "fr", "permis B", "driving_licence"),  # a licence named by its category
    ("training_kind", "fr", "le permis poids lourd", "driving_licence"),
    ("training_kind", "en", "B licence", "driving_licence"),
    ("training_kind", "en", "HGV licence", "driving_licence"),
    ("disability_boe", "fr", "oui bien sûr", True),
    ("disability_boe", "en", "not at all", False),
    ("age", "fr", "40 ans", 40),
    ("age", "en", "40 years", 40),
    ("annual_hours", "fr", "1 607,5 h", Decimal("1607.5")),
    ("annual_hours", "en", "1,607.5 hours", Decimal("1607.5")),
    ("training_cost", "fr", "1 200,50 €", Decimal("1200.50")),
    ("training_cost", "en", "€1,200.50", Decimal("1200.50")),
    ("training_start", "fr", "1er septembre 2026", date(2026, 9, 1)),
    ("training_start", "en", "September 1st, 2026", date(2026, 9, 1)),
])
def test_a_value_of_each_kind(field: str, lang: str, text: str, value: object) -> None:
    outcome = interpret(text, lang, q(field))
    assert outcome == Value(value)
    assert isinstance(outcome, Value) and type(outcome.value) is type(value)


def test_whole_number_fields_get_ints() -> None:
    assert interpret("40", "fr", q("age")) == Value(40) and isinstance(interpret("40,0", "fr", q("age")), Value)
    assert interpret("40,5", "fr", q("age")) == Refused("not_whole")
    assert interpret("7.5", "en", q("activity_months")) == Refused("not_whole")


@pytest.mark.parametrize(("field", "lang", "text", "code"), [
    ("status", "fr", "astronaute", "unknown_choice"),
    ("status", "en", "9", "choice_out_of_range"),
    ("disability_boe", "fr", "peut-être", "not_yes_no"),
    ("disability_boe", "en", "maybe", "not_yes_no"),
    ("age", "fr", "quarante", "not_a_number"),
    ("age", "en", "200", "out_of_range"),  # the situation schema's check
    ("training_cost", "fr", "-5 €", "negative"),
    ("training_cost", "en", "-€5", "negative"),
    ("training_start", "fr", "31/02/2026", "impossible_date"),
    ("training_start", "en", "tomorrow", "not_a_date"),
    ("training_start", "fr", "01/01/1800", "out_of_range"),  # the schema's dates
    ("age", "fr", "", "empty"),
    ("age", "en", "4" * (MAX_LENGTH + 1), "too_long"),
])
def test_refusals_carry_the_code_of_their_message(field: str, lang: str, text: str, code: str) -> None:
    outcome = interpret(text, lang, q(field))
    assert isinstance(outcome, Refused) and outcome.code == code and code in REFUSAL_CODES


@pytest.mark.parametrize(("field", "lang", "text", "code"), [
    ("balance", "fr", "800 h", "counts_in_euros"),  # a balance in euros typed in hours
    ("balance", "en", "800 hours", "counts_in_euros"),
    ("training_cost", "fr", "1 200 heures", "counts_in_euros"),
    ("training_cost", "en", "1,200 hrs", "counts_in_euros"),
    ("annual_hours", "fr", "800 €", "counts_in_hours"),  # a number of hours typed in euros
    ("annual_hours", "en", "€800", "counts_in_hours"),
    ("annual_hours", "fr", "800 euros", "counts_in_hours"),
])
def test_a_number_in_the_other_unit_is_refused(field: str, lang: str, text: str, code: str) -> None:
    assert interpret(text, lang, q(field)) == Refused(code)


@pytest.mark.parametrize(("lang", "text"), [("fr", "120 €"), ("fr", "120 euros"), ("en", "€120"), ("en", "120 EUR")])
def test_a_balance_in_hours_refuses_euros(lang: str, text: str) -> None:
    in_hours = q("balance").in_hours
    assert in_hours is not None and in_hours.unit == "hours"
    assert interpret(text, lang, in_hours) == Refused("counts_in_hours")
    assert interpret("120 h", lang, in_hours) == Value(Decimal(120))
    assert interpret(text, lang, q("balance")) == Value(Decimal(120))  # in euros, where it counts euros


def test_units_that_say_neither_are_taken_as_before() -> None:
    assert interpret("12 mois", "fr", q("annual_hours")) == Value(Decimal(12))  # not the point here
    assert interpret("40 ans", "fr", q("age")) == Value(40)


def test_refusals_keep_their_params() -> None:
    assert interpret("9", "fr", q("status")) == Refused("choice_out_of_range", {"count": len(q("status").choices)})
    assert interpret("200", "fr", q("age")) == Refused("out_of_range", {"minimum": 14, "maximum": 120})
    ambiguous = interpret("France Travail", "fr", q("status"))
    assert isinstance(ambiguous, Refused) and ambiguous.code == "ambiguous_choice"
    candidates = ambiguous.params["candidates"]
    assert len(candidates) > 1 and set(candidates) <= set(q("status").choices)


def test_every_refusal_code_has_a_message() -> None:
    for lang in LANGUAGES:
        assert [c for c in sorted(REFUSAL_CODES) if not translator(lang).has(f"answer.{c}")] == [], lang


# --- the other outcomes, and the order they are tried in ----------------------------------

@pytest.mark.parametrize(("text", "command"), [
    ("aide", Command("help")), ("help", Command("help")), ("?", Command("help")),
    ("pourquoi", Command("why")), ("why", Command("why")),
    ("retour", Command("back")), ("back", Command("back")),
    ("résumé", Command("summary")), ("summary", Command("summary")),
    ("modifier 3", Command("change", 3)), ("change 3", Command("change", 3)),
    ("recommencer", Command("restart")), ("restart", Command("restart")),
    ("langue en", Command("lang", "en")), ("in French", Command("lang", "fr")),
    ("quitter", Command("quit")), ("quit", Command("quit")),
])
def test_commands_at_any_question_and_without_one(text: str, command: Command) -> None:
    for lang in LANGUAGES:
        for question in (q("status"), q("age"), None):
            assert interpret(text, lang, question) == command


@pytest.mark.parametrize("text", ["je ne sais pas", "jsp", "I don't know", "not sure"])
def test_dont_know_at_every_kind(text: str) -> None:
    for lang in LANGUAGES:
        for field in ("status", "disability_boe", "age", "balance", "training_start"):
            assert interpret(text, lang, q(field)) == DontKnow()


def test_a_social_security_number_is_refused_before_anything_else() -> None:
    for lang in LANGUAGES:
        for question in (q("age"), q("training_cost"), None):
            assert interpret(SSN, lang, question) == Refused("no_social_security_number")
            assert interpret(f"modifier {SSN.replace(' ', '')}", lang, question) == Refused("no_social_security_number")


def test_without_a_question_only_commands_apply() -> None:
    for lang in LANGUAGES:
        for text in ("oui", "40", "je ne sais pas", "I don't know", "", "x" * (MAX_LENGTH + 1)):
            assert interpret(text, lang, None) == Refused("no_question")


def test_commands_beat_answers_and_dont_know_beats_parsing() -> None:
    assert interpret("retour", "fr", q("status")) == Command("back")  # not a choice
    assert interpret("inconnu", "fr", q("status")) == DontKnow()
    assert interpret("no idea", "en", q("disability_boe")) == DontKnow()  # not "no"


def test_a_questions_choices_are_built_once() -> None:
    assert question_choices(q("status")) is question_choices(q("status"))
    labels = question_choices(q("status"))[0].labels
    assert translator("fr").text("choice.status.private_employee") in labels
    assert translator("en").text("choice.status.private_employee") in labels


TEXTS = [
    "oui", "non", "yes", "no", "1", "2", "0", "99", "40", "40,5", "1 200,50 €", "€1,200", "-5", "1,200",
    "1er septembre 2026", "31/02/2026", "01/01/1800", "je ne sais pas", "I don't know", "aide", "?",
    "pourquoi", "retour", "résumé", "modifier 1", "change 99", "langue en", "lang xx", "in French",
    "recommencer", SSN, "", "x" * (MAX_LENGTH + 1), "employee", "salarié", "France Travail", "B",
    "permis b", "bof",
]


def test_first_use_from_many_threads_at_once() -> None:
    """The caches are filled without locks: threads racing on a first use read the same words."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.dialogue.interpret import vocabulary
    from bot.dialogue.interpret.entry import question_choices as cached

    cases = [(text, lang, field) for text in TEXTS[:20] for lang in LANGUAGES
             for field in ("status", "age", "training_start", "training_cost", "disability_boe")]
    expected = [interpret(text, lang, q(field)) for text, lang, field in cases]
    cached.cache_clear()
    vocabulary.understood.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda case: interpret(case[0], case[1], q(case[2])), cases))
    assert got == expected


# --- yes and no at a choice question (issue 12, defects 8 and 11) ---------------------------

@pytest.mark.parametrize(("field", "text"), [
    ("training_kind", "non"), ("training_kind", "oui"), ("diploma", "no"), ("diploma", "n"),
    ("diploma", "yes"), ("status", "o"), ("status", "nope"), ("reference_basis", "y"),
])
def test_yes_or_no_never_picks_a_choice_that_does_not_open_with_it(field: str, text: str) -> None:
    for lang in LANGUAGES:
        refused = interpret(text, lang, q(field))
        assert refused == Refused("yes_no_at_choice", {"candidates": list(q(field).choices)})


@pytest.mark.parametrize(("text", "value"), [
    ("oui", "half_or_more"), ("o", "half_or_more"), ("ouais", "half_or_more"), ("y", "half_or_more"),
    ("yeah", "half_or_more"), ("yep", "half_or_more"), ("non", "under_half"), ("n", "under_half"),
    ("nan", "under_half"), ("nope", "under_half"), ("pas du tout", "under_half"),
])
def test_short_yes_no_forms_pick_the_choice_that_opens_with_them(text: str, value: str) -> None:
    for lang in LANGUAGES:
        assert interpret(text, lang, q("working_time")) == Value(value)


def test_yes_at_two_choices_opening_with_it_is_ambiguous_and_words_still_pick() -> None:
    assert interpret("oui", "fr", q("cofunding")) == Refused("ambiguous_choice", {"candidates": ["employer", "public"]})
    assert interpret("no", "en", q("cofunding")) == Value("none")
    assert interpret("no diploma", "en", q("diploma")) == Value("none")
    assert interpret("Aucun diplôme", "fr", q("diploma")) == Value("none")


@pytest.mark.parametrize("text", ["o", "n", "y", "yeah", "yep", "nope", "ouais", "nan", "ouai", "nah"])
def test_short_forms_answer_yes_no_questions_in_both_languages(text: str) -> None:
    expected = text[0] in "oy"
    for lang in LANGUAGES:
        assert interpret(text, lang, q("disability_boe")) == Value(expected)


# --- a separator that reads two ways (issue 12, defect 7) -----------------------------------

@pytest.mark.parametrize(("field", "lang", "text", "readings"), [
    ("balance", "fr", "1,200", (Decimal("1.200"), Decimal(1200))),
    ("balance", "fr", "1,000 €", (Decimal("1.000"), Decimal(1000))),
    ("balance", "en", "1.200", (Decimal("1.200"), Decimal(1200))),
    ("training_cost", "en", "€2.500", (Decimal("2.500"), Decimal(2500))),
    ("annual_hours", "fr", "1,607", (Decimal("1.607"), Decimal(1607))),
])
def test_a_lone_decimal_separator_before_three_digits_is_ambiguous(
        field: str, lang: str, text: str, readings: tuple[Decimal, Decimal]) -> None:
    assert interpret(text, lang, q(field)) == Ambiguous(readings)


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("en", "1,200", 1200), ("fr", "1.200", 1200), ("fr", "1 200", 1200), ("fr", "1,20", Decimal("1.20")),
    ("en", "1,200.50", Decimal("1200.50")), ("fr", "0,500", Decimal("0.500")), ("fr", "€1,200", 1200),
])
def test_separators_that_read_one_way_in_the_language_are_taken(lang: str, text: str, value: Decimal) -> None:
    assert interpret(text, lang, q("balance")) == Value(value)


def test_a_reading_that_is_not_a_valid_answer_leaves_no_ambiguity() -> None:
    # An age of 1.2 is not a whole number, 1200 is out of range: nothing to confirm, refused;
    # 40,000 is an age of 40 or of 40000: only the first is one (and the echo shows it).
    assert isinstance(interpret("1,200", "fr", q("age")), Refused)
    assert interpret("40,000", "fr", q("age")) == Value(40)
