"""Compatibility: the free-text parsers now live in `bot.dialogue.interpret`.

Kept until the engine calls `bot.dialogue.interpret.interpret()`; import from the
package instead.
"""

from bot.dialogue.interpret import (
    ERROR_CODES, MAX_LENGTH, AnswerError, Choice, Command, is_dont_know,
    looks_like_social_security_number, match_choice, normalize, parse_amount, parse_command,
    parse_date, parse_number, parse_yes_no,
)

__all__ = [
    "ERROR_CODES", "MAX_LENGTH", "AnswerError", "Choice", "Command", "is_dont_know",
    "looks_like_social_security_number", "match_choice", "normalize", "parse_amount",
    "parse_command", "parse_date", "parse_number", "parse_yes_no",
]
