"""French social security numbers (NIR), which the bot never asks for and never keeps.

The detection itself is `bot.privacy` (normalised: NFKC, digits of any script, any
separator, any length of text), shared with every place that writes or echoes text.
"""

from __future__ import annotations

from bot.privacy import contains_social_security_number


def looks_like_social_security_number(text: str) -> bool:
    """Whether `text` contains something shaped like a French social security number.

    The bot never asks for one; such input is refused and never stored or recorded.
    """
    return contains_social_security_number(text)
