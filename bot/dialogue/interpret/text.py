"""Normalisation of typed text: case, accents, typography and blanks folded to one form.

Every word list (`vocabulary`) and every input goes through `normalize` (or `key`, its
words only) before they are compared, so data files are written naturally ("années",
"d’accord") and people may type without accents. `prepare` adds the checks every parser
does first: `too_long`, then `empty`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from bot.dialogue.interpret.errors import MAX_LENGTH, AnswerError

# Typographic variants folded to one ASCII form (applied before and after NFKD,
# since some of them, like the acute accent, decompose into a space + combining mark).
_TYPOGRAPHY: Final = str.maketrans({
    **dict.fromkeys("\u2019\u2018\u201b\u02bc\u2032\u00b4`\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u0153": "oe", "\u00e6": "ae",
})
_WORD: Final = re.compile(r"[^\W_]+")
# A word with its inner apostrophes ("d'accord"), as yes/no answers are read.
_APOSTROPHE_WORD: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _fold_char(char: str) -> str:
    """One decomposed character: dropped (marks, format), a space (blanks), or itself."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cs"):
        return ""
    if char.isspace() or category == "Cc":
        return " "
    return char


class _FoldTable(dict[int, str]):
    """`_fold_char` as a `str.translate` table, each code point worked out once (at most
    `_FOLD_KEPT` of them kept: an input of rare characters cannot grow it without end)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _FOLD_KEPT:
            self[code] = folded
        return folded


_FOLD_KEPT: Final = 4096
_FOLD: Final = _FoldTable()
# ASCII text folds without Unicode tables: controls are blanks, the backtick an apostrophe.
_ASCII_FOLD: Final = str.maketrans({**{chr(c): " " for c in (*range(32), 127)}, "`": "'"})


# Inputs up to MAX_LENGTH characters, normalized and keyed once: each parser of an input
# (command, "I don't know", yes/no, choice) reads the same text. Bounded; pure, so shared.
_KEPT: Final = 4096
_NORMALIZED: Final[dict[str, str]] = {}
_KEYS: Final[dict[str, str]] = {}


def _keep(kept: dict[str, str], text: str, value: str) -> str:
    if len(text) <= MAX_LENGTH:
        if len(kept) >= _KEPT:
            kept.clear()
        kept[text] = value
    return value


def normalize(text: str) -> str:
    """Casefolded, accent-free text with typographic quotes/dashes unified and blanks collapsed."""
    found = _NORMALIZED.get(text)
    return found if found is not None else _keep(_NORMALIZED, text, _normalize(text))


def _normalize(text: str) -> str:
    if text.isascii():  # what most answers are: the same result, a tenth of the work
        return " ".join(text.translate(_ASCII_FOLD).lower().split())
    text = text.translate(_TYPOGRAPHY)
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = text.translate(_FOLD).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def key(text: str) -> str:
    """Normalized words only (letters and digits), one space apart: "Cap_BEP !" -> "cap bep"."""
    found = _KEYS.get(text)
    return found if found is not None else _keep(_KEYS, text, " ".join(_WORD.findall(normalize(text))))


def words_with_apostrophes(normalized: str) -> list[str]:
    """The words of normalized text, keeping inner apostrophes: "d'accord !" -> ["d'accord"]."""
    return _APOSTROPHE_WORD.findall(normalized)


def too_long(text: str) -> bool:
    """Whether the text, surrounding blanks aside, is over `MAX_LENGTH` characters."""
    return len(text.strip()) > MAX_LENGTH


def prepare(text: str) -> str:
    """The normalized answer, or `too_long` / `empty`."""
    if too_long(text):
        raise AnswerError("too_long", {"max": MAX_LENGTH})
    normalized = normalize(text)
    if not normalized:
        raise AnswerError("empty")
    return normalized


def alternation(phrases: Iterable[str]) -> str:
    """A regex group matching any of the normalized phrases, longest first, blanks as \\s+
    (none: a group that never matches)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in ordered) + ")"
