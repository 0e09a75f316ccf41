"""Yes or no, in any language of the vocabulary: the opening phrase or the first word decides."""

from __future__ import annotations

from bot.dialogue.interpret.errors import AnswerError
from bot.dialogue.interpret.text import normalize, prepare, words_with_apostrophes
from bot.dialogue.interpret.vocabulary import understood


def parse_yes_no(text: str) -> bool:
    """True or False from a yes/no answer in French or English; the first word decides.

    Openings of several words ("bien sûr", "not at all") are tried before the first word.
    """
    words = words_with_apostrophes(prepare(text))
    vocabulary = understood()
    opening = " ".join(words)
    for phrases, answer in ((vocabulary.yes_phrases, True), (vocabulary.no_phrases, False)):
        if any(opening == p or opening.startswith(p + " ") for p in phrases):
            return answer
    if words and words[0] in vocabulary.yes:
        return True
    if words and words[0] in vocabulary.no:
        return False
    raise AnswerError("not_yes_no")


def whole_yes_no(text: str) -> bool | None:
    """True or False when the whole text is one yes/no word or phrase ("non", "not at
    all"), else None: "non salarié" or "no diploma" say more than yes or no."""
    opening = " ".join(words_with_apostrophes(normalize(text)))
    vocabulary = understood()
    for words, answer in ((vocabulary.yes | vocabulary.yes_phrases, True), (vocabulary.no | vocabulary.no_phrases, False)):
        if opening in words:
            return answer
    return None
