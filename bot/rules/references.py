"""The legal references of the rules as data: each `source` string read into the articles
and texts it names, each with the address where it can be read.

Sources are written for people, in French, as the texts name themselves ("Code du travail,
art. R6323-1 II et L3121-64", "Décret 2017-928 du 6 mai 2017, art. 1"); this module reads
them once into `Reference`s, so a renderer can group articles by code, name each reference
in the person's language and link it. The address patterns, and where they come from, are in
`references.toml` beside this module. A source it cannot read is kept whole, unlinked
(`kind` "other"); the tests check that no source of the rules is one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Final, Literal, NamedTuple

Kind = Literal["article", "decree", "act", "finance_act", "order", "uprating_order", "page", "site", "press", "other"]
REFERENCES_FILE: Final = os.path.join(os.path.dirname(__file__), "references.toml")
ARTICLE: Final = re.compile(r"(?P<number>[LRD]\d+(?:-\d+)+)(?: (?P<part>[IVX]+|[A-Z]))?$")
TEXT: Final = re.compile(r"(?P<nature>Décret|Loi|Arrêté) (?P<number>\d{4}-\d+)\b.*$", re.IGNORECASE)
FINANCE_ACT: Final = re.compile(r"Loi de finances pour (?P<year>\d{4})(?:, art\. (?P<article>\d+))?$", re.IGNORECASE)
UPRATING_ORDER: Final = re.compile(r"Arrêté de revalorisation de la participation pour (?P<year>\d{4})$", re.IGNORECASE)
PAGE: Final = re.compile(r"service-public\.fr, (?P<page>F\d+)$")
SITE: Final = "moncompteformation.gouv.fr"
NATURES: Final[dict[str, Kind]] = {"décret": "decree", "loi": "act", "arrêté": "order"}


@dataclass(frozen=True)
class Reference:
    """One article of a code, one text, or one page, and where to read it (None: nowhere public).

    `number` is the article ("L6323-2"), the text's number ("2017-928"), the year of a
    finance act or of an uprating order, the service-public page ("F10705") or the press key;
    `code` the code's key for an article; `part` an article's subdivision ("II") or a finance
    act's article; `day` an order's date; `words` the source's own words."""

    kind: Kind
    number: str
    words: str = field(compare=False)  # two sources naming the same article name one reference
    url: str | None = field(compare=False)
    code: str = ""
    part: str = ""
    day: date | None = None


class _Data(NamedTuple):
    links: dict[str, str]
    codes: dict[str, str]
    press: dict[str, str]
    orders: dict[str, date]


@cache
def _data() -> _Data:
    import tomllib  # when a reference is first read, not with the module

    with open(REFERENCES_FILE, "rb") as f:
        raw = tomllib.load(f)
    return _Data(dict(raw["links"]), dict(raw["codes"]), dict(raw["press"]), dict(raw["orders"]))


def _text_url(words: str) -> str:
    from urllib.parse import quote  # with the first link, not at start-up

    return _data().links["text"].format(query=quote(words, safe=""))


def _articles(code: str, numbers: str, words: str) -> list[Reference] | None:
    from urllib.parse import quote  # with the first link, not at start-up

    found = []
    for item in re.split(r", | et ", numbers):
        match = ARTICLE.match(item.strip())
        if match is None:
            return None
        number = match["number"]
        found.append(Reference("article", number, words, _data().links["article"].format(article=quote(number)),
                               code=code, part=match["part"] or ""))
    return found


def _one(part: str) -> list[Reference] | None:
    """The references of one part of a source, or None if it cannot be read."""
    data = _data()
    for name, code in data.codes.items():
        if part.startswith(f"{name}, art. "):
            return _articles(code, part[len(name) + len(", art. "):], part)
    if part in data.press:
        return [Reference("press", data.press[part], part, None)]
    if part == SITE:
        return [Reference("site", SITE, part, data.links["site"])]
    if match := PAGE.match(part):
        return [Reference("page", match["page"], part, data.links["page"].format(page=match["page"]))]
    if match := FINANCE_ACT.match(part):
        return [Reference("finance_act", match["year"], part, _text_url(f"Loi de finances pour {match['year']}"),
                          part=match["article"] or "")]
    if match := UPRATING_ORDER.match(part):
        return [Reference("uprating_order", match["year"], part, _text_url(part))]
    if part in data.orders:
        return [Reference("order", "", part, _text_url(part), day=data.orders[part])]
    if match := TEXT.match(part):
        nature = NATURES[match["nature"].lower()]
        name = f"{match['nature'].capitalize()} n° {match['number']}"
        return [Reference(nature, match["number"], part, _text_url(name))]
    return None


def _parts(source: str) -> list[str]:
    """A source cut into the parts that each name one code's articles or one text: at
    " ; ", at ", et " and " et " before a text, and a parenthesis that names a text."""
    parts: list[str] = []
    for piece in re.split(r" ; |,? et (?=(?:[dD]écret|[lL]oi|[aA]rrêté) )", source):
        inner = re.fullmatch(r"(?P<head>.*?) \((?P<note>[^()]*)\)", piece.strip())
        if inner is not None:
            parts.append(inner["head"])
            if _one(inner["note"]) is not None:  # "(décret 2024-444 du 17 mai 2024)", not "(version initiale)"
                parts.append(inner["note"])
        else:
            parts.append(piece.strip())
    return parts


def _cut_detail(part: str) -> str:
    """A text's own article or version after its name ("…, art. 1", "…, art. D6323-1 A")."""
    return re.sub(r"^((?:Décret|Loi) \d{4}-\d+(?: du \d{1,2}(?:er)? \w+ \d{4})?), art\. .*$", r"\1", part)


@cache
def references(source: str) -> tuple[Reference, ...]:
    """Every reference `source` names, in its order; the whole source, unlinked, if it
    cannot be read."""
    found: list[Reference] = []
    for part in _parts(source):
        read = _one(_cut_detail(part))
        if read is None:
            return (Reference("other", "", source, None),)
        found += read
    return tuple(found)
