"""Formats and sentences in each language."""

from datetime import date
from decimal import Decimal

import pytest

from bot.i18n import Phrase, Translator, language_from_env, placeholders, translator
from bot.rules.model import Days, Hours, Money


def test_french_formats_use_non_breaking_spaces() -> None:
    tr = translator("fr")
    assert tr.money(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert tr.money(Decimal("500")) == "500\u00a0€"
    assert tr.hours(Decimal(1607)) == "1\u202f607\u202fh"
    assert tr.date(date(2026, 5, 4)) == "4 mai 2026"
    assert tr.date(date(2026, 4, 1)) == "1er avril 2026"


def test_english_formats() -> None:
    tr = translator("en")
    assert tr.money(Decimal("1234.5")) == "€1,234.50"
    assert tr.money(Decimal("5000")) == "€5,000"
    assert tr.hours(Decimal(150)) == "150\u00a0h"
    assert tr.date(date(2026, 5, 4)) == "4 May 2026"


def test_typed_placeholders() -> None:
    tr = translator("en")
    assert tr.format(Money(Decimal("217.8"))) == "€217.80"
    assert tr.format(Hours(Decimal(25))) == "25\u00a0h"
    assert tr.format(Days(30)) == "30"
    assert tr.format(True) == "yes"
    assert tr.format(Phrase("label.no")) == "no"


def test_plural_forms() -> None:
    assert "1 réponse\u202f;" in translator("fr").text("dialog.prefilled", count=1)
    assert "2 réponses\u202f;" in translator("fr").text("dialog.prefilled", count=2)
    assert "1 answer;" in translator("en").text("dialog.prefilled", count=1)


def test_placeholder_values_are_not_reinterpreted() -> None:
    text = translator("fr").text("error.unknown_field", field="{status} [bold]x[/]")
    assert "{status} [bold]x[/]" in text


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "fr"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"), ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US"}, "fr"),
    ({"LANG": "C.UTF-8"}, "fr"), ({"LC_ALL": "", "LANG": "en_US"}, "en"),
])
def test_language_from_environment(environ: dict[str, str], lang: str) -> None:
    assert language_from_env(environ) == lang


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        Translator("de")


def test_placeholders() -> None:
    assert placeholders("{a} and {b:>3} but not {{c}}") == {"a", "b"}


@pytest.mark.parametrize(("lang", "shown"), [
    ("fr", ["1\u00a0mois", "3\u00a0mois", "1,5\u00a0mois", "01/03/2027"]),
    ("en", ["1\u00a0month", "3\u00a0months", "1.5\u00a0months", "01/03/2027"]),
])
def test_months_take_their_plural_and_a_date_its_digits(lang: str, shown: list[str]) -> None:
    from bot.i18n import Months, NumericDate

    tr = translator(lang)
    assert [tr.format(Months(1)), tr.format(Months(Decimal(3))), tr.format(Months(Decimal("1.5"))),
            tr.format(NumericDate(date(2027, 3, 1)))] == shown


@pytest.mark.parametrize(("lang", "shown"), [
    ("fr", ["0\u00a0an", "1\u00a0an", "14\u00a0ans", "1,5\u00a0an", "2,5\u00a0ans"]),
    ("en", ["0\u00a0years", "1\u00a0year", "14\u00a0years", "1.5\u00a0years", "2.5\u00a0years"]),
])
def test_years_take_their_plural(lang: str, shown: list[str]) -> None:
    """An age or years worked: the catalog's plural for a whole number, babel's for a fraction."""
    from bot.i18n import Years

    tr = translator(lang)
    assert [tr.format(Years(0)), tr.format(Years(1)), tr.format(Years(Decimal(14))),
            tr.format(Years(Decimal("1.5"))), tr.format(Years(Decimal("2.5")))] == shown
