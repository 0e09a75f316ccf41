"""The babel locales the translators format with (bot.i18n.locale_data): babel's own texts
to the character, from a small kept copy of its tables, and babel's whole data for any
other table."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from bot.i18n import BABEL_LOCALES, translator
from bot.i18n.locale_data import KEPT, _sources, kept_locale

AMOUNTS = [Decimal("0"), Decimal("0.5"), Decimal("12.34"), Decimal("500"), Decimal("1234.5"), Decimal("-80.01"),
           Decimal("1234567.891"), 7, 1.25]
DAYS = [date(2025, 6, 1), date(2026, 1, 31), date(2027, 3, 1), date(2019, 12, 25)]


@pytest.mark.parametrize("name", sorted(BABEL_LOCALES.values()))
def test_the_kept_locale_writes_what_babel_writes(name: str) -> None:
    kept, whole = kept_locale(name), Locale.parse(name)
    for amount in AMOUNTS:
        assert format_decimal(amount, locale=kept) == format_decimal(amount, locale=whole)
        assert format_currency(amount, "EUR", locale=kept, currency_digits=False) == \
            format_currency(amount, "EUR", locale=whole)
        assert format_currency(amount, "EUR", "#,##0 ¤", locale=kept, currency_digits=False) == \
            format_currency(amount, "EUR", "#,##0 ¤", locale=whole, currency_digits=False)
        assert format_percent(amount, locale=kept) == format_percent(amount, locale=whole)
        assert kept.plural_form(abs(amount)) == whole.plural_form(abs(amount))
    for day in DAYS:
        for form in ("long", "short"):
            assert format_date(day, format=form, locale=kept) == format_date(day, format=form, locale=whole)
    assert kept.currency_formats["standard"].pattern == whole.currency_formats["standard"].pattern


@pytest.mark.parametrize("name", sorted(BABEL_LOCALES.values()))
def test_a_table_that_is_not_kept_is_read_from_babel(name: str) -> None:
    assert "territories" not in KEPT
    assert kept_locale(name).territories["FR"] == Locale.parse(name).territories["FR"]


def test_the_copy_is_made_again_when_the_tables_kept_or_babel_change() -> None:
    read = _sources("en_GB")
    assert read[0].endswith(os.path.join("i18n", "locale_data.py"))  # `KEPT`
    assert [os.path.basename(path) for path in read[1:]] == ["en_GB.dat", "en.dat", "root.dat", "global.dat"]
    assert all(os.path.isfile(path) for path in read)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_translator_formats_amounts_with_the_euro_s_two_decimals(lang: str) -> None:
    tr = translator(lang)
    assert tr.money(Decimal("1234.5")) == format_currency(Decimal("1234.5"), "EUR", locale=BABEL_LOCALES[lang])
    assert tr.money(Decimal("0.125")) == format_currency(Decimal("0.125"), "EUR", locale=BABEL_LOCALES[lang])
