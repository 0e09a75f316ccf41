"""Social security numbers (bot.privacy): found however they are typed, and masked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.privacy import contains_social_security_number, redact

NIR = "185057800608436"
TYPED = [
    "1 85 05 78 006 084 36", NIR, "2.85.05.2A.006.084", "mon numéro : 1-85-05-78-006-084",
    "1/85/05/78/006/084/36", "1_85_05_78_006_084_36", "１８５０５７８００６０８４３６",
    "1\u200b85\u200b05\u200b78\u200b006\u200b084\u200b36", "1 85 05 78 006 084 36".replace(" ", "\u00a0"),
    "x" * 2000 + " 1 85 05 78 006 084 36 " + "y" * 2000, "ⅰ: 1,85,05,78,006,084,36", "1|85|05|78|006|084|36",
    "١٨٥٠٥٧٨٠٠٦٠٨٤٣٦",  # Arabic-Indic digits
    "ß 1 85 05 78 006 084 36 ß",  # a letter that is two in upper case
]
NOT = ["1 200", "1200,50", "01/09/2026", "06 12 34 56 78", "12345678901234567890", "", "2026-06-01 au 2026-09-01",
       "34 ans, 1 200 heures", "1 000 000 000"]


@pytest.mark.parametrize("text", TYPED)
def test_a_number_is_found_however_it_is_typed(text: str) -> None:
    assert contains_social_security_number(text)
    masked = redact(text, "[NIR]")
    assert "[NIR]" in masked and not contains_social_security_number(masked)


@pytest.mark.parametrize("text", NOT)
def test_other_numbers_are_left_alone(text: str) -> None:
    assert not contains_social_security_number(text)
    assert redact(text, "[NIR]") == text


def test_only_the_number_is_masked() -> None:
    assert redact("key \x1b 1/85/05/78/006/084/36 and 2 85 05 2a 006 084, then 30", "•") == "key \x1b • and •, then 30"


@settings(max_examples=30, deadline=None)
@given(before=st.text(max_size=30), after=st.text(max_size=30),
       separator=st.sampled_from([" ", ".", "-", "/", "_", "\u202f", "\u00a0", "", "\u2009", "\t", " / "]))
def test_redact_never_leaves_a_number(before: str, after: str, separator: str) -> None:
    text = before + " nir " + separator.join(["1", "85", "05", "78", "006", "084", "36"]) + " nir " + after
    assert contains_social_security_number(text)
    assert not contains_social_security_number(redact(text, "[NIR]"))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60) | st.lists(st.sampled_from(["1", "85", " ", "/", "ß", "2A", "０", "\u0301", "x"])).map("".join))
def test_any_text_is_redacted_without_a_number_left(text: str) -> None:
    assert not contains_social_security_number(redact(text, "[NIR]"))


@given(st.text(max_size=40) | st.text(alphabet="0123456789 -x", max_size=40))
def test_digits_are_counted_as_in_the_normalised_text(text: str) -> None:
    import re
    import unicodedata

    from bot.privacy import _digits

    assert _digits(text) == len(re.findall(r"\d", unicodedata.normalize("NFKC", text)))
