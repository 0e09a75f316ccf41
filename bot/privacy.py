"""French social security numbers (NIR) in any text: found, and masked before it is shown.

The bot never asks for one; a person may still type one, or a host may send one as a
session id, a command or a field name. Every text that is written (a recorded dialogue)
or repeated back (an error message quoting its input) goes through here first.

Detection normalises the text first, so the usual ways of typing a number are all seen:
NFKC (full-width and other compatibility digits), every decimal digit of any script, and
any run of separators between two groups (blanks, punctuation such as `.` `-` `/` `_`,
invisible format characters). Pure functions, no length limit, linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

# Sex (1, 2, or 3/7/8 for temporary numbers), year, month (or a code from 20 to 99), the
# département (2A/2B for Corsica), commune and order numbers, then an optional 2-digit key.
_NIR: Final = re.compile(
    r"(?<![0-9])[12378][0-9]{2}(?:0[1-9]|1[0-2]|[2-9][0-9])(?:[0-9]{2}|2[AB])[0-9]{6}(?:[0-9]{2})?(?![0-9])")
_FEWEST_DIGITS: Final = 12  # 13 characters, one of which may be the A or B of Corsica
_DIGIT: Final = re.compile(r"\d")  # every decimal digit, of any script
_ASCII_DIGITS: Final = b"0123456789"
_GROUP_CHARS: Final = frozenset("0123456789AB")
# Unicode categories that separate the groups of a number as people type it.
_SEPARATORS: Final = ("Z", "P", "C", "M", "Sm", "Sk")


def _kinds(char: str) -> Iterator[str]:
    """What the detector sees of one character: for each character of its NFKC form, an
    ASCII digit, "" for a separator, else the character in upper case."""
    if char.isascii():
        expanded = char
    else:
        expanded = unicodedata.normalize("NFKC", char)
    for c in expanded:
        if c.isdecimal():
            yield str(unicodedata.decimal(c)) if not c.isascii() else c
        elif c.isascii():
            yield "" if not c.isalnum() else c.upper()
        elif unicodedata.category(c).startswith(_SEPARATORS):
            yield ""
        else:
            yield from c.upper()  # "ß" is "SS": one character each


def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text with separators between two digit groups removed, and for each character
    kept the index in `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    pending = False  # separators seen right after a group character
    for i, char in enumerate(text):
        for kind in _kinds(char):
            if kind == "":
                if out and out[-1] in _GROUP_CHARS:
                    pending = True
                    continue
                kind = " "
            elif pending and kind[0] not in _GROUP_CHARS:
                out.append(" ")  # the separators did not sit between two groups: keep a gap
                origin.append(i)
            pending = False
            out.append(kind)
            origin.append(i)
    return "".join(out), origin


def _digits(text: str) -> int:
    """How many decimal digits `text` has once NFKC-normalised (an ASCII text is its own form)."""
    if text.isascii():
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_DIGITS))
    return len(_DIGIT.findall(unicodedata.normalize("NFKC", text)))


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Where social security numbers are in `text`: (start, end) indexes of `text`."""
    if _digits(text) < _FEWEST_DIGITS:
        return  # most texts: too few digits for a number, whatever the separators
    squeezed, origin = _squeezed(text)
    for match in _NIR.finditer(squeezed):
        yield origin[match.start()], origin[match.end() - 1] + 1


def contains_social_security_number(text: str) -> bool:
    """Whether `text` contains something shaped like a French social security number."""
    return next(_spans(text), None) is not None


def redact(text: str, placeholder: str) -> str:
    """`text` with every social security number replaced by `placeholder`."""
    spans = list(_spans(text))
    for start, end in reversed(spans):
        text = text[:start] + placeholder + text[end:]
    return text
