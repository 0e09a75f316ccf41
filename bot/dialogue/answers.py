"""Free-text answers typed at the terminal, turned into typed values or an `AnswerError`.

Pure functions: no I/O, no translations, no state. A failure is an `AnswerError` whose
`code` (one of `ERROR_CODES`) and `params` another layer renders in the person's language.
Every parser first rejects input longer than `MAX_LENGTH` characters (`too_long`), then
blank input (`empty`).

Both languages are understood whatever the session language; `lang` ("fr" or "en"; any
code starting with "en" counts as English, anything else as French) only settles the
one real ambiguity, a lone separator followed by three digits in a number ("1,200").

Dates are always read day first (this is France) and need a day, a month and a
four-digit year: two-digit years ("01/09/26") are rejected as `not_a_date` rather
than guessed, and there are no relative dates ("today") since nothing here reads a clock.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Final

from bot.privacy import contains_social_security_number

MAX_LENGTH: Final = 1000

ERROR_CODES: Final = frozenset({
    "empty", "too_long", "not_yes_no", "not_a_number", "negative", "not_a_date",
    "impossible_date", "unknown_choice", "ambiguous_choice", "choice_out_of_range",
})


class AnswerError(ValueError):
    """An answer that cannot be read; `code` is in `ERROR_CODES`, `params` fill its message."""

    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, object] = dict(params or {})

    def __repr__(self) -> str:
        return f"AnswerError({self.code!r}, {self.params!r})"


# --- normalisation ---------------------------------------------------------------

# Typographic variants folded to one ASCII form (applied before and after NFKD,
# since some of them, like the acute accent, decompose into a space + combining mark).
_TYPOGRAPHY: Final = str.maketrans({
    **dict.fromkeys("\u2019\u2018\u201b\u02bc\u2032\u00b4`\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u0153": "oe", "\u00e6": "ae",
})


def _fold_char(char: str) -> str:
    """One decomposed character: dropped (marks, format), a space (blanks), or itself."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cs"):
        return ""
    if char.isspace() or category == "Cc":
        return " "
    return char


def normalize(text: str) -> str:
    """Casefolded, accent-free text with typographic quotes/dashes unified and blanks collapsed."""
    text = text.translate(_TYPOGRAPHY)
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = "".join(_fold_char(char) for char in text).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def _key(text: str) -> str:
    """Normalized words only (letters and digits), one space apart: "Cap_BEP !" -> "cap bep"."""
    return " ".join(re.findall(r"[^\W_]+", normalize(text)))


def _too_long(text: str) -> bool:
    return len(text.strip()) > MAX_LENGTH


def _prepare(text: str) -> str:
    """The normalized answer, or `too_long` / `empty`."""
    if _too_long(text):
        raise AnswerError("too_long", {"max": MAX_LENGTH})
    normalized = normalize(text)
    if not normalized:
        raise AnswerError("empty")
    return normalized


def _is_english(lang: str) -> bool:
    return lang.strip().lower().startswith("en")


# --- yes / no ----------------------------------------------------------------------

_YES: Final = frozenset({
    "oui", "o", "ouais", "ouai", "si", "yes", "y", "yeah", "yep", "yup", "ok", "okay",
    "vrai", "true", "d'accord", "dac", "absolument", "certainement", "exactement",
    "affirmatif", "sure", "certainly", "absolutely",
})
_NO: Final = frozenset({
    "non", "n", "nan", "no", "nope", "nah", "faux", "false", "jamais", "never",
    "negatif", "aucunement",
})
# Openings of more than one word, tried before the first word alone.
_YES_PHRASES: Final = ("bien sur", "of course", "tout a fait", "bien entendu")
_NO_PHRASES: Final = ("pas du tout", "pas vraiment", "not at all", "not really")


def parse_yes_no(text: str) -> bool:
    """True or False from a yes/no answer in French or English; the first word decides."""
    normalized = _prepare(text)
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)*", normalized)
    opening = " ".join(words)
    for phrases, answer in ((_YES_PHRASES, True), (_NO_PHRASES, False)):
        if any(opening == p or opening.startswith(p + " ") for p in phrases):
            return answer
    if words and words[0] in _YES:
        return True
    if words and words[0] in _NO:
        return False
    raise AnswerError("not_yes_no")


# --- numbers -----------------------------------------------------------------------

_CURRENCY: Final = r"€|eur|euros?"
_UNITS: Final = (
    _CURRENCY + r"|h|hrs?|heures?|hours?|mois|months?|ans?|annees?|years?"
    r"|jours?|days?|semaines?|weeks?"
)
_NUMBER_RE: Final = re.compile(
    rf"(?P<sign>[+-]?)\s*(?:(?P<currency>{_CURRENCY})\s*)?(?P<sign2>[+-]?)\s*"
    rf"(?P<number>[0-9.,](?:[0-9., ]*[0-9])?)\s*(?P<unit>{_UNITS})?"
)


