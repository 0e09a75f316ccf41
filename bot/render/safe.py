"""Text safe to show on a terminal: no control characters, so no escape sequences.

Rich interprets no markup in `Text`, but passes ESC and NUL through; a person's input or
a catalog sentence must never move the cursor, change colours or ring the bell.
"""

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without control characters (line breaks and tabs are kept)."""
    return _CONTROL.sub("", text)
