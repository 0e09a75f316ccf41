"""Dates, always day first (this is France), numeric or with a month's name.

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

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import alternation, prepare
from bot.dialogue.interpret.vocabulary import understood

_DAY_MONTH_YEAR: Final = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_YEAR_MONTH_DAY: Final = re.compile(r"([0-9]{4})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")


@cache
def _day_word() -> re.Pattern[str]:
    return re.compile(rf"([0-9]{{1,2}}){alternation(understood().ordinal_suffixes)}?")


def _numeric_date(normalized: str) -> tuple[int, int, int] | None:
    if match := _DAY_MONTH_YEAR.fullmatch(normalized):
        return int(match[4]), int(match[3]), int(match[1])
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
    """A date, day first: "01/09/2026", "1-9-2026", "2026-09-01", "1er sept. 2026", "Sept 1, 2026".

    Month names are French or English, full or abbreviated, accents optional; `lang` is
    accepted for symmetry and changes nothing. A well-formed but nonexistent date
    ("31/02/2026") is `impossible_date`; anything else unreadable is `not_a_date`.
    """
    normalized = prepare(text)
    parts = _numeric_date(normalized) or _textual_date(normalized)
    if parts is None:
        raise AnswerError("not_a_date")
    try:
        return date(*parts)
    except ValueError:
        raise AnswerError("impossible_date") from None
