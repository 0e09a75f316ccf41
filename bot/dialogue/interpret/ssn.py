"""French social security numbers (NIR), which the bot never asks for and never keeps."""

from __future__ import annotations

import re
from typing import Final

from bot.dialogue.interpret.text import too_long

# A French social security number (NIR): sex, year, month (or a code from 20 to 99), the
# département (2A/2B for Corsica), commune and order numbers, then an optional 2-digit key;
# people type it with spaces, dots or dashes between the groups.
_NIR: Final = re.compile(r"(?<![0-9])[12378][0-9]{2}(?:0[1-9]|1[0-2]|[2-9][0-9])(?:[0-9]{2}|2[AB])[0-9]{6}(?:[0-9]{2})?(?![0-9])")
_BETWEEN_DIGITS: Final = re.compile(r"(?<=[0-9AB])[\s.\-]+(?=[0-9AB])")


def looks_like_social_security_number(text: str) -> bool:
    """Whether `text` contains something shaped like a French social security number.

    The bot never asks for one; such input is refused and never stored or recorded.
    """
    if too_long(text):
        return False
    return _NIR.search(_BETWEEN_DIGITS.sub("", text.upper())) is not None
