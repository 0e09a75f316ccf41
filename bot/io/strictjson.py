"""JSON read strictly: an object that repeats a key is refused, never "the last one wins".

`{"session": "bob", "answer": 1, "session": "alice"}` would otherwise act on alice's
session while a log or a proxy that keeps the first key reads bob's. Every JSON cpf-bot
reads from outside (serve lines, assess input, save files, `.dialog` values) goes
through `loads`.
"""

from __future__ import annotations

import json
from typing import Any, Final


class DuplicateKey(ValueError):
    """An object repeats `key`. A ValueError, so catch it before json.JSONDecodeError's kin."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """`object_pairs_hook` that refuses a repeated key."""
    result: dict[str, Any] = dict(pairs)  # in C: a request line holds a few objects
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:  # which key repeats first
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# Made once, as json.loads makes its default decoder: making one costs more than a small request.
_STRICT: Final = json.JSONDecoder(object_pairs_hook=unique_keys, parse_constant=_refuse_constant)
_WITH_CONSTANTS: Final = json.JSONDecoder(object_pairs_hook=unique_keys)


def loads(text: str, *, constants: bool = False) -> Any:
    """The JSON value of `text`. Raises DuplicateKey, json.JSONDecodeError, ValueError
    (NaN and infinities unless `constants`, an integer of thousands of digits) or
    RecursionError (nested too deep)."""
    return (_WITH_CONSTANTS if constants else _STRICT).decode(text)
