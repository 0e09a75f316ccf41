"""Numbers and amounts as people type them: French or English separators, euros, units.

Spaces (including U+00A0 and U+202F) always group thousands. With both "." and "," the
last one is the decimal separator; a repeated one groups thousands; a lone one is
decimal, except the language's thousands separator before exactly three digits: the one
of "." and "," that is not its decimal separator (from babel), so "1,200" is 1200 in
English and 1.2 in French, "1.607" is 1607 in French. The currency words and symbols
and the units allowed after a number come from the vocabulary; `typed_unit` says whether
a number was typed as euros or as hours, so a question in the other unit can refuse it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import alternation, prepare
from bot.dialogue.interpret.vocabulary import decimal_separator, understood
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES


@cache
def _number_re() -> re.Pattern[str]:
    vocabulary = understood()
    currency = alternation(vocabulary.currency)
    units = alternation(vocabulary.currency | vocabulary.units)
    return re.compile(
        rf"(?P<sign>[+-]?)\s*(?:(?P<currency>{currency})\s*)?(?P<sign2>[+-]?)\s*"
        rf"(?P<number>[0-9.,](?:[0-9., ]*[0-9])?)\s*(?P<unit>{units})?"
    )


def language(lang: str) -> str:
    """The language of `lang` among `bot.i18n.LANGUAGES` ("en_GB", "EN" -> "en"), else the default."""
    primary = lang.strip().lower().replace("-", "_").split("_")[0]
    return next((known for known in LANGUAGES if primary.startswith(known)), DEFAULT_LANGUAGE)


def _grouping(lang: str) -> str:
    """The lone separator that groups thousands before three digits in this language."""
    return "," if decimal_separator(language(lang)) == "." else "."


def _decimal_separator(number: str, grouping: str) -> str | None:
    """The decimal separator of `number` ("." or ","), or None when it is an integer."""
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return None
    separator = number[last]
    if ("," if separator == "." else ".") in number:
        return separator  # two kinds: the last one is the decimal separator
    if number.count(separator) > 1:
        return None  # repeated: a thousands separator
    head, tail = number[:last], number[last + 1:]
    # The language's thousands separator before exactly three digits ("1,200" in English).
    if separator == grouping and len(tail) == 3 and _is_leading_group(head):
        return None
    return separator


def _is_leading_group(head: str) -> bool:
    return head.isdigit() and len(head) <= 3 and not head.startswith("0")


def _ungroup(integer: str) -> str | None:
    """The digits of an integer part written with one kind of thousands separator."""
    separators = set(integer) - set("0123456789")
    if not separators:
        return integer
    if len(separators) > 1:
        return None
    first, *groups = integer.split(separators.pop())
    if not 1 <= len(first) <= 3 or any(len(g) != 3 for g in groups):
        return None
    digits = first + "".join(groups)
    return digits if digits.isdigit() else None


def _to_decimal(number: str, grouping: str) -> Decimal | None:
    separator = _decimal_separator(number, grouping)
    integer, fraction = number.rsplit(separator, 1) if separator else (number, "")
    digits = _ungroup(integer)
    if digits is None or (separator and not (fraction.isascii() and fraction.isdigit())):
        return None
    return Decimal(f"{digits or '0'}.{fraction}" if separator else digits)


def parse_number(text: str, lang: str = "fr") -> Decimal:
    """A Decimal from "1 200,50", "1,200.50 €", "€1,200", "1 607 h", "12 mois", "-5"...

    `lang` settles the one ambiguity, a lone separator before three digits (see above);
    any code starting with a known language counts as it ("en_GB"), others as French.
    """
    match = _number_re().fullmatch(prepare(text))
    if match is None or (match["sign"] and match["sign2"]) or (match["currency"] and match["unit"]):
        raise AnswerError("not_a_number")
    # "€1,200": the symbol first is the English way of writing money, whatever the session.
    symbol_first = match["currency"] in understood().currency_symbols
    value = _to_decimal(match["number"], "," if symbol_first else _grouping(lang))
    if value is None:
        raise AnswerError("not_a_number")
    # copy_negate is exact, unlike unary minus which rounds to the context precision.
    return value.copy_negate() if "-" in (match["sign"], match["sign2"]) else value


def typed_unit(text: str) -> str | None:
    """What `text`, a number, says it counts: "money" (a currency word or symbol before or
    after it: "120 €", "€120", "120 euros"), "hours" ("120 h", "120 heures"), else None."""
    match = _number_re().fullmatch(prepare(text))
    if match is None:
        return None
    vocabulary = understood()
    if match["currency"] or match["unit"] in vocabulary.currency:
        return "money"
    return "hours" if match["unit"] in vocabulary.hours else None


def separator_readings(text: str, lang: str = "fr") -> tuple[Decimal, Decimal] | None:
    """Both readings of a number whose lone "," or "." stands before exactly three digits
    and is read as decimals in `lang` (French "1,200", English "1.200": 1.2, or 1200?),
    the decimal one first; else None (English "1,200" is plainly 1200)."""
    match = _number_re().fullmatch(prepare(text))
    number = match["number"] if match else ""
    separators = [c for c in number if c in ".,"]
    if len(separators) != 1 or " " in number:
        return None
    head, tail = number.split(separators[0])
    if len(tail) != 3 or not tail.isdigit() or not _is_leading_group(head):
        return None
    read = parse_number(text, lang)
    whole = Decimal(head + tail)
    if read.copy_abs() == whole:
        return None  # read as thousands: what people mean by a separator before three digits
    return read, whole.copy_negate() if read < 0 else whole


def parse_amount(text: str, lang: str = "fr") -> Decimal:
    """A number that must not be negative (`negative` otherwise); "-0" reads as 0."""
    value = parse_number(text, lang)
    if value < 0:
        raise AnswerError("negative")
    return value.copy_abs()
