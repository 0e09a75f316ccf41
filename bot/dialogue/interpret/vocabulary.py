"""The words each language answers with: `locales/<lang>/vocabulary.toml` plus babel, loaded once.

A language's file has one table per use, each entry a list of words or phrases written
naturally (they are normalised like the input, so accents and case do not matter):

    [yes_no]      yes, no (single words: the first word of the answer decides),
                  yes_phrases, no_phrases (openings of several words, tried first)
    [dont_know]   phrases (the whole answer)
    [commands]    help, why, back, summary, change, restart, quit, lang (whole inputs;
                  change and lang words also open "modifier 3", "langue en"),
                  language_prefixes ("en" of "en anglais"), question_words ("la question" 3)
    [choices]     stop_words (articles and fillers ignored when matching a choice)
    [dates]       ordinal_suffixes ("1er", "1st"), fillers ("le", "the", "of"),
                  today, tomorrow, yesterday (whole answers, read from the rules date),
                  and optionally a table [dates.months] of spellings babel lacks ("fév" = 2)
    [numbers]     currency (words for euros), units (words allowed after a number; the
                  currency words count too), hours (those of the units that say hours:
                  "120 h" is no amount in euros), number_words ("n°", "numéro" before a number)

Babel (CLDR) supplies the rest for the language's locale (`bot.i18n.BABEL_LOCALES`):
month names (wide and abbreviated), the euro's symbol, the decimal separator, and every
language's name ("anglais", "English") for "langue anglais". Every language in
`bot.i18n.LANGUAGES` is understood whatever the session's language: `understood()` is
their union, checked for words that would mean two things.

A language's vocabulary is kept compiled (`bot.io.compiled`, keyed on its file, this
module and babel's files): the first answer of a process neither parses TOML nor loads
babel's whole locale data (tens of milliseconds) to know the euro's symbol.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType
from typing import Any, Final

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import get_currency_symbol, get_decimal_symbol

from bot.dialogue.interpret.text import key, normalize, words_with_apostrophes
from bot.i18n import BABEL_LOCALES, LANGUAGES, babel_locale
from bot.paths import data_dir

COMMAND_NAMES: Final = ("help", "why", "back", "summary", "change", "restart", "quit", "lang")
# Every entry of a vocabulary file, by table: True when its list may be empty.
SCHEMA: Final[Mapping[str, Mapping[str, bool]]] = {
    "yes_no": {"yes": False, "no": False, "yes_phrases": True, "no_phrases": True},
    "dont_know": {"phrases": False},
    "commands": {**dict.fromkeys(COMMAND_NAMES, False), "language_prefixes": True, "question_words": True},
    "choices": {"stop_words": True},
    "dates": {"ordinal_suffixes": True, "fillers": True, "today": True, "tomorrow": True, "yesterday": True},
    "numbers": {"currency": False, "units": False, "hours": False, "number_words": True},
}
OPTIONAL_TABLES: Final = {("dates", "months")}


class VocabularyError(ValueError):
    def __init__(self, where: str, problems: list[str]) -> None:
        super().__init__(f"{where}: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Vocabulary:
    """Normalised words of one language, or of all of them (`understood()`)."""

    yes: frozenset[str]
    no: frozenset[str]
    yes_phrases: frozenset[str]
    no_phrases: frozenset[str]
    dont_know: frozenset[str]
    commands: Mapping[str, frozenset[str]]  # command name -> its phrases (as `key`)
    language_prefixes: frozenset[str]
    question_words: frozenset[str]
    language_names: Mapping[str, frozenset[str]]  # language code -> its names (as `key`)
    stop_words: frozenset[str]
    months: Mapping[str, int]
    ordinal_suffixes: frozenset[str]
    date_fillers: frozenset[str]
    today: frozenset[str]  # as `key`
    tomorrow: frozenset[str]
    yesterday: frozenset[str]
    currency: frozenset[str]  # words and symbols
    currency_symbols: frozenset[str]
    units: frozenset[str]
    hours: frozenset[str]  # among the units: those that say a number of hours
    number_words: frozenset[str]


def vocabulary_path(lang: str) -> str:
    return os.path.join(data_dir("locales"), lang, "vocabulary.toml")


def check_entries(raw: Mapping[str, Any]) -> list[str]:
    """Every problem of a vocabulary file's contents: missing, empty, unknown or mistyped."""
    problems = [f"[{table}]: unknown table" for table in sorted(set(raw) - set(SCHEMA))]
    tables = {table: raw.get(table) for table in SCHEMA}
    for table, entries in SCHEMA.items():
        got = tables[table]
        if not isinstance(got, dict):
            problems.append(f"[{table}] missing")
            continue
        for entry, may_be_empty in entries.items():
            value = got.get(entry)
            if not isinstance(value, list) or not all(isinstance(w, str) and normalize(w) for w in value):
                problems.append(f"{table}.{entry}: missing or not a list of words")
            elif not value and not may_be_empty:
                problems.append(f"{table}.{entry}: empty")
        extra = set(got) - set(entries) - {name for t, name in OPTIONAL_TABLES if t == table}
        problems += [f"{table}.{name}: unknown entry" for name in sorted(extra)]
    yes_no = tables["yes_no"] if isinstance(tables["yes_no"], dict) else {}
    for word in (*yes_no.get("yes", ()), *yes_no.get("no", ())):
        if isinstance(word, str) and len(words_with_apostrophes(normalize(word))) != 1:
            problems.append(f"yes_no: {word!r} is not one word (put it in the phrases)")
    numbers = tables["numbers"] if isinstance(tables["numbers"], dict) else {}
    if isinstance(numbers.get("hours"), list) and isinstance(numbers.get("units"), list):
        units = {normalize(w) for w in numbers["units"] if isinstance(w, str)}
        problems += [f"numbers.hours: {w!r} is not among the units" for w in numbers["hours"]
                     if isinstance(w, str) and normalize(w) not in units]
    months = tables["dates"].get("months", {}) if isinstance(tables["dates"], dict) else {}
    if not isinstance(months, dict) or not all(
            type(n) is int and 1 <= n <= 12 and key(name) for name, n in months.items()):
        problems.append("dates.months: must map spellings to month numbers 1-12")
    return problems


