"""Tests for bot.dialogue.interpret: free-text answers in French and English."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dialogue.interpret import (
    ERROR_CODES,
    MAX_LENGTH,
    AnswerError,
    Choice,
    Command,
    is_dont_know,
    looks_like_social_security_number,
    match_choice,
    normalize,
    parse_amount,
    parse_command,
    parse_date,
    parse_number,
    parse_yes_no,
)

NBSP, NNBSP = "\u00a0", "\u202f"

STATUSES = (
    Choice("private_employee", ("salarié du secteur privé", "private-sector employee")),
    Choice("public_agent", ("agent public / fonctionnaire", "public-sector employee (civil servant)")),
    Choice("job_seeker", ("demandeur d'emploi", "job seeker")),
    Choice("self_employed", ("travailleur indépendant", "self-employed")),
    Choice("retired", ("retraité", "retired")),
)
LICENCE_CODES = ("A1", "A2", "A", "B1", "B", "BE", "C1", "C", "D1", "D", "C1E", "CE", "D1E", "DE")
LICENCES = tuple(Choice(code, (f"permis {code}", f"{code} licence")) for code in LICENCE_CODES)
DIPLOMAS = (
    Choice("none", ("aucun diplôme", "no diploma")),
    Choice("cap_bep", ("CAP ou BEP", "CAP or BEP")),
    Choice("bac", ("baccalauréat", "high-school diploma")),
)


def error_code(call: Callable[[], object]) -> str:
    with pytest.raises(AnswerError) as info:
        call()
    return info.value.code


# --- normalize and errors -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("  OUI  ", "oui"),
    ("Été", "ete"),
    ("FÉVRIER", "fevrier"),
    ("août", "aout"),
    ("Straße", "strasse"),
    ("Œuvre", "oeuvre"),
    ("d’accord", "d'accord"),
    ("d‘accord", "d'accord"),
    ("d´accord", "d'accord"),
    ("«oui»", '"oui"'),
    ("“yes”", '"yes"'),
    ("a\tb\nc\r\nd", "a b c d"),
    (f"1{NBSP}200{NNBSP}€", "1 200 €"),
    ("\x1b[31mrouge\x1b[0m", "[31mrouge [0m"),
    ("oui\x00non", "oui non"),
    ("zero\u200bwidth", "zerowidth"),
    ("−5", "-5"),
    ("ﬁn", "fin"),
    ("１２", "12"),
    ("", ""),
    ("\x00\x01 \t", ""),
])
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_answer_error_carries_code_and_params() -> None:
    error = AnswerError("ambiguous_choice", {"candidates": ["A", "B"]})
    assert isinstance(error, ValueError)
    assert error.code == "ambiguous_choice"
    assert error.params == {"candidates": ["A", "B"]}
    assert AnswerError("empty").params == {}
    assert "ambiguous_choice" in ERROR_CODES


PARSERS: list[Callable[[str], object]] = [
    parse_yes_no,
    parse_number,
    parse_amount,
    parse_date,
    lambda text: match_choice(text, STATUSES),
]


@pytest.mark.parametrize("parse", PARSERS)
def test_blank_is_empty(parse: Callable[[str], object]) -> None:
    for text in ("", "   ", "\t\n", NBSP + NNBSP, "\x1b", "\u200b"):
        assert error_code(lambda: parse(text)) == "empty"


@pytest.mark.parametrize("parse", PARSERS)
def test_too_long_is_checked_first(parse: Callable[[str], object]) -> None:
    assert error_code(lambda: parse("1" * (MAX_LENGTH + 1))) == "too_long"
    assert error_code(lambda: parse(" oui " + "x" * MAX_LENGTH)) == "too_long"
    # Surrounding blanks do not count.
    with pytest.raises(AnswerError) as info:
        parse("   " + "x" * MAX_LENGTH + "   ")
    assert info.value.code != "too_long"


def test_too_long_predicates_are_false() -> None:
    assert is_dont_know("je ne sais pas" + " " * 10 + "x" * MAX_LENGTH) is False
    assert parse_command("aide" + "!" * MAX_LENGTH) is None


# --- yes / no -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "oui", "OUI", "Oui.", "oui !", "o", "O", "ouais", "si", "yes", "Yes", "y", "yep", "yeah",
    "ok", "OK", "okay", "vrai", "true", "True", "d'accord", "d’accord", "D'ACCORD",
    "oui bien sûr", "oui bien sur", "bien sûr", "of course", "tout à fait", "yes please",
    "« oui »", "  oui  ",
])
def test_yes(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", [
    "non", "NON", "Non.", "n", "N", "nan", "no", "No!", "nope", "faux", "false", "FALSE",
    "non merci", "no thanks", "pas du tout", "not at all", "pas vraiment", "jamais",
])
def test_no(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", [
    "peut-être", "maybe", "bof", "123", "n'importe", "je ne sais pas", "?", "ouiii", "[/]",
])
def test_not_yes_no(text: str) -> None:
    assert error_code(lambda: parse_yes_no(text)) == "not_yes_no"


# --- numbers --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("1 200,50", "fr", "1200.50"),
    (f"1{NBSP}200,50", "fr", "1200.50"),
    (f"1{NNBSP}200,50", "fr", "1200.50"),
    (f"1{NNBSP}200,50{NBSP}€", "fr", "1200.50"),
    ("1,200.50", "en", "1200.50"),
    ("1,200.50", "fr", "1200.50"),
    ("1.200,50", "en", "1200.50"),
    ("1200 €", "fr", "1200"),
    ("1200€", "fr", "1200"),
    ("€1,200", "en", "1200"),
    ("€1,200.50", "en", "1200.50"),
    ("1 607 h", "fr", "1607"),
    ("1607h", "fr", "1607"),
    ("1 607 heures", "fr", "1607"),
    ("700 hours", "en", "700"),
    ("12 mois", "fr", "12"),
    ("12 months", "en", "12"),
    ("3 ans", "fr", "3"),
    ("1 an", "fr", "1"),
    ("3 years", "en", "3"),
    ("EUR 500", "fr", "500"),
    ("eur 500", "en", "500"),
    ("500 euros", "fr", "500"),
    ("500 EUR", "en", "500"),
    ("-5", "fr", "-5"),
    ("−5", "fr", "-5"),
    ("-€5", "en", "-5"),
    ("€ -5", "en", "-5"),
    ("+5", "fr", "5"),
    ("1.5", "fr", "1.5"),
    ("1.5", "en", "1.5"),
    ("1,5", "fr", "1.5"),
    ("1,5", "en", "1.5"),
    ("1,200", "en", "1200"),
    ("1,200", "fr", "1.2"),
    ("1.607", "fr", "1607"),
    ("1.607", "en", "1.607"),
    ("0,500", "en", "0.5"),
    ("0.500", "fr", "0.5"),
    ("1234,567", "en", "1234.567"),
    ("1 200,500", "en", "1200.5"),
    ("1,234,567", "fr", "1234567"),
    ("1.234.567", "en", "1234567"),
    ("1.234.567,89", "fr", "1234567.89"),
    ("1 234 567", "en", "1234567"),
    (",5", "fr", "0.5"),
    (".5", "en", "0.5"),
    ("007", "fr", "7"),
    ("０１２", "fr", "12"),
    ("0", "fr", "0"),
    ("1 200,50", "en_GB", "1200.50"),
    ("1,200", "EN", "1200"),
    ("1,200", "de", "1.2"),
])
def test_parse_number(text: str, lang: str, expected: str) -> None:
    assert parse_number(text, lang) == Decimal(expected)


def test_parse_number_is_exact() -> None:
    digits = "123456789" * 5
    value = parse_number(f"-{digits},123456789")
    assert isinstance(value, Decimal)
    assert value == Decimal(f"-{digits}.123456789")


@pytest.mark.parametrize("text", [
    "abc", "1,2,3,4.5.6", "12abc34", "NaN", "nan", "Infinity", "inf", "-inf", "1e5", "12.",
    "1 2", "12 34", "1,20,000", "--5", "+-5", "€5€", "5 € h", ",", ".", "1'000", "$5", "5 $",
    "1h30", "cinq", "1.5.6", "1,5 0", "5 -", "½", "١٢", "0x10", "1_000",
])
def test_not_a_number(text: str) -> None:
    for lang in ("fr", "en"):
        assert error_code(lambda: parse_number(text, lang)) == "not_a_number"


def test_parse_amount() -> None:
    assert parse_amount("1 500 €") == Decimal(1500)
    assert parse_amount("€1,500", "en") == Decimal(1500)
    assert error_code(lambda: parse_amount("-5")) == "negative"
    assert error_code(lambda: parse_amount("-0,01 €")) == "negative"
    assert error_code(lambda: parse_amount("abc")) == "not_a_number"
    zero = parse_amount("-0")
    assert zero == 0 and not zero.is_signed()


def _format_number(value: Decimal, lang: str, group: str = " ") -> str:
    english = format(value, ",f")
    if lang == "en":
        return english
    return english.replace(",", "_").replace(".", ",").replace("_", group)


DECIMALS = st.integers(0, 4).flatmap(lambda places: st.decimals(
    min_value=Decimal(-10**12), max_value=Decimal(10**12), places=places,
    allow_nan=False, allow_infinity=False,
))


@settings(max_examples=150, deadline=None)
@given(value=DECIMALS, group=st.sampled_from([" ", NBSP, NNBSP]))
def test_parse_number_round_trips_french(value: Decimal, group: str) -> None:
    assert parse_number(_format_number(value, "fr", group), "fr") == value


@settings(max_examples=150, deadline=None)
@given(value=DECIMALS)
def test_parse_number_round_trips_english(value: Decimal) -> None:
    assert parse_number(_format_number(value, "en"), "en") == value


# --- dates ----------------------------------------------------------------------------

SEPT_1 = date(2026, 9, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("01/09/2026", SEPT_1),
    ("1/9/2026", SEPT_1),
    ("01-09-2026", SEPT_1),
    ("01.09.2026", SEPT_1),
    ("01 / 09 / 2026", SEPT_1),
    ("2026-09-01", SEPT_1),
    ("2026/9/1", SEPT_1),
    ("1er septembre 2026", SEPT_1),
    ("1ER SEPTEMBRE 2026", SEPT_1),
    ("le 1er septembre 2026", SEPT_1),
    ("1 septembre 2026", SEPT_1),
    ("01 sept. 2026", SEPT_1),
    ("1 sep 2026", SEPT_1),
    ("September 1, 2026", SEPT_1),
    ("Sept 1 2026", SEPT_1),
    ("Sept. 1, 2026", SEPT_1),
    ("1 September 2026", SEPT_1),
    ("1st September 2026", SEPT_1),
    ("the 1st of September, 2026", SEPT_1),
    ("September 1st, 2026", SEPT_1),
    (f"1er{NBSP}septembre{NNBSP}2026", SEPT_1),
    ("12/01/2026", date(2026, 1, 12)),
    ("3 janvier 2026", date(2026, 1, 3)),
    ("3 janv. 2026", date(2026, 1, 3)),
    ("14 février 2026", date(2026, 2, 14)),
    ("14 fevrier 2026", date(2026, 2, 14)),
    ("14 févr. 2026", date(2026, 2, 14)),
    ("February 14, 2026", date(2026, 2, 14)),
    ("Feb 14th 2026", date(2026, 2, 14)),
    ("2 mars 2026", date(2026, 3, 2)),
    ("March 2nd, 2026", date(2026, 3, 2)),
    ("3 avril 2026", date(2026, 4, 3)),
    ("April 3rd 2026", date(2026, 4, 3)),
    ("1er mai 2026", date(2026, 5, 1)),
    ("May 1 2026", date(2026, 5, 1)),
    ("21 juin 2026", date(2026, 6, 21)),
    ("14 juillet 2026", date(2026, 7, 14)),
    ("14 juil. 2026", date(2026, 7, 14)),
    ("15 août 2026", date(2026, 8, 15)),
    ("15 aout 2026", date(2026, 8, 15)),
    ("15 AOÛT 2026", date(2026, 8, 15)),
    ("Aug 15, 2026", date(2026, 8, 15)),
    ("31 octobre 2026", date(2026, 10, 31)),
    ("11 nov. 2026", date(2026, 11, 11)),
    ("24 déc. 2026", date(2026, 12, 24)),
    ("24 dec 2026", date(2026, 12, 24)),
    ("December 24, 2026", date(2026, 12, 24)),
    ("29/02/2028", date(2028, 2, 29)),
])
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == parse_date(text, "en") == expected


@pytest.mark.parametrize("text", [
    "31/02/2026", "29/02/2026", "31/04/2026", "00/09/2026", "01/13/2026", "01/00/2026",
    "2026-02-30", "31 juin 2026", "32 mai 2026", "June 31, 2026", "0 septembre 2026",
    "01/01/0000",
])
def test_impossible_date(text: str) -> None:
    assert error_code(lambda: parse_date(text)) == "impossible_date"


@pytest.mark.parametrize("text", [
    "septembre 2026", "September 2026", "01/09/26", "1/9", "01/09", "2026", "demain", "today", "hier", "yesterday",
    "1 sept", "1 foo 2026", "01/09-2026", "1er septembre 20266", "2026-09", "abc",
    "123/09/2026", "1 2 2026", "[/]",
])
def test_not_a_date(text: str) -> None:
    assert error_code(lambda: parse_date(text)) == "not_a_date"


ON = date(2026, 12, 2)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("3 juillet", "fr", date(2027, 7, 3)), ("3 July", "en", date(2027, 7, 3)), ("the 3rd of July", "en", date(2027, 7, 3)),
    ("2 décembre", "fr", ON), ("1er décembre", "fr", date(2027, 12, 1)), ("31 dec", "en", date(2026, 12, 31)),
    ("29 février", "fr", date(2028, 2, 29)),
    ("03/07/27", "fr", date(2027, 7, 3)), ("03/07/27", "en", date(2027, 7, 3)), ("07/23/27", "en", date(2027, 7, 23)),
    ("1.9.99", "fr", date(2099, 9, 1)), ("03/07/26", "fr", date(2026, 7, 3)),  # read, then refused as passed
    ("aujourd'hui", "fr", ON), ("Aujourd’hui", "fr", ON), ("aujourdhui", "en", ON), ("today", "en", ON),
    ("demain", "fr", date(2026, 12, 3)), ("Tomorrow", "fr", date(2026, 12, 3)),
    ("hier", "fr", date(2026, 12, 1)), ("Hier", "en", date(2026, 12, 1)), ("yesterday", "en", date(2026, 12, 1)),
    ("Yesterday", "fr", date(2026, 12, 1)),
    ("1er septembre 2026", "fr", date(2026, 9, 1)),  # a whole date is as it is
])
def test_parse_date_from_the_rules_date(text: str, lang: str, expected: date) -> None:
    assert parse_date(text, lang, ON) == expected


@pytest.mark.parametrize(("text", "code"), [
    ("31 juin", "impossible_date"), ("30 février", "impossible_date"), ("31/02/27", "impossible_date"),
    ("septembre", "not_a_date"), ("1/9", "not_a_date"), ("après-demain", "not_a_date"), ("avant-hier", "not_a_date"),
    ("03/07/2", "not_a_date"),
])
def test_parse_date_from_the_rules_date_still_refuses(text: str, code: str) -> None:
    assert error_code(lambda: parse_date(text, "fr", ON)) == code


# --- choices --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("1", "private_employee"),
    ("2", "public_agent"),
    ("2.", "public_agent"),
    ("2)", "public_agent"),
    (" 3 ", "job_seeker"),
    ("n°4", "self_employed"),
    ("N° 4", "self_employed"),
    ("nº4", "self_employed"),
    ("no. 5", "retired"),
    ("#5", "retired"),
    ("salarié du secteur privé", "private_employee"),
    ("SALARIE DU SECTEUR PRIVE", "private_employee"),
    ("private-sector employee", "private_employee"),
    ("private sector employee", "private_employee"),
    ("private_employee", "private_employee"),
    ("Job_Seeker", "job_seeker"),
    ("salarié", "private_employee"),
    ("salarie prive", "private_employee"),
    ("privé", "private_employee"),
    ("private", "private_employee"),
    ("je suis salarié", "private_employee"),
    ("je suis salarié du privé", "private_employee"),
    ("I am a job seeker", "job_seeker"),
    ("I'm a job seeker", "job_seeker"),
    ("demandeur d’emploi", "job_seeker"),
    ("je suis demandeur d'emploi", "job_seeker"),
    ("demandeur", "job_seeker"),
    ("fonctionnaire", "public_agent"),
    ("civil servant", "public_agent"),
    ("indépendant", "self_employed"),
    ("indep", "self_employed"),
    ("self employed", "self_employed"),
    ("retraité", "retired"),
    ("sal", "private_employee"),
    ("job", "job_seeker"),
])
def test_match_status(text: str, expected: str) -> None:
    assert match_choice(text, STATUSES) == expected


@pytest.mark.parametrize(("text", "candidates"), [
    ("employee", ["private_employee", "public_agent"]),
    ("sector", ["private_employee", "public_agent"]),
    ("sector employee", ["private_employee", "public_agent"]),
])
def test_ambiguous_status(text: str, candidates: list[str]) -> None:
    with pytest.raises(AnswerError) as info:
        match_choice(text, STATUSES)
    assert info.value.code == "ambiguous_choice"
    assert info.value.params == {"candidates": candidates}


@pytest.mark.parametrize("text", ["xyz", "je suis", "le", "étudiant", "s", "!!!", "[/]", "ret ired"])
def test_unknown_status(text: str) -> None:
    assert error_code(lambda: match_choice(text, STATUSES)) == "unknown_choice"


@pytest.mark.parametrize("text", ["0", "6", "99", "n°0", "123456789012345678901234567890"])
def test_choice_out_of_range(text: str) -> None:
    with pytest.raises(AnswerError) as info:
        match_choice(text, STATUSES)
    assert info.value.code == "choice_out_of_range"
    assert info.value.params == {"count": 5}


def test_empty_choices() -> None:
    assert error_code(lambda: match_choice("1", [])) == "choice_out_of_range"
    assert error_code(lambda: match_choice("oui", [])) == "unknown_choice"


@pytest.mark.parametrize("code", LICENCE_CODES)
def test_every_licence_code_picks_itself(code: str) -> None:
    assert match_choice(code, LICENCES) == code
    assert match_choice(code.lower(), LICENCES) == code
    assert match_choice(f"permis {code.lower()}", LICENCES) == code
    assert match_choice(f"{code} licence", LICENCES) == code


def test_licence_codes_with_bare_labels() -> None:
    bare = tuple(Choice(code, (code,)) for code in LICENCE_CODES)
    assert match_choice("b", bare) == "B"
    assert match_choice("c1e", bare) == "C1E"


def test_licence_codes_with_descriptive_labels() -> None:
    described = (
        Choice("A", ("permis A (moto)", "A licence (motorcycle)")),
        Choice("A1", ("permis A1 (moto légère)", "A1 licence (light motorcycle)")),
        Choice("B", ("permis B (voiture)", "B licence (car)")),
        Choice("B1", ("permis B1 (quadricycle)", "B1 licence (quadricycle)")),
        Choice("BE", ("permis BE (voiture et remorque)", "BE licence (car and trailer)")),
    )
    assert match_choice("b", described) == "B"
    assert match_choice("permis b", described) == "B"
    assert match_choice("Permis B", described) == "B"
    assert match_choice("le permis a", described) == "A"
    assert match_choice("trailer", described) == "BE"
    assert match_choice("remorque", described) == "BE"
    assert match_choice("quadricycle", described) == "B1"
    for text, candidates in (("moto", ["A", "A1"]), ("voiture", ["B", "BE"])):
        with pytest.raises(AnswerError) as info:
            match_choice(text, described)
        assert info.value.params == {"candidates": candidates}


@pytest.mark.parametrize(("text", "expected"), [
    ("cap_bep", "cap_bep"),
    ("CAP", "cap_bep"),
    ("cap/bep", "cap_bep"),
    ("bac", "bac"),
    ("baccalaureat", "bac"),
    ("aucun", "none"),
    ("none", "none"),
])
def test_match_diploma(text: str, expected: str) -> None:
    assert match_choice(text, DIPLOMAS) == expected


def test_exact_label_beats_value_and_prefix() -> None:
    choices = (Choice("x", ("b",)), Choice("b", ("other",)), Choice("y", ("b c",)))
    assert match_choice("b", choices) == "x"


def test_enum_values() -> None:
    class Colour(enum.Enum):
        RED = "red_colour"
        BLUE = "blue_colour"

    choices = (Choice(Colour.RED, ("rouge", "red")), Choice(Colour.BLUE, ("bleu", "blue")))
    assert match_choice("RED", choices) is Colour.RED
    assert match_choice("blue_colour", choices) is Colour.BLUE
    assert match_choice("2", choices) is Colour.BLUE


# --- don't know -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "je ne sais pas", "Je ne sais pas.", "je sais pas", "sais pas", "ne sais pas", "jsp", "JSP",
    "nsp", "aucune idée", "aucune idee", "inconnu", "je n’en sais rien", "I don't know",
    "I don’t know", "i do not know", "dont know", "don't know", "idk", "IDK!", "no idea",
    "unknown", "Unknown", "  je  ne   sais\tpas  ", "not sure",
])
def test_dont_know(text: str) -> None:
    assert is_dont_know(text) is True


@pytest.mark.parametrize("text", [
    "?", "??", "", "oui", "non", "no", "je sais", "know", "I know", "aide",
    "je ne sais pas quoi répondre à propos du CPF", "1200",
])
def test_not_dont_know(text: str) -> None:
    assert is_dont_know(text) is False


# --- commands -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("aide", Command("help")),
    ("Aide", Command("help")),
    ("AIDE !", Command("help")),
    ("help", Command("help")),
    ("help?", Command("help")),
    ("/help", Command("help")),
    ("?", Command("help")),
    (" ?? ", Command("help")),
    ("pourquoi", Command("why")),
    ("pourquoi ?", Command("why")),
    ("Pourquoi ?", Command("why")),
    ("why", Command("why")),
    ("why?", Command("why")),
    ("retour", Command("back")),
    ("back", Command("back")),
    ("précédent", Command("back")),
    ("precedent", Command("back")),
    ("previous", Command("back")),
    ("je veux revenir en arrière", Command("back")),
    ("résumé", Command("summary")),
    ("resume", Command("summary")),
    ("RÉSUMÉ", Command("summary")),
    ("summary", Command("summary")),
    ("récapitulatif", Command("summary")),
    ("recap", Command("summary")),
    ("modifier 3", Command("change", 3)),
    ("Modifier 3", Command("change", 3)),
    (f"modifier{NBSP}3", Command("change", 3)),
    ("change 3", Command("change", 3)),
    ("edit 3", Command("change", 3)),
    ("changer 12", Command("change", 12)),
    ("modifier n°3", Command("change", 3)),
    ("modifier la question 3", Command("change", 3)),
    ("edit #3", Command("change", 3)),
    ("modifier", Command("change")),
    ("change", Command("change")),
    ("edit ?", Command("change")),
    ("modifier 0", Command("change")),
    ("recommencer", Command("restart")),
    ("restart", Command("restart")),
    ("reset", Command("restart")),
    ("start over", Command("restart")),
    ("recommencer à zéro", Command("restart")),
    ("langue en", Command("lang", "en")),
    ("langue anglais", Command("lang", "en")),
    ("lang fr", Command("lang", "fr")),
    ("language french", Command("lang", "fr")),
    ("Language English", Command("lang", "en")),
    ("english", Command("lang", "en")),
    ("English", Command("lang", "en")),
    ("français", Command("lang", "fr")),
    ("francais", Command("lang", "fr")),
    ("en anglais", Command("lang", "en")),
    ("in french", Command("lang", "fr")),
    ("in English", Command("lang", "en")),
    ("lang:en", Command("lang", "en")),
    ("lang: fr", Command("lang", "fr")),
    ("langue", Command("lang")),
    ("language", Command("lang")),
    ("langue allemand", Command("lang")),
    ("language german", Command("lang")),
    ("language course", None),  # an answer ("a language course"), not a switch
    ("langue des signes", None),
    ("quitter", Command("quit")),
    ("quit", Command("quit")),
    ("exit", Command("quit")),
    ("au revoir", Command("quit")),
    ("Au revoir !", Command("quit")),
    ("bye", Command("quit")),
])
def test_parse_command(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "h", "q", "oui", "non", "3", "en", "fr", "anglais", "retour à l'emploi",
    "je veux de l'aide pour mon CPF", "help me with my training", "pourquoi pas",
    "changer d'emploi", "modifier mon contrat", "langue des signes", "résumé de formation",
    "aide;", "[aide]", "aide\x1b[31m", "quitter mon emploi", "back office", "restart 3",
    "why not", "exit interview",
])
def test_not_a_command(text: str) -> None:
    assert parse_command(text) is None


# --- properties -----------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "[/]", "[bold]", "\x1b[31m", "\x1b[0m", "\x00", "\r\n", NBSP, NNBSP, "€", "1 200,50",
    "1,200.50", "-", ".", ",", "'", "’", "/", "31/02/2026", "1er", "septembre", "sept.",
    "2026", "oui", "non", "modifier", "langue", "?", "!", "n°", "#", "\ud800", "é", "\u0301",
    "ﬁ", "İ", "ß", "NaN", "Infinity", "1e999", "0" * 50,
])
TEXTS = st.lists(st.one_of(st.text(), FRAGMENTS), max_size=12).map("".join)
# Lone surrogates come from terminals decoding bad bytes with surrogateescape.
SURROGATE_TEXTS = st.text(st.characters(categories=["Cs"]) | st.characters())
HUGE_TEXTS = st.builds(
    lambda s, n: ((s or "x") * (n // max(len(s), 1) + 1))[:n], TEXTS, st.integers(1, 100_000))


def _call_everything(text: str) -> None:
    normalize(text)
    is_dont_know(text)
    parse_command(text)
    calls: list[Callable[[], object]] = [
        lambda: parse_yes_no(text),
        lambda: parse_number(text, "fr"),
        lambda: parse_number(text, "en"),
        lambda: parse_amount(text, "fr"),
        lambda: parse_date(text, "fr"),
        lambda: parse_date(text, "en"),
        lambda: match_choice(text, STATUSES),
        lambda: match_choice(text, LICENCES),
    ]
    for call in calls:
        try:
            call()
        except AnswerError as error:
            assert error.code in ERROR_CODES


@settings(max_examples=200, deadline=None)
@given(TEXTS | SURROGATE_TEXTS)
def test_only_answer_errors(text: str) -> None:
    _call_everything(text)


@settings(max_examples=10, deadline=None)
@given(HUGE_TEXTS)
def test_only_answer_errors_on_huge_input(text: str) -> None:
    _call_everything(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS | SURROGATE_TEXTS)
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once
    assert not any(c.isspace() and c != " " for c in once)
    assert "’" not in once and "\x1b" not in once


@settings(max_examples=50, deadline=None)
@given(
    code=st.sampled_from(LICENCE_CODES),
    case=st.sampled_from([str.lower, str.upper]),
    before=st.sampled_from(["", " ", NBSP, "\t"]),
    after=st.sampled_from(["", " ", NNBSP, "\n"]),
)
def test_licence_codes_in_any_case_and_spacing(
    code: str, case: Callable[[str], str], before: str, after: str
) -> None:
    assert match_choice(before + case(code) + after, LICENCES) == code


@pytest.mark.parametrize(("text", "flagged"), [
    ("1 85 05 78 006 084 36", True), ("185057800608436", True), ("2.85.05.2A.006.084", True),
    ("mon numéro : 1-85-05-78-006-084", True), ("1 200", False), ("1200,50", False),
    ("01/09/2026", False), ("06 12 34 56 78", False), ("12345678901234567890", False), ("", False),
])
def test_social_security_numbers_are_recognised(text: str, flagged: bool) -> None:
    assert looks_like_social_security_number(text) is flagged
