"""Which of a question's choices a person means: by its number or by its words.

Tried in order, the first that finds anything decides: exact label, the value as text
("B", "cap_bep"), a label starting with the text, then every meaningful word of the text
(or a prefix of 3+ letters) in a choice's labels. Stop words ("le", "the", "je suis")
come from every language's vocabulary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import alternation, key, prepare
from bot.dialogue.interpret.vocabulary import understood

_MIN_PREFIX: Final = 3


@dataclass(frozen=True)
class _Keys:
    """A choice's labels and value as `key` strings, and all their words."""

    labels: tuple[str, ...]
    values: tuple[str, ...]
    words: frozenset[str]


@dataclass(frozen=True)
class Choice:
    """One possible answer: the value returned and its labels in every language."""

    value: object
    labels: tuple[str, ...]

    @functools.cached_property
    def keys(self) -> _Keys:
        """Its labels and value as `key` strings, made once (a question's choices are kept)."""
        value = self.value
        raw_values = (value.name, str(value.value)) if isinstance(value, Enum) else (str(value),)
        labels = tuple(key(label) for label in self.labels)
        values = tuple(key(v) for v in raw_values)
        return _Keys(labels, values, frozenset(" ".join(labels + values).split()))


@functools.cache
def number_mark() -> str:
    """A regex for what may stand before a number: "n°", "no.", "numéro", "#"."""
    return rf"(?:{alternation(understood().number_words)}\s*[°.]?\s*|#\s*)"


@functools.cache
def _position_re() -> re.Pattern[str]:
    return re.compile(rf"{number_mark()}?([0-9]+)\s*[.)]?")


def _exact_labels(text: str, keys: Sequence[_Keys]) -> list[int]:
    return [i for i, k in enumerate(keys) if text in k.labels]


def _exact_values(text: str, keys: Sequence[_Keys]) -> list[int]:
    return [i for i, k in enumerate(keys) if text in k.values]


def _label_prefixes(text: str, keys: Sequence[_Keys]) -> list[int]:
    """Labels starting with the text, preferably at a word boundary."""
    whole = [i for i, k in enumerate(keys) if any(lb.startswith(text + " ") for lb in k.labels)]
    if whole or len(text.split()[-1]) < _MIN_PREFIX:
        return whole
    return [i for i, k in enumerate(keys) if any(lb.startswith(text) for lb in k.labels)]


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


def _distinctive_words(text: str, keys: Sequence[_Keys]) -> list[int]:
    """Every meaningful input word found in the labels; stop words that a label uses
    ("a" for licence A) are kept on a first try, then dropped too."""
    stop_words = understood().stop_words
    words = text.split()
    used = frozenset().union(*(k.words for k in keys))
    kept = [w for w in words if w not in stop_words or w in used]
    content = [w for w in words if w not in stop_words]
    return _all_words(kept, keys) or _all_words(content, keys)


_MATCHERS: Final = (_exact_labels, _exact_values, _label_prefixes, _distinctive_words)


def match_choice(text: str, choices: Sequence[Choice]) -> object:
    """The value of the choice the text designates, by 1-based number or by its words.

    Several choices found at one step raise `ambiguous_choice` with
    `{"candidates": [values]}`; a number out of range is `choice_out_of_range`.
    """
    normalized = prepare(text)
    if position := _position_re().fullmatch(normalized):
        index = int(position[1])
        if not 1 <= index <= len(choices):
            raise AnswerError("choice_out_of_range", {"count": len(choices)})
        return choices[index - 1].value
    words = key(normalized)
    keys = [choice.keys for choice in choices]
    # "le brevet", "the B": the words without their articles may name a choice exactly.
    stop_words = understood().stop_words
    content = " ".join(w for w in words.split() if w not in stop_words)
    for matcher in _MATCHERS:
        hits = matcher(words, keys) if words else []
        if not hits and content and content != words and matcher in (_exact_labels, _exact_values):
            hits = matcher(content, keys)
        if len(hits) == 1:
            return choices[hits[0]].value
        if hits:
            raise AnswerError("ambiguous_choice", {"candidates": [choices[i].value for i in hits]})
    raise AnswerError("unknown_choice")