def _babel_months(locale: str) -> dict[str, int]:
    return {key(name): number for width in ("wide", "abbreviated")
            for number, name in get_month_names(width, "format", locale).items()}


def _words(values: Iterable[str], fold: Callable[[str], str] = key) -> frozenset[str]:
    return frozenset(fold(value) for value in values)


def _phrase(text: str) -> str:
    return " ".join(words_with_apostrophes(normalize(text)))


def read_vocabulary(path: str | os.PathLike[str], lang: str) -> Vocabulary:
    """The vocabulary of `lang` from its file and babel; raises VocabularyError."""
    import tomllib  # (not when the vocabulary is read from its kept copy)

    with open(path, "rb") as f:
        raw = tomllib.load(f)
    problems = check_entries(raw)
    if problems:
        raise VocabularyError(str(path), problems)
    yes_no, commands, dates, numbers = raw["yes_no"], raw["commands"], raw["dates"], raw["numbers"]
    locale = Locale.parse(BABEL_LOCALES.get(lang, lang))
    symbol = normalize(get_currency_symbol("EUR", locale))
    return Vocabulary(
        yes=_words(yes_no["yes"], _phrase), no=_words(yes_no["no"], _phrase),
        yes_phrases=_words(yes_no["yes_phrases"], _phrase), no_phrases=_words(yes_no["no_phrases"], _phrase),
        dont_know=_words(raw["dont_know"]["phrases"]),
        commands=MappingProxyType({name: _words(commands[name]) for name in COMMAND_NAMES}),
        language_prefixes=_words(commands["language_prefixes"]),
        question_words=_words(commands["question_words"]),
        language_names=MappingProxyType({code: frozenset({key(locale.languages.get(code, code))})
                                         for code in LANGUAGES}),
        stop_words=_words(raw["choices"]["stop_words"]),
        months=MappingProxyType({**_babel_months(str(locale)),
                                 **{key(name): n for name, n in dates.get("months", {}).items()}}),
        ordinal_suffixes=_words(dates["ordinal_suffixes"]), date_fillers=_words(dates["fillers"]),
        today=_words(dates["today"]), tomorrow=_words(dates["tomorrow"]), yesterday=_words(dates["yesterday"]),
        currency=_words(numbers["currency"], normalize) | {symbol}, currency_symbols=frozenset({symbol}),
        units=_words(numbers["units"], normalize), hours=_words(numbers["hours"], normalize),
        number_words=_words(numbers["number_words"]),
    )


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The shared vocabulary of one language in `bot.i18n.LANGUAGES` (kept compiled)."""
    from bot.i18n.locale_data import babel_files
    from bot.io.compiled import compiled

    path = vocabulary_path(lang)
    sources = [path, __file__, *babel_files(BABEL_LOCALES.get(lang, lang))]
    plain: dict[str, Any] = compiled(sources, lambda: _plain(read_vocabulary(path, lang)))
    kept: dict[str, Any] = {name: MappingProxyType(value) if isinstance(value, dict) else value
                            for name, value in plain.items()}
    return Vocabulary(**kept)


def _plain(words: Vocabulary) -> dict[str, Any]:
    """A vocabulary as data `marshal` writes: its mappings as plain dictionaries."""
    return {spec.name: dict(value) if isinstance(value := getattr(words, spec.name), Mapping) else value
            for spec in fields(Vocabulary)}


def merge(vocabularies: Iterable[Vocabulary]) -> Vocabulary:
    """The union of several vocabularies; raises VocabularyError for a word meaning two things."""
    parts = list(vocabularies)
    merged: dict[str, Any] = {}
    for spec in fields(Vocabulary):
        values = [getattr(v, spec.name) for v in parts]
        if isinstance(values[0], frozenset):
            merged[spec.name] = frozenset().union(*values)
        elif spec.name == "months":
            merged[spec.name] = MappingProxyType({k: n for v in values for k, n in v.items()})
        else:
            merged[spec.name] = MappingProxyType({
                name: frozenset().union(*(v.get(name, ()) for v in values)) for v in values for name in v})
    result = Vocabulary(**merged)
    problems = _conflicts(parts, result)
    if problems:
        raise VocabularyError("vocabulary of " + ", ".join(LANGUAGES), problems)
    return result


def _conflicts(parts: list[Vocabulary], merged: Vocabulary) -> list[str]:
    problems = [f"{w!r} is both yes and no" for w in sorted(merged.yes & merged.no)]
    problems += [f"{p!r} is both a yes and a no phrase" for p in sorted(merged.yes_phrases & merged.no_phrases)]
    days = {"today": merged.today, "tomorrow": merged.tomorrow, "yesterday": merged.yesterday}
    problems += [f"{w!r} is both {one} and {other}" for one, other in (("today", "tomorrow"), ("today", "yesterday"),
                                                                      ("tomorrow", "yesterday"))
                 for w in sorted(days[one] & days[other])]
    for v in parts:
        problems += [f"month {name!r} is {merged.months[name]} and {n}"
                     for name, n in v.months.items() if merged.months[name] != n]
    for groups, what in ((merged.commands, "command"), (merged.language_names, "language")):
        seen: dict[str, str] = {}
        for name, phrases in groups.items():
            for phrase in sorted(phrases):
                if seen.setdefault(phrase, name) != name:
                    problems.append(f"{phrase!r} names the {what}s {seen[phrase]} and {name}")
    return problems


@cache
def understood() -> Vocabulary:
    """Every language's words together: what a person may type whatever the session language."""
    return merge(vocabulary(lang) for lang in LANGUAGES)


@cache
def decimal_separator(lang: str) -> str:
    """The decimal separator of a language, from babel ("," or "."): for those of
    `bot.i18n.LANGUAGES`, read in the translators' own babel locale (the kept copy of its
    format tables, read once a process)."""
    locale = BABEL_LOCALES.get(lang, lang)
    symbol: str = get_decimal_symbol(babel_locale(locale) if lang in LANGUAGES else locale)
    return symbol
