"""Dates, numeric or with a month's name, day first as the session's locale writes them.

Numeric dates follow the order of the session's babel locale (`bot.i18n.BABEL_LOCALES`):
French and British English write the day first, so "03/07/2026" is 3 July 2026 in both.
English is also written month first (US): in an English session a numeric date that
cannot be read day first but can month first ("07/23/2026") is read that way; an
ambiguous one is read day first, and the echo of the answer shows which date it is.

A date has a day, a month and a year of four digits. Given the rules date (`today`: the
date the session evaluates the rules at, never a clock), more is read from it:
- a numeric date's year of two digits is in the rules date's century ("03/07/27": 2027);
- a date with a month's name and no year ("3 juillet", "July 3rd") is the next such day
  on or after the rules date (29 February: the next one there is);
- "aujourd'hui" / "today" is the rules date, "demain" / "tomorrow" the day after and
  "hier" / "yesterday" the day before (a question that plans refuses it as passed).
Without it they are `not_a_date`. Month names (babel's, plus the vocabulary's extra
spellings), ordinal suffixes ("1er", "1st"), fillers ("le", "the", "of") and the words
for today, tomorrow and yesterday are those of every language, whatever the session's.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Final

from babel.dates import get_date_format

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import alternation, key, prepare
from bot.dialogue.interpret.vocabulary import understood
from bot.i18n import BABEL_LOCALES

_DAY_MONTH_YEAR: Final = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4}|[0-9]{2})")
_YEAR_MONTH_DAY: Final = re.compile(r"([0-9]{4})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_ALSO_OTHER_ORDER: Final = frozenset({"en"})  # languages also written in the other order (US English)
_LEAP_CYCLE: Final = 8  # years within which a day of the year comes again (29 February: 2096 to 2104)


@cache
def _day_word() -> re.Pattern[str]:
    return re.compile(rf"([0-9]{{1,2}}){alternation(understood().ordinal_suffixes)}?")


@cache
def _day_first(lang: str) -> bool:
    """Whether the session's locale writes numeric dates day first (babel's short format)."""
    pattern: str = get_date_format("short", BABEL_LOCALES.get(lang, lang)).pattern
    return pattern.lower().index("d") < pattern.index("M")


def _numeric_date(normalized: str, lang: str, today: date | None) -> tuple[int, int, int] | None:
    if match := _DAY_MONTH_YEAR.fullmatch(normalized):
        if len(match[4]) == 2 and today is None:
            return None  # a year of two digits needs the rules date's century
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) == 2 and today is not None:
            year += today.year // 100 * 100
        day, month = (first, second) if _day_first(lang) else (second, first)
        if lang in _ALSO_OTHER_ORDER and month > 12 >= day:
            day, month = month, day  # cannot be read in the locale's order: the other one
        return year, month, day
    if match := _YEAR_MONTH_DAY.fullmatch(normalized):
        return int(match[1]), int(match[3]), int(match[4])
    return None


def _textual_date(normalized: str, today: date | None) -> tuple[int, int, int] | None:
    """(year, month, day) from "1er septembre 2026", "September 1st, 2026", "01 sept. 2026",
    and with the rules date `today`, "3 juillet", "July 3rd" (the next one)."""
    vocabulary = understood()
    words = [w for w in re.sub(r"[,.]", " ", normalized).split() if w not in vocabulary.date_fillers]
    with_year = len(words) == 3 and re.fullmatch(r"[0-9]{4}", words[2]) is not None
    if not with_year and (len(words) != 2 or today is None):
        return None
    for day_word, month_word in ((words[0], words[1]), (words[1], words[0])):
        day = _day_word().fullmatch(day_word)
        if day and month_word in vocabulary.months:
            month = vocabulary.months[month_word]
            if with_year:
                return int(words[2]), month, int(day[1])
            assert today is not None
            return _next(today, month, int(day[1]))
    return None


def _next(today: date, month: int, day: int) -> tuple[int, int, int]:
    """The next `day` of `month` on or after `today` (an impossible one, as this year's)."""
    for year in range(today.year, today.year + _LEAP_CYCLE + 1):
        try:
            if date(year, month, day) >= today:
                return year, month, day
        except ValueError:  # 29 February of a common year; 31 June of any
            continue
    return today.year, month, day


def _relative_date(normalized: str, today: date | None) -> date | None:
    """The rules date for "aujourd'hui" / "today", the day after for "demain" / "tomorrow",
    the day before for "hier" / "yesterday"."""
    if today is None:
        return None
    words, vocabulary = key(normalized), understood()
    if words in vocabulary.today:
        return today
    if words in vocabulary.tomorrow:
        return today + timedelta(days=1)
    if words in vocabulary.yesterday:
        return today - timedelta(days=1)
    return None


def parse_date(text: str, lang: str = "fr", today: date | None = None) -> date:
    """A date: "01/09/2026", "1-9-2026", "2026-09-01", "1er sept. 2026", "Sept 1, 2026", and
    read from the rules date `today` when given, "01/09/26", "1er septembre", "demain", "hier".

    Month names are French or English, full or abbreviated, accents optional; `lang`
    sets the order of a numeric date (see above). A well-formed but nonexistent date
    ("31/02/2026") is `impossible_date`; anything else unreadable is `not_a_date`.
    """
    normalized = prepare(text)
    relative = _relative_date(normalized, today)
    if relative is not None:
        return relative
    parts = _numeric_date(normalized, lang, today) or _textual_date(normalized, today)
    if parts is None:
        raise AnswerError("not_a_date")
    try:
        return date(*parts)
    except ValueError:
        raise AnswerError("impossible_date") from None
