"""How refused answers are said (bot.dialogue.refusals), and the dates, months and choices a
newcomer's test found refused or said wrongly: each case in both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bot.dialogue.definition import cpf_dialogue
from bot.dialogue.engine import Engine
from bot.dialogue.interpret import Value, interpret
from bot.dialogue.interpret import Command
from bot.dialogue.reply import Answer, Reply, Say
from bot.i18n import translator
from bot.render.reply import reply_lines
from bot.rules.situation import MAX_DATE, check_value

ENGINE = Engine(cpf_dialogue())
TODAY = date(2026, 12, 2)  # the newcomer's rules date: 01/09/2026 had passed
AT_START = {"status": "private_employee", "age": 40, "working_time": "half_or_more", "diploma": "bac",
            "disability_boe": False, "balance": 1000, "training_kind": "certification", "cofunding": "none",
            "training_cost": 1500, "uses_c2p": False, "incapacity_retraining": False, "cec_balance": 0,
            "during_work_hours": True}
HELP = {"fr": "aide", "en": "help"}


def text(reply: Reply) -> str:
    lines = reply_lines(reply, ENGINE.dialogue, translator(reply.session.lang))
    return " ".join(" ".join(lines).split())  # blanks as one space (French typography)


def at(lang: str, field: str, known: dict[str, Any], on: date = TODAY) -> Reply:
    reply = ENGINE.start(lang, on, known)
    assert reply.question is not None and reply.question.field == field
    return reply


def say(reply: Reply, typed: str) -> Reply:
    return ENGINE.step(reply.session, Say(typed))


def errors(reply: Reply) -> str:
    tr = translator(reply.session.lang)
    from bot.render.reply import message_text

    said = [message_text(m, ENGINE.dialogue, tr) for m in reply.messages if m.kind == "error"]
    return " ".join(" ".join(said).split())


# --- 1. the date examples are dates the question accepts ---------------------------------

EXAMPLES = {"fr": ("1er mars 2027", "01/03/2027"), "en": ("1 March 2027", "01/03/2027")}


def test_the_example_date_is_the_first_of_a_month_after_the_rules_date() -> None:
    from bot.dialogue.params import example_date

    assert example_date(TODAY) == date(2027, 3, 1)
    assert example_date(date(2026, 6, 1)) == date(2026, 9, 1)
    assert example_date(date(2026, 10, 31)) == date(2027, 1, 1)
    assert example_date(date(2199, 11, 15)) == MAX_DATE  # never past the last date accepted
    for on in (date(2019, 1, 1), TODAY, date(2199, 9, 30), MAX_DATE):
        assert on <= example_date(on) <= MAX_DATE


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("typed", ["n'importe quoi", "31/02/2027", "01/09/2026", "1/1/1800", "1/1/2300"])
def test_every_date_error_and_the_help_give_examples_the_question_accepts(lang: str, typed: str) -> None:
    asked = at(lang, "training_start", AT_START)
    written, numeric = EXAMPLES[lang]
    helped = text(ENGINE.step(asked.session, Command("help")))
    assert f"{written}, or {numeric}" in helped or f"{written}, ou {numeric}" in helped
    refused = say(asked, typed)
    assert not refused.accepted and refused.session == asked.session
    said = errors(refused)
    assert written in said and numeric in said, said
    assert "2026" not in said.replace("2 décembre 2026", "").replace("2 December 2026", ""), said
    for example in EXAMPLES[lang]:  # and both examples are taken
        assert say(asked, example).session.answers["training_start"] == date(2027, 3, 1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_structured_date_refused_gives_the_examples_too(lang: str) -> None:
    asked = at(lang, "training_start", AT_START)
    for sent in ("2026-13-01", "2026-02-30", "2026-09-01", "sometime"):
        refused = ENGINE.step(asked.session, Answer(sent))
        assert not refused.accepted and all(e in errors(refused) for e in EXAMPLES[lang]), sent


# --- 2. ranges: dates in their own sentence, money as money, hours as hours ---------------

@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "Cette date doit être comprise entre le 2 décembre 2026 et le 31 décembre 2199, "
           "par exemple 1er mars 2027 ou 01/03/2027."),
    ("en", "This date must be between 2 December 2026 and 31 December 2199, for example 1 March 2027 or 01/03/2027."),
])
def test_a_date_out_of_range_has_a_sentence_of_dates(lang: str, said: str) -> None:
    refused = say(at(lang, "training_start", AT_START), "1/1/2300")
    assert errors(refused) == said


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "« training_start » doit être une date comprise entre le 1er janvier 1900 et le 31 décembre 2199."),
    ("en", "\"training_start\" must be a date between 1 January 1900 and 31 December 2199."),
])
def test_a_situation_date_out_of_range_has_a_sentence_of_dates(lang: str, said: str) -> None:
    from bot.render.problems import problem_text

    problem = check_value("training_start", "2300-01-01")
    assert " ".join(problem_text(problem, translator(lang)).split()) == said


BALANCE = {k: AT_START[k] for k in ("status", "age", "working_time", "diploma", "disability_boe")}
AGENT = {"status": "public_agent", "age": 40, "consular_network": False, "public_category": "A",
         "public_time": "full_time"}


@pytest.mark.parametrize(("lang", "field", "known", "said"), [
    ("fr", "balance", BALANCE, "Cette valeur doit être comprise entre 0 € et 1 000 000 000 €."),
    ("en", "balance", BALANCE, "This value must be between €0 and €1,000,000,000."),
    ("fr", "balance", AGENT, "Cette valeur doit être comprise entre 0 h et 1 000 000 000 h."),
    ("en", "balance", AGENT, "This value must be between 0 h and 1,000,000,000 h."),
    ("fr", "training_months", {**AT_START, "training_start": "2027-03-01"},
     "Cette valeur doit être de plus de 0 mois et d'au plus 120 mois."),
    ("en", "training_months", {**AT_START, "training_start": "2027-03-01"},
     "This value must be more than 0 months and at most 120 months."),
    ("fr", "age", {"status": "private_employee"}, "Cette valeur doit être comprise entre 14 ans et 120 ans."),
    ("en", "age", {"status": "private_employee"}, "This value must be between 14 years and 120 years."),
    ("fr", "years_worked", {**BALANCE, "balance": None}, "Cette valeur doit être comprise entre 0 an et 100 ans."),
    ("en", "years_worked", {**BALANCE, "balance": None}, "This value must be between 0 years and 100 years."),
])
def test_a_range_is_shown_in_the_unit_of_the_question(lang: str, field: str, known: dict[str, Any], said: str) -> None:
    refused = say(at(lang, field, known), "1" + "0" * 27 if field == "balance" else "200")
    assert not refused.accepted and errors(refused) == said


@pytest.mark.parametrize(("lang", "young", "said"), [
    ("fr", "10", "Cette valeur doit être comprise entre 14 ans et 120 ans."),
    ("en", "10", "This value must be between 14 years and 120 years."),
])
def test_an_age_below_its_range_says_it_in_years(lang: str, young: str, said: str) -> None:
    refused = say(at(lang, "age", {"status": "private_employee"}), young)
    assert not refused.accepted and errors(refused) == said


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "« training_months » doit être supérieur à 0 et inférieur ou égal à 120."),
    ("en", "\"training_months\" must be more than 0 and at most 120."),
])
def test_a_situation_range_without_its_minimum_says_more_than(lang: str, said: str) -> None:
    """A length must be more than 0: its range does not read as if 0 were accepted."""
    from bot.render.problems import problem_text

    problem = check_value("training_months", 200)
    assert " ".join(problem_text(problem, translator(lang)).split()) == said
    inclusive = problem_text(check_value("age", 200), translator(lang))
    assert ("compris entre 14 et 120" if lang == "fr" else "between 14 and 120") in inclusive


# --- 3. a training lasts more than 0 months, echoed in months ------------------------------

AT_MONTHS = {**AT_START, "training_start": "2027-03-01"}


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "Une formation dure plus de 0 mois : indiquez sa durée, par exemple 3, ou 0,5 pour deux semaines."),
    ("en", "A course lasts more than 0 months: give its length, for example 3, or 0.5 for two weeks."),
])
def test_a_training_of_0_months_is_refused_typed_or_sent(lang: str, said: str) -> None:
    asked = at(lang, "training_months", AT_MONTHS)
    for refused in (say(asked, "0"), say(asked, "0,0" if lang == "fr" else "0.0"), ENGINE.step(asked.session, Answer(0))):
        assert not refused.accepted and refused.session == asked.session and errors(refused) == said
    assert say(asked, "-1").messages[0].key == "answer.negative"


def test_a_situation_of_0_months_is_refused_and_the_schema_says_so() -> None:
    from bot.render.schema import situation_schema

    problem = check_value("training_months", 0)
    assert not isinstance(problem, Decimal) and problem.code == "not_positive"
    assert check_value("training_months", 0.5) == Decimal("0.5")
    months = situation_schema()["properties"]["training_months"]
    assert months["exclusiveMinimum"] == 0 and "minimum" not in months


@pytest.mark.parametrize(("lang", "typed", "echo"), [
    ("fr", "3", "→ 3 mois"), ("en", "3", "→ 3 months"),
    ("fr", "1", "→ 1 mois"), ("en", "1", "→ 1 month"),
    ("fr", "1,5", "→ 1,5 mois"), ("en", "1.5", "→ 1.5 months"),
])
def test_months_are_echoed_with_their_unit(lang: str, typed: str, echo: str) -> None:
    reply = say(at(lang, "training_months", AT_MONTHS), typed)
    assert reply.accepted and echo in text(reply)


AT_YEARS = {**BALANCE, "balance": None}


@pytest.mark.parametrize(("lang", "field", "known", "typed", "echo"), [
    ("fr", "age", {"status": "private_employee"}, "25", "→ 25 ans"),
    ("en", "age", {"status": "private_employee"}, "25", "→ 25 years"),
    ("fr", "years_worked", AT_YEARS, "1", "→ 1 an"), ("en", "years_worked", AT_YEARS, "1", "→ 1 year"),
    ("fr", "years_worked", AT_YEARS, "12", "→ 12 ans"), ("en", "years_worked", AT_YEARS, "12", "→ 12 years"),
    ("fr", "years_worked", AT_YEARS, "2,5", "→ 2,5 ans"), ("en", "years_worked", AT_YEARS, "2.5", "→ 2.5 years"),
])
def test_years_are_echoed_with_their_unit(lang: str, field: str, known: dict[str, Any], typed: str, echo: str) -> None:
    reply = say(at(lang, field, known), typed)
    assert reply.accepted and echo in text(reply)


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "À 16 ans, on ne peut pas avoir travaillé plus de 2 ans : indiquez vos années travaillées, 2 ans au plus."),
    ("en", "At 16, nobody can have worked more than 2 years: give the years you have worked, 2 years at most."),
])
def test_the_most_years_worked_at_an_age_are_said_in_years(lang: str, said: str) -> None:
    refused = say(at(lang, "years_worked", {**AT_YEARS, "age": 16}), "3")
    assert not refused.accepted and errors(refused) == said


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_fraction_of_a_month_is_a_short_training(lang: str) -> None:
    """Under 6 months the notice is 60 days (D6323-4): 5.5 months is short, 6 is long."""
    asked = at(lang, "training_months", AT_MONTHS)
    short = say(asked, "5,5" if lang == "fr" else "5.5")
    assert short.assessment is not None and short.assessment.employer is not None
    assert short.assessment.employer.ask_before == date(2026, 12, 31)  # 60 days before 1 March
    long = say(asked, "6")
    assert long.assessment is not None and long.assessment.employer is not None
    assert long.assessment.employer.ask_before == date(2026, 11, 1)  # 120 days: already passed


# --- 4. answers people naturally type ------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("typed", ["temps plein", "plein temps", "à temps plein", "full-time", "Temps complet"])
def test_temps_plein_is_full_time(lang: str, typed: str) -> None:
    assert interpret(typed, lang, ENGINE.dialogue.questions["public_time"]) == Value("full_time")


@pytest.mark.parametrize(("lang", "no", "echo"), [("fr", "non", "→ Non, aucune"), ("en", "no", "→ No, none"),
                                                   ("fr", "Aucune autre", "→ Non, aucune"), ("en", "None", "→ No, none")])
def test_a_bare_no_says_there_was_no_other_situation(lang: str, no: str, echo: str) -> None:
    asked = at(lang, "other_status", {"status": "job_seeker", "age": 30})
    reply = say(asked, no)
    assert reply.accepted and reply.session.answers["other_status"] == "none" and echo in text(reply)
    assert say(asked, "oui" if lang == "fr" else "yes").messages[0].key == "answer.yes_no_at_choice"


@pytest.mark.parametrize(("lang", "typed", "read", "echo"), [
    ("fr", "3 juillet", date(2027, 7, 3), "→ 3 juillet 2027"),
    ("en", "3 July", date(2027, 7, 3), "→ 3 July 2027"),
    ("en", "July 3rd", date(2027, 7, 3), "→ 3 July 2027"),
    ("fr", "le 24 décembre", date(2026, 12, 24), "→ 24 décembre 2026"),
    ("en", "2 December", TODAY, "→ 2 December 2026"),  # the rules date itself
    ("fr", "1er décembre", date(2027, 12, 1), "→ 1er décembre 2027"),  # the day before: next year's
    ("fr", "29 février", date(2028, 2, 29), "→ 29 février 2028"),
    ("fr", "03/07/27", date(2027, 7, 3), "→ 3 juillet 2027"),
    ("en", "03/07/27", date(2027, 7, 3), "→ 3 July 2027"),
    ("en", "07/23/27", date(2027, 7, 23), "→ 23 July 2027"),
    ("fr", "demain", date(2026, 12, 3), "→ 3 décembre 2026"),
    ("en", "tomorrow", date(2026, 12, 3), "→ 3 December 2026"),
    ("fr", "aujourd'hui", TODAY, "→ 2 décembre 2026"),
    ("fr", "Aujourd’hui", TODAY, "→ 2 décembre 2026"),
    ("en", "today", TODAY, "→ 2 December 2026"),
])
def test_dates_read_from_the_rules_date(lang: str, typed: str, read: date, echo: str) -> None:
    reply = say(at(lang, "training_start", AT_START), typed)
    assert reply.accepted and reply.session.answers["training_start"] == read
    assert echo in text(reply)


@pytest.mark.parametrize(("lang", "typed"), [("fr", "hier"), ("en", "yesterday"), ("fr", "Hier"), ("en", "Yesterday")])
def test_yesterday_is_read_as_the_day_before_and_refused_as_passed(lang: str, typed: str) -> None:
    """Read like today and tomorrow, from the rules date: a start date the day before it has
    passed, and is refused as such (not as a text that is no date)."""
    assert interpret(typed, lang, ENGINE.dialogue.questions["training_start"], TODAY) == Value(date(2026, 12, 1))
    asked = at(lang, "training_start", AT_START)
    refused = say(asked, typed)
    assert not refused.accepted and refused.session == asked.session
    assert refused.messages[0].key == "answer.before_rules_date"
    assert ("à partir du 2 décembre 2026" if lang == "fr" else "on or after 2 December 2026") in errors(refused)


@pytest.mark.parametrize(("lang", "words"), [("fr", ("« 3 juillet »", "« aujourd'hui »", "« demain »", "deux chiffres")),
                                             ("en", ('"3 July"', '"today"', '"tomorrow"', "two digits"))])
def test_the_date_help_mentions_what_is_read_from_the_rules_date(lang: str, words: tuple[str, ...]) -> None:
    helped = text(ENGINE.step(at(lang, "training_start", AT_START).session, Command("help")))
    assert all(word in helped for word in words), helped


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_year_of_two_digits_before_the_rules_date_is_refused_as_passed(lang: str) -> None:
    refused = say(at(lang, "training_start", AT_START), "03/07/26")
    assert not refused.accepted and refused.messages[0].key == "answer.before_rules_date"