def _decimal_separator(number: str, english: bool) -> str | None:
    """The decimal separator of `number` ("." or ","), or None when it is an integer."""
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return None
    separator = number[last]
    if ("," if separator == "." else ".") in number:
        return separator  # two kinds: the last one is the decimal separator
    if number.count(separator) > 1:
        return None  # repeated: a thousands separator
    head, tail = number[:last], number[last + 1:]
    # The locale's thousands separator before exactly three digits ("1,200" in English).
    if separator == ("," if english else ".") and len(tail) == 3 and _is_leading_group(head):
        return None
    return separator


def _is_leading_group(head: str) -> bool:
    return head.isdigit() and len(head) <= 3 and not head.startswith("0")


def _ungroup(integer: str) -> str | None:
    """The digits of an integer part written with one kind of thousands separator."""
    separators = set(integer) - set("0123456789")
    if not separators:
        return integer
    if len(separators) > 1:
        return None
    first, *groups = integer.split(separators.pop())
    if not 1 <= len(first) <= 3 or any(len(g) != 3 for g in groups):
        return None
    digits = first + "".join(groups)
    return digits if digits.isdigit() else None


def _to_decimal(number: str, english: bool) -> Decimal | None:
    separator = _decimal_separator(number, english)
    integer, fraction = number.rsplit(separator, 1) if separator else (number, "")
    digits = _ungroup(integer)
    if digits is None or (separator and not (fraction.isascii() and fraction.isdigit())):
        return None
    return Decimal(f"{digits or '0'}.{fraction}" if separator else digits)


def parse_number(text: str, lang: str = "fr") -> Decimal:
    """A Decimal from "1 200,50", "1,200.50 €", "€1,200", "1 607 h", "12 mois", "-5"...

    Spaces (including U+00A0 and U+202F) always group thousands. With both "." and ","
    the last one is the decimal separator; a repeated one groups thousands; a lone one
    is decimal, except the locale's thousands separator before exactly three digits
    ("1,200" is 1200 in English and 1.2 in French; "1.607" is 1607 in French).
    """
    match = _NUMBER_RE.fullmatch(_prepare(text))
    if match is None or (match["sign"] and match["sign2"]) or (match["currency"] and match["unit"]):
        raise AnswerError("not_a_number")
    # "€1,200": the symbol first is the English way of writing money, whatever the session.
    english = _is_english(lang) or match["currency"] == "€"
    value = _to_decimal(match["number"], english)
    if value is None:
        raise AnswerError("not_a_number")
    # copy_negate is exact, unlike unary minus which rounds to the context precision.
    return value.copy_negate() if "-" in (match["sign"], match["sign2"]) else value


def parse_amount(text: str, lang: str = "fr") -> Decimal:
    """A number that must not be negative (`negative` otherwise); "-0" reads as 0."""
    value = parse_number(text, lang)
    if value < 0:
        raise AnswerError("negative")
    return value.copy_abs()


# --- dates -------------------------------------------------------------------------

_MONTHS: Final = {
    name: number
    for number, names in enumerate((
        ("janvier", "janv", "january", "jan"),
        ("fevrier", "fevr", "fev", "february", "feb"),
        ("mars", "march", "mar"),
        ("avril", "avr", "april", "apr"),
        ("mai", "may"),
        ("juin", "june", "jun"),
        ("juillet", "juil", "july", "jul"),
        ("aout", "august", "aug"),
        ("septembre", "september", "sept", "sep"),
        ("octobre", "october", "oct"),
        ("novembre", "november", "nov"),
        ("decembre", "december", "dec"),
    ), start=1)
    for name in names
}
_DAY_MONTH_YEAR: Final = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_YEAR_MONTH_DAY: Final = re.compile(r"([0-9]{4})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})")
_DAY_WORD: Final = re.compile(r"([0-9]{1,2})(?:er|re|e|eme|st|nd|rd|th)?")
_DATE_FILLERS: Final = frozenset({"le", "the", "of", "de"})


def _numeric_date(normalized: str) -> tuple[int, int, int] | None:
    if match := _DAY_MONTH_YEAR.fullmatch(normalized):
        return int(match[4]), int(match[3]), int(match[1])
    if match := _YEAR_MONTH_DAY.fullmatch(normalized):
        return int(match[1]), int(match[3]), int(match[4])
    return None


def _textual_date(normalized: str) -> tuple[int, int, int] | None:
    """(year, month, day) from "1er septembre 2026", "September 1st, 2026", "01 sept. 2026"."""
    words = [w for w in re.sub(r"[,.]", " ", normalized).split() if w not in _DATE_FILLERS]
    if len(words) != 3 or not re.fullmatch(r"[0-9]{4}", words[2]):
        return None
    for day_word, month_word in ((words[0], words[1]), (words[1], words[0])):
        day = _DAY_WORD.fullmatch(day_word)
        if day and month_word in _MONTHS:
            return int(words[2]), _MONTHS[month_word], int(day[1])
    return None


