"""`bot.io.jsontext`: the JSON a turn writes is the standard json's, character for character
where orjson can write it, and json's own where it cannot; never anything else."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.io import jsontext

COMPACT = {"ensure_ascii": False, "separators": (",", ":")}
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(values)
def test_it_writes_what_json_writes(value: Any) -> None:
    text = jsontext.dumps(value)
    assert text == json.dumps(value, **COMPACT)  # type: ignore[arg-type]
    assert json.loads(text) == value and jsontext.loads(text) == value


def test_what_orjson_refuses_json_writes() -> None:
    assert json.loads(jsontext.dumps({"text": "\ud800"})) == {"text": "\ud800"}  # a lone surrogate
    assert jsontext.dumps({1: "a"}) == '{"1":"a"}'  # a key that is no string, as json writes it
    assert jsontext.utf8_dumps({"text": "\ud800"}) is None and jsontext.utf8_dumps({1: "a"}) is None
    assert jsontext.utf8_dumps({"text": "é"}) == jsontext.dumps({"text": "é"}) == '{"text":"é"}'


def test_what_neither_writes_is_a_type_error() -> None:
    @dataclass
    class Point:
        x: int

    for value in (Point(1), {"p": Point(1)}, object(), {"s": {1, 2}}):
        with pytest.raises(TypeError):
            jsontext.dumps(value)


def test_a_row_that_is_not_json_is_a_value_error() -> None:
    for text in ("", "{", '{"a": NaN}', "[" * 2000 + "]" * 2000):
        with pytest.raises(ValueError):
            jsontext.loads(text)
