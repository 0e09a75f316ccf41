"""Dates, numeric or with a month's name, day first as the session's locale writes them.

Numeric dates follow the order of the session's babel locale (`bot.i18n.BABEL_LOCALES`):
French and British English write the day first, so "03/07/2026" is 3 July 2026 in both.
English is also written month first (US): in an English session a numeric date that
cannot be read day first but can month first ("07/23/2026") is read that way; an
ambiguous one is read day first, and the echo of the answer shows which date it is.

A date needs a day, a month and a four-digit year: two-digit years ("01/09/26") are
rejected as `not_a_date` rather than guessed, and there are no relative dates ("today")
since nothing here reads a clock. Month names (babel's, plus the vocabulary's extra
spellings), ordinal suffixes ("1er", "1st") and fillers ("le", "the", "of") are those of
every language, whatever the session's.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Final

from babel.dates import get_date_format

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import alternation, prepare
from bot.dialogue.interpret.vocabulary import understood
from bot.i18n import BABEL_LOCALES

_DAY_MONTH_YEAR: Final = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_YEAR_MONTH_DAY: Final = re.compile(r"([0-9]{4})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_ALSO_OTHER_ORDER: Final = frozenset({"en"})  # languages also written in the other order (US English)


@cache
def _day_word() -> re.Pattern[str]:
    return re.compile(rf"([0-9]{{1,2}}){alternation(understood().ordinal_suffixes)}?")


@cache
def _day_first(lang: str) -> bool:
    """Whether the session's locale writes numeric dates day first (babel's short format)."""
    pattern: str = get_date_format("short", BABEL_LOCALES.get(lang, lang)).pattern
    return pattern.lower().index("d") < pattern.index("M")


def _numeric_date(normalized: str, lang: str) -> tuple[int, int, int] | None:
    if match := _DAY_MONTH_YEAR.fullmatch(normalized):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        day, month = (first, second) if _day_first(lang) else (second, first)
        if lang in _ALSO_OTHER_ORDER and month > 12 >= day:
            day, month = month, day  # cannot be read in the locale's order: the other one
        return year, month, day
    if match := _YEAR_MONTH_DAY.fullmatch(normalized):
        return int(match[1]), int(match[3]), int(match[4])
    return None


def _textual_date(normalized: str) -> tuple[int, int, int] | None:
    """(year, month, day) from "1er septembre 2026", "September 1st, 2026", "01 sept. 2026"."""
    vocabulary = understood()
    words = [w for w in re.sub(r"[,.]", " ", normalized).split() if w not in vocabulary.date_fillers]
    if len(words) != 3 or not re.fullmatch(r"[0-9]{4}", words[2]):
        return None
    for day_word, month_word in ((words[0], words[1]), (words[1], words[0])):
        day = _day_word().fullmatch(day_word)
        if day and month_word in vocabulary.months:
            return int(words[2]), vocabulary.months[month_word], int(day[1])
    return None


def parse_date(text: str, lang: str = "fr") -> date:
    """A date: "01/09/2026", "1-9-2026", "2026-09-01", "1er sept. 2026", "Sept 1, 2026".

    Month names are French or English, full or abbreviated, accents optional; `lang`
    sets the order of a numeric date (see above). A well-formed but nonexistent date
    ("31/02/2026") is `impossible_date`; anything else unreadable is `not_a_date`.
    """
    normalized = prepare(text)
    parts = _numeric_date(normalized, lang) or _textual_date(normalized)
    if parts is None:
        raise AnswerError("not_a_date")
    try:
        return date(*parts)
    except ValueError:
        raise AnswerError("impossible_date") from None