def parse_date(text: str, lang: str = "fr") -> date:
    """A date, day first: "01/09/2026", "1-9-2026", "2026-09-01", "1er sept. 2026", "Sept 1, 2026".

    Month names are French or English, full or abbreviated, accents optional; `lang` is
    accepted for symmetry and changes nothing. A well-formed but nonexistent date
    ("31/02/2026") is `impossible_date`; anything else unreadable is `not_a_date`.
    """
    normalized = _prepare(text)
    parts = _numeric_date(normalized) or _textual_date(normalized)
    if parts is None:
        raise AnswerError("not_a_date")
    try:
        return date(*parts)
    except ValueError:
        raise AnswerError("impossible_date") from None


# --- choices -----------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One possible answer: the value returned and its labels in every language."""

    value: object
    labels: tuple[str, ...]


@dataclass(frozen=True)
class _Keys:
    """A choice's labels and value as `_key` strings, and all their words."""

    labels: tuple[str, ...]
    values: tuple[str, ...]
    words: frozenset[str]


_STOP_WORDS: Final = frozenset({
    "le", "la", "les", "de", "du", "des", "d", "l", "un", "une", "the", "a", "an", "of",
    "in", "je", "suis", "i", "am", "j", "m", "my", "mon", "ma", "c", "est", "is", "it", "s",
})
_POSITION_RE: Final = re.compile(r"(?:(?:n|no|num|numero|number)\s*[°.]?\s*|#\s*)?([0-9]+)\s*[.)]?")
_MIN_PREFIX: Final = 3


@functools.lru_cache(maxsize=1024)
def _keys(choice: Choice) -> _Keys:
    value = choice.value
    raw_values = (value.name, str(value.value)) if isinstance(value, Enum) else (str(value),)
    labels = tuple(_key(label) for label in choice.labels)
    values = tuple(_key(v) for v in raw_values)
    return _Keys(labels, values, frozenset(" ".join(labels + values).split()))


def _exact_labels(key: str, keys: Sequence[_Keys]) -> list[int]:
    return [i for i, k in enumerate(keys) if key in k.labels]


def _exact_values(key: str, keys: Sequence[_Keys]) -> list[int]:
    return [i for i, k in enumerate(keys) if key in k.values]


def _label_prefixes(key: str, keys: Sequence[_Keys]) -> list[int]:
    """Labels starting with the text, preferably at a word boundary."""
    whole = [i for i, k in enumerate(keys) if any(lb.startswith(key + " ") for lb in k.labels)]
    if whole or len(key.split()[-1]) < _MIN_PREFIX:
        return whole
    return [i for i, k in enumerate(keys) if any(lb.startswith(key) for lb in k.labels)]


def _word_matches(word: str, words: frozenset[str], exact: bool) -> bool:
    if word in words:
        return True
    return not exact and len(word) >= _MIN_PREFIX and any(w.startswith(word) for w in words)


def _all_words(words: Sequence[str], keys: Sequence[_Keys]) -> list[int]:
    """Choices whose labels hold every word; whole words beat word prefixes."""
    if not words:
        return []
    for exact in (True, False):
        hits = [i for i, k in enumerate(keys) if all(_word_matches(w, k.words, exact) for w in words)]
        if hits:
            return hits
    return []


def _distinctive_words(key: str, keys: Sequence[_Keys]) -> list[int]:
    """Every meaningful input word found in the labels; stop words that a label uses
    ("a" for licence A) are kept on a first try, then dropped too."""
    words = key.split()
    used = frozenset().union(*(k.words for k in keys))
    kept = [w for w in words if w not in _STOP_WORDS or w in used]
    content = [w for w in words if w not in _STOP_WORDS]
    return _all_words(kept, keys) or _all_words(content, keys)


_MATCHERS: Final = (_exact_labels, _exact_values, _label_prefixes, _distinctive_words)


def match_choice(text: str, choices: Sequence[Choice]) -> object:
    """The value of the choice the text designates, by 1-based number or by its words.

    Tried in order, the first that finds anything decides: exact label, the value as
    text ("B", "cap_bep"), a label starting with the text, then every meaningful word of
    the text (or a prefix of 3+ letters) in a choice's labels. Several choices found at
    one step raise `ambiguous_choice` with `{"candidates": [values]}`.
    """
    normalized = _prepare(text)
    if position := _POSITION_RE.fullmatch(normalized):
        index = int(position[1])
        if not 1 <= index <= len(choices):
            raise AnswerError("choice_out_of_range", {"count": len(choices)})
        return choices[index - 1].value
    key = _key(normalized)
    keys = [_keys(choice) for choice in choices]
    # "le brevet", "the B": the words without their articles may name a choice exactly.
    content = " ".join(w for w in key.split() if w not in _STOP_WORDS)
    for matcher in _MATCHERS:
        hits = matcher(key, keys) if key else []
        if not hits and content and content != key and matcher in (_exact_labels, _exact_values):
            hits = matcher(content, keys)
        if len(hits) == 1:
            return choices[hits[0]].value
        if hits:
            raise AnswerError("ambiguous_choice", {"candidates": [choices[i].value for i in hits]})
    raise AnswerError("unknown_choice")


