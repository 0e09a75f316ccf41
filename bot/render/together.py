"""Word groups a wrapped line must not break inside, in either language.

A French sign and the word before it ("temps de travail ?", "Solde : 800": the space before
? ! : ; » and after « never breaks, whatever space the sentence has there), a command in
quotes (« langue fr », "change N"), a command line (cpf-bot --resume s.json), a number and
the word beside it ("3 juillet", "modifier 2", "120 h", "July 3, 2026"), a legal reference
("art. R6323-1 I").
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
    r"(?<=[^\W\d_]) (?=\d)"  # a word and the number after it: modifier 2, juillet 2026, question 5
    r"|(?<=\d) (?=[IVX]+\b)"  # an article's paragraph: R6323-1 I
    r"|(?<=\d,) (?=\d)"  # July 3, 2026
    r"|(?<=\b[Aa]rt\.) (?=\S)"  # art. L6323-2
    r"|(?<=\S) (?=[?!:;»](?!\w))|(?<=«) (?=\S)")  # travail ?, solde : 800, « long quoted text »
_COMMAND_LINE: Final = re.compile(r"cpf-bot(?: --?[a-z][\w-]*(?: [^\s-]\S*)?)+")  # cpf-bot --resume s.json
_NUMBER: Final = re.compile(r"(?<![\w-])\d+(?:er|re|e|st|nd|rd|th)? (?=\w)", re.IGNORECASE)  # 3 juillet, 1er mai, 120 h


def glued(text: str) -> str:
    """`text` with the spaces inside groups kept together replaced by `GLUE`."""
    text = _QUOTED.sub(lambda quoted: quoted.group().replace(" ", GLUE), text)
    text = _COMMAND_LINE.sub(lambda line: line.group().replace(" ", GLUE), text)
    text = _NUMBER.sub(lambda number: number.group().replace(" ", GLUE), text)
    return _SPACE.sub(GLUE, text)


def unglued(text: str) -> str:
    return text.replace(GLUE, " ")
