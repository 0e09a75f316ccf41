"""Why an answer cannot be read: `AnswerError`, its codes, and the input length limit.

A failure is an `AnswerError` whose `code` (one of `ERROR_CODES`) and `params` another
layer renders in the person's language as the catalog message `answer.<code>`.
"""

from __future__ import annotations

from typing import Final

MAX_LENGTH: Final = 1000

ERROR_CODES: Final = frozenset({
    "empty", "too_long", "not_yes_no", "not_a_number", "negative", "not_a_date",
    "impossible_date", "unknown_choice", "ambiguous_choice", "choice_out_of_range", "yes_no_at_choice",
    "how_much", "counts_in_hours", "counts_in_euros",
})
# Refusals of a number typed in the other unit: a question whose unit follows the account
# (`Question.follows_account`) has its own sentence, `answer.<code>.<field>`.
UNIT_CODES: Final = frozenset({"counts_in_hours", "counts_in_euros"})


class AnswerError(ValueError):
    """An answer that cannot be read; `code` is in `ERROR_CODES`, `params` fill its message."""

    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, object] = dict(params or {})

    def __repr__(self) -> str:
        return f"AnswerError({self.code!r}, {self.params!r})"
