"""Translations and formats: one `Translator` per language, a value a session carries.

Catalogs are the gettext PO files under `locales/<lang>/LC_MESSAGES/` (all domains of a
language merged), keyed by symbolic message ids (`explain.credit_full`, `error.not_json`).
Texts are whole sentences with named `{placeholders}`; typed values are formatted with
babel in the language's conventions (`1 234,50 €` in French, `€1,234.50` in English).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache, cached_property
from gettext import GNUTranslations
from string import Formatter
from typing import TYPE_CHECKING, Any, NamedTuple

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from bot.i18n import compiled
from bot.io.compiled import compiled as kept_compiled
from bot.paths import data_dir

if TYPE_CHECKING:
    from bot.i18n.locale_data import KeptLocale

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
FORMATS_KEPT = 4096  # formatted values a translator keeps (amounts, dates); then it starts afresh


def language_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """The language of LC_ALL, else LANG, when it is one we speak; French otherwise."""
    for name in ("LC_ALL", "LANG"):
        code = environ.get(name, "")[:2].lower()
        if code in LANGUAGES:
            return code
        if environ.get(name):
            break
    return DEFAULT_LANGUAGE


@cache
def _translations(lang: str) -> GNUTranslations:
    """Every catalog domain of a language merged, from its compiled (MO) files, loaded once
    (see `bot.i18n.compiled`: a PO source newer than its MO file is compiled first). The
    merged messages are kept compiled too (`bot.io.compiled`, keyed on the MO files' bytes):
    reading them back costs a tenth of parsing every MO file."""
    files = compiled.mo_files(os.path.join(data_dir("locales"), lang, "LC_MESSAGES"), lang)
    return compiled.translations(*kept_compiled(files, lambda: compiled.merged(files)))


@cache
def babel_locale(locale: str) -> KeptLocale:
    """The babel locale, made once (babel's formats parse a locale name at every call),
    its format tables read from a small kept copy (`bot.i18n.locale_data`)."""
    from bot.i18n.locale_data import kept_locale

    return kept_locale(locale)


@cache
def _whole_money_pattern(locale: str) -> str:
    """The locale's currency pattern without decimals, for whole amounts ("500 €")."""
    pattern: str = babel_locale(locale).currency_formats["standard"].pattern
    return pattern.replace(".00", "")


# The typed placeholders below are named tuples, not frozen dataclasses: each is defined at
# every start, and a dataclass costs about seven times as much to define.
class Phrase(NamedTuple):
    """A placeholder that is itself a catalog sentence (a label, a field's name)."""

    key: str


class NumericDate(NamedTuple):
    """A date written with digits as the language writes it ("01/03/2027"), where a plain
    date placeholder is written in words ("1er mars 2027")."""

    value: date


class Months(NamedTuple):
    """A number of months ("3 mois", "1 month"), whole or not ("1,5 mois")."""

    amount: Decimal | int


class Years(NamedTuple):
    """A number of years ("14 ans", "1 year"), whole or not ("2,5 ans")."""

    amount: Decimal | int


class Translator:
    """Sentences and formats of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        self.lang = lang
        self.locale = BABEL_LOCALES[lang]
        self._catalog = _translations(lang)
        self._messages: dict[Any, str] = self._catalog._catalog  # type: ignore[attr-defined]
        # Formatted values by (type, text) of the value: the same amounts and dates come
        # back every turn (a question's figures), and babel takes microseconds for each.
        self._formatted: dict[tuple[str, type, str], str] = {}
        self._plain: dict[str, str] = {}  # sentences without parameters, as `text` gives them

    @cached_property
    def _babel(self) -> KeptLocale:
        """The babel locale, read when a first value is formatted: the first question has none."""
        return babel_locale(self.locale)

    def has(self, key: str) -> bool:
        return self._catalog.gettext(key) != key

    def text_template(self, key: str) -> str:
        """The raw catalog sentence, placeholders unfilled."""
        template: str = self._catalog.gettext(key)
        return template

    def text(self, key: str, /, **params: Any) -> str:
        """The sentence `key` with its placeholders formatted for this language.

        A `count` parameter picks the plural form when the catalog entry has plurals.
        """
        if not params:  # labels, headings: the same text every time
            found = self._plain.get(key)
            if found is None:
                found = self.text_template(key).format()
                if len(self._plain) >= FORMATS_KEPT:
                    self._plain.clear()
                self._plain[key] = found
            return found
        count = params.get("count")
        if isinstance(count, int) and (key, 0) in self._messages:
            template: str = self._catalog.ngettext(key, key, count)
        else:
            template = self.text_template(key)
        return template.format(**{name: self.format(value) for name, value in params.items()})

    def format(self, value: Any) -> str:
        """A placeholder value as a person of this language reads it."""
        match value:
            case str():
                return str(value)
            case bool():
                return self.text("label.yes") if value else self.text("label.no")
            case date():
                return self.date(value)
            case Decimal() | int() | float():
                return self.number(value)
            case Phrase(key=key):
                return self.text(key)
            case NumericDate(value=day):
                return self.numeric_date(day)
            case Months(amount=amount):
                return self.months(amount)
            case Years(amount=amount):
                return self.years(amount)
            case _:
                return self._typed(value)

    def _typed(self, value: Any) -> str:
        """The rules' typed placeholders; their module is imported with the rules, so not
        when a sentence has none (the first question)."""
        from bot.rules.model import Days, Hours, Money, Term

        match value:
            case Money(amount=amount):
                return self.money(amount)
            case Hours(amount=amount):
                return self.hours(amount)
            case Days(count=count):
                return self.number(count)
            case Term(code=code):
                return self.text(f"term.{code}")
            case _:
                return str(value)

    def join(self, items: list[str]) -> str:
        """Items of a list (references, codes) with this language's separator."""
        return self.text_template("format.list_separator").join(items)

    def _kept(self, kind: str, value: Any, make: Callable[[Any], str]) -> str:
        """`make(value)`, formatted once per distinct value (bounded)."""
        key = (kind, type(value), str(value))
        found = self._formatted.get(key)
        if found is None:
            found = make(value)
            if len(self._formatted) >= FORMATS_KEPT:
                self._formatted.clear()
            self._formatted[key] = found
        return found

    def money(self, amount: Decimal) -> str:
        return self._kept("money", amount, self._money)

    def _money(self, amount: Decimal) -> str:
        if amount == amount.to_integral_value():
            return str(format_currency(amount, "EUR", _whole_money_pattern(self.locale),
                                       locale=self._babel, currency_digits=False))
        # The pattern's own two decimals, which are the euro's: `currency_digits` would read
        # them from babel's global data, which formatting otherwise never loads.
        return str(format_currency(amount, "EUR", locale=self._babel, currency_digits=False))

    def hours(self, amount: Decimal) -> str:
        return self.text("format.hours", number=self.number(amount))

    def months(self, amount: Decimal | int) -> str:
        """A number of months, its noun in the plural form it takes ("1,5 mois", "1.5 months")."""
        return self._counted("format.months", amount)

    def years(self, amount: Decimal | int) -> str:
        """A number of years, its noun in the plural form it takes ("1 an", "14 ans", "1 year")."""
        return self._counted("format.years", amount)

    def _counted(self, key: str, amount: Decimal | int) -> str:
        """The plural sentence `key` for a number: the catalog's plural for a whole number,
        babel's (CLDR) category for a fraction."""
        amount = Decimal(amount)
        if amount == amount.to_integral_value():
            count = int(amount)
        else:
            count = 1 if self._babel.plural_form(amount) == "one" else 2
        return self.text(key, count=count, number=self.number(amount))

    def number(self, value: Decimal | int | float) -> str:
        return self._kept("number", value, self._number)

    def _number(self, value: Decimal | int | float) -> str:
        try:
            return str(format_decimal(value, locale=self._babel))
        except InvalidOperation:  # more digits than the decimal context holds (a typed 10**27)
            with localcontext() as context:
                context.prec = len(str(value)) + 40  # the integer part and any fraction digits
                return str(format_decimal(value, locale=self._babel))

    def percent(self, share: Decimal) -> str:
        """A share (0.24) as this language writes a whole percentage ("24 %", "24%")."""
        return self._kept("percent", share, lambda v: str(format_percent(v, locale=self._babel)))

    def _date(self, value: date) -> str:
        text = str(format_date(value, format="long", locale=self._babel))
        if self.lang == "fr" and value.day == 1:  # French writes the first of a month "1er"
            text = "1er" + text[1:]
        return text

    def numeric_date(self, value: date) -> str:
        """A date in digits, in the language's short format (babel): "01/03/2027"."""
        return self._kept("numeric_date", value,
                          lambda v: str(format_date(v, format="short", locale=self._babel)))

    def date(self, value: date) -> str:
        return self._kept("date", value, self._date)


@cache
def translator(lang: str) -> Translator:
    """The shared, immutable translator of a language."""
    return Translator(lang)


class Reworded(Translator):
    """A translator that says some sentences in a channel's own words: each key of
    `wording` is said by the sentence of its value (the web widget names its buttons
    where the terminal names typed commands)."""

    def __init__(self, lang: str, wording: Mapping[str, str]) -> None:
        super().__init__(lang)
        self.wording = wording

    def text_template(self, key: str) -> str:
        return super().text_template(self.wording.get(key, key))

    def text(self, key: str, /, **params: Any) -> str:
        return super().text(self.wording.get(key, key), **params)


def placeholders(template: str) -> set[str]:
    """The named placeholders of a catalog sentence."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}
