"""Text safe to show on a terminal: no control characters, so no escape sequences; and a
person's input safe to quote back: short, printable, never a social security number.

Rich interprets no markup in `Text`, but passes ESC and NUL through; a person's input or
a catalog sentence must never move the cursor, change colours or ring the bell.
"""

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARK = "\x00"  # where a number was, until the text is cut (printable text has no NUL)
QUOTED_MAX = 40  # characters of a person's input repeated in a message


def printable(text: str) -> str:
    """`text` without control characters (line breaks and tabs are kept)."""
    return _CONTROL.sub("", text)


def safe_message(text: str, placeholder: str) -> str:
    """A message that may quote input, as it can be shown or written: printable, and any
    social security number in it replaced by `placeholder` (a translated phrase)."""
    from bot.privacy import redact  # only messages that quote input need it: not at start-up

    return printable(redact(text, placeholder))


def quoted(text: str, placeholder: str, limit: int = QUOTED_MAX) -> str:
    """A person's input, to quote it in a message: on one line, printable, any social
    security number replaced by `placeholder`, then cut after `limit` characters (the
    number is replaced before the cut, so it is never left partly readable; the
    placeholder itself is never cut)."""
    from bot.privacy import redact

    text = redact(printable(text).replace("\n", " ").replace("\t", " "), _MARK)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text.replace(_MARK, placeholder)
