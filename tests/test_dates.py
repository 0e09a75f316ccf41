"""One range of dates everywhere (bot.dates): a real date, from the rules' earliest date
to 2199-12-31 for a rules date; an impossible date is said to be one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import bot
from bot.dates import rules_date
from bot.rules import earliest_date
from bot.rules.situation import MAX_DATE, MIN_DATE
from tests.fakes import run_cli

IMPOSSIBLE = ["2026-02-30", "2025-13-01", "2026-04-31", "2025-02-29"]
TOO_LATE = ["2200-01-01", "9999-12-31"]
NOT_DATES = ["2026-W01-1", "20260601", "2026-6-1", "01/06/2026", "２０２６-06-01", ""]


def test_the_range_is_the_situations_from_the_rules_earliest_date() -> None:
    assert (MIN_DATE, MAX_DATE) == (date(1900, 1, 1), date(2199, 12, 31))
    assert rules_date(MAX_DATE.isoformat()) == MAX_DATE and rules_date(earliest_date()) == earliest_date()
    assert rules_date("2018-12-31") == "too_early" and rules_date("1800-01-01") == "too_early"
    assert [rules_date(d) for d in TOO_LATE] == ["too_late"] * 2
    assert [rules_date(d) for d in IMPOSSIBLE] == ["impossible_date"] * 4
    assert [rules_date(d) for d in NOT_DATES + [None, 20260601]] == ["not_a_date"] * 8


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_an_impossible_date_is_said_to_be_one_everywhere(value: str) -> None:
    sentence = f'"{value}" is not a real date: check the day and the month.'
    code, _, err = run_cli("--date", value, lang="en")
    assert code == 2 and sentence in err
    assert serve_error({"lang": "en", "date": value}) == ("bad_date", sentence)
    with pytest.raises(bot.Rejected) as refused:
        bot.start(lang="en", date=value)
    assert refused.value.message == sentence


@pytest.mark.parametrize("value", TOO_LATE)
def test_a_date_after_2199_is_refused_everywhere(value: str) -> None:
    sentence = f'"{value}" is too far ahead: dates go up to 31 December 2199.'
    code, out, err = run_cli("--date", value, stdin="5\n", lang="en")
    assert (code, out) == (2, "") and sentence in err
    assert run_cli("assess", "--date", value, stdin='{"status": "retired"}')[0] == 2
    assert serve_error({"lang": "en", "date": value}) == ("bad_date", sentence)


@pytest.mark.parametrize("value", NOT_DATES)
def test_a_date_not_in_the_form_is_refused_everywhere(value: str) -> None:
    code, _, err = run_cli("--date", value, lang="en")
    assert code == 2 and "YYYY-MM-DD" in err
    assert serve_error({"lang": "en", "date": value})[0] == "bad_date"


def test_a_date_before_the_rules_says_from_when() -> None:
    sentence = "The rules are only known from 1 January 2019 (before 2019 the CPF was counted in hours)."
    assert serve_error({"lang": "en", "date": "1950-12-31"}) == ("bad_date", sentence)
    assert sentence in run_cli("--date", "1950-12-31", lang="en")[2]


def test_a_saved_session_after_2199_is_not_resumed(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    assert run_cli("--date", "2026-06-01", "--save", str(path), stdin="5\n")[0] == 0
    path.write_text(path.read_text().replace("2026-06-01", "9999-12-31"))
    code, _, err = run_cli("--resume", str(path), lang="en")
    assert code == 2 and "is not a valid cpf-bot session" in err


def serve_error(start: dict[str, object]) -> tuple[str, str]:
    line = json.dumps({"session": "s", "start": start}) + "\n"
    code, out, _ = run_cli("serve", "--store", ":memory:", stdin=line)
    response = json.loads(out)
    assert code == 0 and response["ok"] is False
    return response["error"]["code"], response["error"]["message"]


def test_a_moment_is_not_a_rules_date() -> None:
    from datetime import datetime

    assert rules_date(datetime(2026, 6, 1, 10, 0)) == "not_a_date"
