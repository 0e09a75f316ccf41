"""Requests about the conversation (help, back, change 3, lang en...) rather than answers.

Only whole inputs count, optionally after a "/" or before a trailing "?", "!" or ".":
"retour" is a command, "retour à l'emploi" is not. The words are every language's
vocabulary; a language is named by its code, or by its name in any language (babel),
and "english", "en anglais", "in French" (a language's own name, or a prefix of the
vocabulary before a name in that vocabulary's language) switch to it at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from bot.dialogue.interpret.choices import number_mark
from bot.dialogue.interpret.text import alternation, key, normalize, too_long
from bot.dialogue.interpret.vocabulary import understood, vocabulary
from bot.i18n import LANGUAGES

_COMMAND_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '°#:-")


@dataclass(frozen=True)
class Command:
    """A request about the conversation rather than an answer; `arg` as the name needs."""

    name: str
    arg: str | int | None = None


@cache
def _commands() -> dict[str, Command]:
    """Every whole-input command, by its `key`."""
    found = {phrase: Command(name) for name, phrases in understood().commands.items() for phrase in phrases}
    for lang in LANGUAGES:
        words = vocabulary(lang)
        for own in words.language_names[lang]:
            found[own] = Command("lang", lang)
        for prefix in words.language_prefixes:
            for code, names in words.language_names.items():
                found.update({f"{prefix} {name}": Command("lang", code) for name in names})
    return found


@cache
def _command_chars() -> frozenset[str]:
    """The characters a command may have: ASCII letters, digits, marks, and its words' letters."""
    words = understood()
    phrases = [*words.language_prefixes, *words.question_words, *words.number_words]
    phrases += [p for group in (*words.commands.values(), *words.language_names.values()) for p in group]
    return _COMMAND_CHARS.union(*phrases)


@cache
def _language_names() -> dict[str, str]:
    """Language codes and names in every language ("anglais", "english", "en") -> code."""
    names = {code: code for code in LANGUAGES}
    names.update({key(name): code for code, all_names in understood().language_names.items()
                  for name in all_names})
    return names


def _names_a_language(word: str) -> bool:
    """Whether `word` is a language's code or name in one of ours ("de", "allemand", "german")."""
    from babel import Locale

    from bot.i18n import BABEL_LOCALES

    return len(word) <= 3 or any(key(name) == word for lang in LANGUAGES
                                 for name in Locale.parse(BABEL_LOCALES[lang]).languages.values())


@cache
def _change_re() -> re.Pattern[str]:
    words = understood()
    return re.compile(
        rf"{alternation(words.commands['change'])}\s+"
        rf"(?:{alternation(words.question_words)}\s+|{number_mark()})?([0-9]+)"
    )


@cache
def _lang_re() -> re.Pattern[str]:
    return re.compile(rf"{alternation(understood().commands['lang'])}\s*[ :]\s*([^\W\d_]+)")


def parse_command(text: str) -> Command | None:
    """The command the whole input is (French or English), or None for an ordinary answer.

    `change` carries the question number (None when missing or 0); `lang` carries a
    code of `bot.i18n.LANGUAGES`, or None when unrecognised.
    """
    if too_long(text):
        return None
    normalized = normalize(text)
    if normalized and set(normalized) <= set("? "):
        return Command("help")
    core = normalized.removeprefix("/").rstrip("?!. ")
    if not core or not set(core) <= _command_chars():
        return None
    if change := _change_re().fullmatch(core):
        number = int(change[1])
        return Command("change", number if number >= 1 else None)
    if lang := _lang_re().fullmatch(core):
        code = _language_names().get(lang[1])
        if code is not None or _names_a_language(lang[1]):  # "langue allemand": which language?
            return Command("lang", code)  # not "language course": an answer
    return _commands().get(key(core))
