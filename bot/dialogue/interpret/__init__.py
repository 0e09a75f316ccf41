"""Free text as people type it, read in one place: `interpret(text, lang, question)`.

One module per idea: `text` (normalisation), `vocabulary` (each language's words, from
`locales/<lang>/vocabulary.toml` and babel), `yes_no`, `numbers`, `dates`, `choices`,
`dont_know`, `commands`, `ssn` (social security numbers), `outcomes` (the
`Interpretation` union) and `entry` (`interpret` itself). Every language of
`bot.i18n.LANGUAGES` is understood whatever the session's language; `lang` only settles
a lone separator before three digits ("1,200").

The parsers are pure functions; failures are `AnswerError`s whose `code` another layer
renders as `answer.<code>`. Every parser first rejects input longer than `MAX_LENGTH`
characters (`too_long`), then blank input (`empty`).
"""

from bot.dialogue.interpret.choices import Choice, match_choice
from bot.dialogue.interpret.commands import Command, parse_command
from bot.dialogue.interpret.dates import parse_date
from bot.dialogue.interpret.dont_know import is_dont_know
from bot.dialogue.interpret.entry import interpret, question_choices
from bot.dialogue.interpret.errors import ERROR_CODES, MAX_LENGTH, AnswerError
from bot.dialogue.interpret.numbers import parse_amount, parse_number, separator_readings
from bot.dialogue.interpret.outcomes import REFUSAL_CODES, Ambiguous, DontKnow, Interpretation, Refused, Value
from bot.dialogue.interpret.ssn import looks_like_social_security_number
from bot.dialogue.interpret.text import normalize
from bot.dialogue.interpret.yes_no import parse_yes_no, whole_yes_no

__all__ = [
    "ERROR_CODES", "MAX_LENGTH", "REFUSAL_CODES", "Ambiguous", "AnswerError", "Choice", "Command", "DontKnow",
    "Interpretation", "Refused", "Value", "interpret", "is_dont_know",
    "looks_like_social_security_number", "match_choice", "normalize", "parse_amount",
    "parse_command", "parse_date", "parse_number", "parse_yes_no", "question_choices", "separator_readings",
    "whole_yes_no",
]
