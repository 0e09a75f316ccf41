"""Legal references as people read them: articles grouped by code ("Code du travail : art.
L6323-2, L6323-11, R6323-1"), every text named in the person's language, each linked to
where it can be read (`bot.rules.references`).

A line of references is a list of `Piece`s, (text, address or None), so each channel
shows the same words its own way: plain text, Markdown links, HTML links, or terminal
hyperlinks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from html import escape
from typing import Final

from bot.i18n import Translator
from bot.rules.references import Reference, references

Piece = tuple[str, str | None]
LETTERS: Final = {"L": 0, "R": 1, "D": 2}  # a code's own order: legislative, Conseil d'État decrees, simple decrees
MARK: Final = "\x00"  # stands for the linked part of a sentence while the catalog fills in the rest


def _article_order(ref: Reference) -> tuple[int, tuple[int, ...], str]:
    return LETTERS.get(ref.number[0], 3), tuple(int(n) for n in re.findall(r"\d+", ref.number)), ref.part


def _name(ref: Reference, tr: Translator) -> str:
    match ref.kind:
        case "decree" | "act" | "page":
            return tr.text(f"reference.{ref.kind}", number=ref.number)
        case "finance_act" if ref.part:
            return tr.text("reference.finance_act_article", year=ref.number, article=ref.part)
        case "finance_act":
            return tr.text("reference.finance_act", year=ref.number)
        case "uprating_order":
            return tr.text("reference.uprating_order", year=ref.number)
        case "order":
            return tr.text("reference.order", date=ref.day)
        case "press":
            return tr.text(f"reference.press.{ref.number}")
        case "site":
            return ref.number
    return ref.words


def _split(sentence: str, inner: list[Piece]) -> list[Piece]:
    """`sentence` with `inner` where its MARK is."""
    before, _, after = sentence.partition(MARK)
    return [(before, None), *inner, (after, None)]


def reference_pieces(sources: Iterable[str], tr: Translator, *, detailed: bool = False) -> list[Piece]:
    """Every reference of `sources`, once: one group per code with its articles in the code's
    order, then each text in order of use, joined by the language's list separator.
    `detailed` keeps an article's subdivision ("R6323-1 II")."""
    return list(_reference_pieces(tuple(sources), tr, detailed))


@lru_cache(maxsize=1024)
def _reference_pieces(sources: tuple[str, ...], tr: Translator, detailed: bool) -> tuple[Piece, ...]:
    """`reference_pieces`, made once per list of sources and language: a result cites the
    same few lists, and every line or report of it shows one."""
    refs = list(dict.fromkeys(ref if detailed else _without_part(ref) for s in sources for ref in references(s)))
    codes = list(dict.fromkeys(ref.code for ref in refs if ref.kind == "article"))
    groups: list[list[Piece]] = []
    for code in codes:
        articles = sorted((ref for ref in refs if ref.kind == "article" and ref.code == code), key=_article_order)
        inner: list[Piece] = []
        for n, ref in enumerate(articles):
            if n:
                inner.append((tr.text("reference.article_separator"), None))
            inner.append((f"{ref.number}\u00a0{ref.part}" if ref.part else ref.number, ref.url))
        sentence = tr.text("reference.articles", code=tr.text(f"reference.code.{code}"), articles=MARK)
        groups.append(_split(sentence, inner))
    groups += [[(_name(ref, tr), ref.url)] for ref in refs if ref.kind != "article"]
    out: list[Piece] = []
    for n, group in enumerate(groups):
        if n:
            out.append((tr.text_template("format.list_separator"), None))
        out += group
    return tuple(piece for piece in out if piece[0])


def _without_part(ref: Reference) -> Reference:
    return replace(ref, part="") if ref.kind == "article" else ref


def sentence_pieces(tr: Translator, key: str, pieces: list[Piece], **params: object) -> list[Piece]:
    """The catalog sentence `key` with its `{sources}` placeholder made of `pieces`."""
    return _split(tr.text(key, sources=MARK, **params), pieces)


def plain(pieces: Iterable[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def markdown(pieces: Iterable[Piece]) -> str:
    """Markdown, each linked piece as `[text](address)`."""
    return "".join(f"[{_markdown_text(text)}]({url})" if url else text for text, url in pieces)


def html(pieces: Iterable[Piece]) -> str:
    """HTML, escaped, each linked piece as a link that opens apart."""
    return "".join(f'<a href="{escape(url)}" rel="noreferrer">{escape(text)}</a>' if url else escape(text)
                   for text, url in pieces)
