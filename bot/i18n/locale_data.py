"""Babel locales that read the few tables our formats use from a small compiled copy.

A babel `Locale` reads its data on first use: it unpickles and merges the whole chain of
its CLDR files (root, fr, fr_FR: about 350 kB, all dates, units, zones and names) and
babel's global data (its parents), about fifteen milliseconds at a start that formats one
amount (`cpf-bot assess`). The tables numbers, amounts, percentages, dates and plurals
are made from (`KEPT`) are a few kilobytes; `kept_locale` gives a locale that reads those
from a copy kept compiled (`bot.io.compiled`, keyed on babel's data files), and any other
table from babel's whole data, loaded then. Amounts are in euros, so the currency tables
keep the euro's entries only. The copy is babel's own data, so the texts are
babel's to the character.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping
from typing import Any

from babel import Locale, localedata

from bot.io.compiled import compiled
from bot.paths import data_dir

# The tables babel's format_decimal, format_currency (which also looks up the currency's
# names), format_percent and format_date (long and short) and `Locale.plural_form` read;
# none of them needs the global data.
KEPT = ("number_symbols", "default_numbering_system", "decimal_formats", "currency_formats", "percent_formats",
        "currency_symbols", "currency_names", "currency_names_plural", "date_formats", "months", "days", "eras",
        "plural_form")
CURRENCY = "EUR"  # the one currency amounts are written in: its tables keep only its entries
BY_CURRENCY = ("currency_symbols", "currency_names", "currency_names_plural")


class _Kept(localedata.LocaleDataDict):
    """The kept tables, and babel's whole data for any other (read when first asked for)."""

    def __init__(self, kept: dict[str | int | None, Any], name: str) -> None:
        super().__init__(kept)
        self.name = name

    def __getitem__(self, key: str | int | None) -> Any:
        if key in self._data:
            return super().__getitem__(key)
        return Locale.parse(self.name)._data[key]


class KeptLocale(Locale):
    """A babel locale (`fr_FR`) whose tables come from `_Kept`."""

    def __init__(self, name: str, kept: dict[str | int | None, Any]) -> None:
        language, _, territory = name.partition("_")
        super().__init__(language, territory or None)
        self._kept = _Kept(kept, name)

    @property
    def _data(self) -> localedata.LocaleDataDict:  # babel's Locale reads every table through it
        return self._kept


def _plain(value: Any) -> Any:
    """A table with babel's aliases resolved, as plain dictionaries."""
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    return value


def _tables(name: str) -> bytes:
    whole = Locale.parse(name)._data
    tables = {key: _plain(whole[key]) for key in KEPT}
    for key in BY_CURRENCY:
        tables[key] = {CURRENCY: tables[key][CURRENCY]}
    return pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)


def _sources(name: str) -> list[str]:
    """What the kept copy is made from: this module (`KEPT`) and babel's files."""
    return [__file__, *babel_files(name)]


def babel_files(name: str) -> list[str]:
    """Babel's files for the locale `name`: its own, its language's, the root's and the
    global data (which names parents; a babel upgrade rewrites them all). What is made from
    babel's data and kept compiled is keyed on them."""
    files = dict.fromkeys((name, name.partition("_")[0], "root"))
    return [*map(localedata.resolve_locale_filename, files),
            os.path.join(os.path.dirname(localedata._dirname), "global.dat")]


def kept_locale(name: str) -> KeptLocale:
    """The babel locale `name` ("fr_FR"), its format tables read from the kept copy (named
    after `locales/<language>/babel-<name>`, beside the catalogs)."""
    language = name.partition("_")[0]
    blob = compiled(_sources(name), lambda: _tables(name),
                    name=os.path.join(data_dir("locales"), language, f"babel-{name}"))
    return KeptLocale(name, pickle.loads(blob))
