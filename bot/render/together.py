"""Word groups a wrapped line must not break inside, in either language.

A command in quotes (« langue fr », "change N"), a number and the word beside it
("3 juillet", "modifier 2", "120 h", "July 3, 2026"), a legal reference ("art. R6323-1 I").
`glued` turns the spaces inside such groups into `GLUE`, a character no wrapper breaks
at; after wrapping, `unglued` gives the ordinary spaces back, so what is shown (and
copied) is the same text. French no-break spaces (U+00A0, U+202F) already hold.
"""

from __future__ import annotations

import re
from typing import Final

GLUE: Final = "\ue000"  # private use: in no catalog sentence (typed by a person, it shows as a space)

_QUOTED: Final = re.compile(r"«[^«»\n]{1,40}»|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”")
_SPACE: Final = re.compile(
    r"(?<=\d) (?=\w)"  # 3 juillet, 120 h, R6323-1 I, 1 200
    r"|(?<=\w) (?=\d)"  # modifier 2, juillet 2026, question 5
    r"|(?<=\d(?:er|re|st|nd|rd|th)) (?=\w)"  # 1er septembre
    r"|(?<=\d,) (?=\d)"  # July 3, 2026
    r"|(?<=\bart\.) (?=\S)",  # art. L6323-2
    re.IGNORECASE)


def glued(text: str) -> str:
    """`text` with the spaces inside groups kept together replaced by `GLUE`."""
    text = _QUOTED.sub(lambda quoted: quoted.group().replace(" ", GLUE), text)
    return _SPACE.sub(GLUE, text)


def unglued(text: str) -> str:
    return text.replace(GLUE, " ")