# --- "I don't know" ----------------------------------------------------------------

_DONT_KNOW: Final = frozenset(_key(phrase) for phrase in (
    "je ne sais pas", "je sais pas", "ne sais pas", "sais pas", "j'sais pas", "chais pas",
    "jsp", "nsp", "je ne sais plus", "je n'en sais rien", "j'en sais rien", "aucune idée",
    "je n'ai aucune idée", "pas d'idée", "aucune idee", "inconnu", "inconnue", "pas sûr",
    "pas sûre", "je ne suis pas sûr", "je ne suis pas sûre",
    "i don't know", "i do not know", "don't know", "do not know", "dont know", "i dont know",
    "idk", "dunno", "no idea", "i have no idea", "no clue", "unknown", "not sure",
    "i'm not sure",
))


def is_dont_know(text: str) -> bool:
    """Whether the whole answer says "I don't know" (a bare "?" is a request for help)."""
    return not _too_long(text) and _key(text) in _DONT_KNOW


# --- commands ----------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A request about the conversation rather than an answer; `arg` as the name needs."""

    name: str
    arg: str | int | None = None


def _phrases(name: str, *phrases: str) -> dict[str, Command]:
    return {_key(phrase): Command(name) for phrase in phrases}


_COMMANDS: Final = {
    **_phrases("help", "aide", "help", "aide-moi", "aidez-moi", "help me"),
    **_phrases("why", "pourquoi", "why", "pourquoi cette question", "why this question",
               "why do you ask"),
    **_phrases("back", "retour", "back", "go back", "précédent", "précédente", "previous",
               "revenir", "revenir en arrière", "retour en arrière", "je veux revenir en arrière",
               "question précédente", "previous question"),
    **_phrases("summary", "résumé", "summary", "récapitulatif", "recap", "récap"),
    **_phrases("restart", "recommencer", "restart", "reset", "start over", "start again",
               "recommencer à zéro", "tout recommencer", "repartir de zéro"),
    **_phrases("quit", "quitter", "quit", "exit", "au revoir", "bye", "goodbye"),
    **_phrases("change", "modifier", "changer", "change", "edit", "modify", "corriger", "correct"),
    **_phrases("lang", "langue", "lang", "language"),
    **{_key(p): Command("lang", "en") for p in ("english", "en anglais", "in english")},
    **{_key(p): Command("lang", "fr") for p in ("français", "en français", "in french")},
}
_LANGUAGES: Final = {
    "fr": "fr", "francais": "fr", "french": "fr",
    "en": "en", "anglais": "en", "english": "en",
}
_CHANGE_RE: Final = re.compile(
    r"(?:modifier|changer|change|edit|modify|corriger|correct)\s+"
    r"(?:(?:la\s+)?question\s+|(?:n|no|num|numero|number)\s*[°.]?\s*|#\s*)?([0-9]+)"
)
_LANG_RE: Final = re.compile(r"(?:langue|lang|language)\s*[ :]\s*([a-z]+)")
_COMMAND_CHARS: Final = re.compile(r"[a-z0-9 '°#:-]*")


def parse_command(text: str) -> Command | None:
    """The command the whole input is (French or English), or None for an ordinary answer.

    Only whole inputs count, optionally after a "/" or before a trailing "?", "!" or ".":
    "retour" is a command, "retour à l'emploi" is not. `change` carries the question
    number (None when missing or 0); `lang` carries "fr", "en" or None when unrecognised.
    """
    if _too_long(text):
        return None
    normalized = normalize(text)
    if normalized and set(normalized) <= set("? "):
        return Command("help")
    core = normalized.removeprefix("/").rstrip("?!. ")
    if not core or not _COMMAND_CHARS.fullmatch(core):
        return None
    if change := _CHANGE_RE.fullmatch(core):
        number = int(change[1])
        return Command("change", number if number >= 1 else None)
    if lang := _LANG_RE.fullmatch(core):
        return Command("lang", _LANGUAGES.get(lang[1]))
    return _COMMANDS.get(_key(core))


def looks_like_social_security_number(text: str) -> bool:
    """Whether `text` contains something shaped like a French social security number.

    The bot never asks for one; such input is refused and never stored or recorded.
    """
    return contains_social_security_number(text)
