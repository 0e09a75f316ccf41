"""Every entry point under hostile input, through its public door only (the command line's
`run(argv, env)`, `bot.start`, `Conversation`), never the internals behind it.

Properties: no traceback and no uncaught exception; exit codes 0, 1 or 2 only; every
`serve` reply is one JSON object line with `ok`; a rejected input changes nothing; a
social security number is never echoed, written or shown, and neither is a terminal
escape. Examples are few (the suite stays fast); each run explores different ones, and
`CPF_FUZZ_EXAMPLES=1000 python -m pytest tests/test_fuzz.py` searches deeper.

Crashes found in code that is being redesigned elsewhere (bot/api.py, the session codec,
the situation validator) are kept below as `xfail(strict=True)` examples: they fail
loudly, as passes, once fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import bot
from bot.channels.cli import run
from bot.channels.environment import Environment
from bot.privacy import contains_social_security_number
from bot.rules.situation import FIELDS
from tests.fakes import run_cli

# Few examples in the suite (a few seconds for all); CPF_FUZZ_EXAMPLES=1000 to search deeper.
FUZZ = settings(max_examples=int(os.environ.get("CPF_FUZZ_EXAMPLES", "12")), deadline=None,
                suppress_health_check=list(HealthCheck))
TODAY = dt.date(2026, 6, 1)

NIRS = st.sampled_from([
    "1 85 05 78 006 084 36", "185057800608436", "1/85/05/78/006/084/36", "1_85_05_78_006_084_36",
    "１８５０５７８００６０８４３６", "2.85.05.2A.006.084", "1\u200b85\u200b05\u200b78\u200b006\u200b084",
])
TYPED = st.sampled_from([
    "salarie", "demandeur d'emploi", "5", "1", "30", "45", "oui", "non", "yes", "no", "je ne sais pas",
    "I don't know", "retour", "back", "aide", "help", "pourquoi", "why", "résumé", "summary", "modifier 1",
    "change 3", "modifier 99", "recommencer", "restart", "langue en", "lang fr", "bac", "un bilan",
    "1 200,50 €", "1er septembre 2026", "2026-02-30", "", " ", "\x1b[2J", "\x1b]0;x\x07", "\x00", "\u202e",
    "[/]", "{name}", "%s", "0" * 2000,
])
TEXT = st.one_of(
    TYPED, NIRS, st.text(max_size=30),
    st.builds(lambda a, n, b: a + n + b, st.text(max_size=6), NIRS, st.text(max_size=6)),
)
COMMANDS = st.sampled_from(["back", "restart", "summary", "help", "why", "end", "lang:en", "lang:fr"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False) | TEXT
    | st.sampled_from(["2026-06-01", "2026-02-30", "9999-12-31", "private_employee", "job_seeker", 30]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(sorted(FIELDS)) | TEXT
SITUATIONS = st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6)


def clean(*texts: str) -> None:
    """What a person or a program gets back: no traceback, no number, no escape."""
    for text in texts:
        assert "Traceback" not in text
        assert not contains_social_security_number(text), text
        assert "\x1b" not in text and "\x07" not in text


def strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def env_of(stdin: bytes) -> Environment:
    """An Environment whose stdin has a byte buffer, as a real pipe has."""
    return Environment(io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"), io.StringIO(), io.StringIO(),
                       {"LANG": "fr_FR.UTF-8"}, lambda: TODAY)


def outputs(env: Environment) -> tuple[str, str]:
    assert isinstance(env.stdout, io.StringIO) and isinstance(env.stderr, io.StringIO)
    return env.stdout.getvalue(), env.stderr.getvalue()


# -- the terminal, in line mode ----------------------------------------------------------


@FUZZ
@given(lines=st.lists(TEXT, max_size=10), lang=st.sampled_from(["fr", "en"]))
def test_line_mode_survives_any_input(lines: list[str], lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        side = {name: str(Path(folder) / name) for name in ("s.json", "r.dialog", "r.md")}
        argv = ["--date", "2026-06-01", "--lang", lang, "--save", side["s.json"], "--record", side["r.dialog"],
                "--report", side["r.md"]]
        code, out, err = run_cli(*argv, stdin="\n".join(lines) + "\n")
        assert code == 0 and err == ""
        clean(out)
        for path in side.values():
            if Path(path).exists():
                assert not contains_social_security_number(Path(path).read_text(encoding="utf-8"))


# -- serve ---------------------------------------------------------------------------------

SESSIONS = st.sampled_from(["s1", "s2"]) | TEXT | JSON_VALUES
START_SPECS = st.fixed_dictionaries({}, optional={
    "lang": st.sampled_from(["fr", "en"]) | JSON_VALUES, "date": st.sampled_from(["2026-06-01"]) | JSON_VALUES,
    "known": SITUATIONS | JSON_VALUES, "extra": JSON_VALUES,
})
REQUESTS = st.one_of(
    st.builds(lambda s, spec: {"session": s, "start": spec}, SESSIONS, START_SPECS),
    st.builds(lambda s, v: {"session": s, "answer": v}, SESSIONS, JSON_VALUES),
    st.builds(lambda s, v: {"session": s, "say": v}, SESSIONS, TEXT | JSON_VALUES),
    st.builds(lambda s, v: {"session": s, "command": v}, SESSIONS, COMMANDS | TEXT | JSON_VALUES),
    st.dictionaries(TEXT, JSON_VALUES, max_size=4),
)
LINES = st.one_of(
    REQUESTS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),
    REQUESTS.map(lambda r: json.dumps(r).encode("ascii")),
    st.sampled_from([b"", b"{", b"[]", b"null", b'{"session": "s1", "session": "s2", "command": "summary"}',
                     b"\xff\xfe", b"NaN", b"[" * 5000, b'{"session": "s1", "say": "\\ud800"}']),
    st.binary(max_size=40).filter(lambda b: b"\n" not in b),
)
STARTS = [b'{"session": "s1", "start": {"lang": "en", "date": "2026-06-01"}}',
          b'{"session": "s2", "start": {"lang": "fr", "known": {"status": "job_seeker", "age": 30}}}']


@FUZZ
@given(lines=st.lists(LINES, max_size=8))
def test_serve_answers_every_line_with_one_object_and_rejections_change_nothing(lines: list[bytes]) -> None:
    # After each line, a probe of both sessions shows their state: a rejected line must leave it as it was.
    probes = [b'{"session": "s1", "command": "summary"}', b'{"session": "s2", "command": "summary"}']
    sent = STARTS + probes + [line for fuzz in lines for line in (fuzz, *probes)]
    env = env_of(b"\n".join(sent) + b"\n")
    assert run(["serve", "--store", ":memory:"], env) == 0
    out, err = outputs(env)
    clean(out)
    assert err == ""
    replies = out.split("\n")
    assert replies[-1] == "" and len(replies) - 1 == len(sent)
    responses = [json.loads(line) for line in replies[:-1]]
    for response in responses:
        assert isinstance(response, dict) and isinstance(response["ok"], bool) and "session" in response
        clean(*strings(response))
        if not response["ok"]:
            assert response["error"]["code"] != "internal_error"
    assert all(r["ok"] for r in responses[:4])
    state = {"s1": responses[2], "s2": responses[3]}
    for i in range(len(lines)):
        fuzz, first, second = responses[4 + 3 * i: 7 + 3 * i]
        for probe, name in ((first, "s1"), (second, "s2")):
            if not fuzz["ok"] and state[name]["ok"] and not state[name].get("ended"):
                assert probe == state[name], (lines[i], probe, state[name])
            if state[name]["ok"] or probe["ok"]:
                state[name] = probe


# -- assess ----------------------------------------------------------------------------------

ASSESS_INPUTS = st.one_of(
    SITUATIONS.map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.builds(lambda d, s: json.dumps({"status": s, **d}, ensure_ascii=False), SITUATIONS,
              st.sampled_from(["private_employee", "job_seeker", "self_employed", "retired"])),
    JSON_VALUES.map(json.dumps), st.text(max_size=40),
    st.sampled_from(['{"status": "retired", "status": "job_seeker"}', "[" * 5000, "\ufeff{}", "NaN"]),
)
ASSESSMENT_KEYS = {"as_of", "account", "unit", "annual_credit", "cap", "balance", "balance_estimated", "training",
                   "participation", "funding", "employer", "next_steps", "explanations"}


def check_assess(code: int, out: str, err: str) -> None:
    assert code in (0, 2)
    clean(out, err)
    if code == 0:
        assert ASSESSMENT_KEYS <= set(json.loads(out)) and err == ""
    else:
        assert out == "" and err.strip()


@FUZZ
@given(text=ASSESS_INPUTS, text_mode=st.booleans(), lang=st.sampled_from(["fr", "en"]))
def test_assess_stdin_survives_any_input(text: str, text_mode: bool, lang: str) -> None:
    env = env_of(text.encode("utf-8", "surrogatepass"))
    code = run(["assess", "-", "--lang", lang, *(["--text"] if text_mode else [])], env)
    out, err = outputs(env)
    if text_mode and code == 0:
        assert out and err == ""
        clean(out)
    else:
        check_assess(code, out, err)


@FUZZ
@given(raw=ASSESS_INPUTS.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=60))
def test_assess_file_survives_any_input(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "situation.json"
        path.write_bytes(raw)
        check_assess(*run_cli("assess", str(path), lang="en"))


# -- save files (--resume) -----------------------------------------------------------------


def saved_session() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        assert run_cli("--date", "2026-06-01", "--save", str(path), stdin="salarie\n40\noui\n")[0] == 0
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data


SAVED = saved_session()
SESSION = {k: v for k, v in SAVED.items() if k != "kind"}  # the codec's form, as to_dict gives it
SESSION_KEYS = st.sampled_from(sorted(SESSION))
SAVE_FILES = st.one_of(
    st.builds(lambda k, v: {**SAVED, k: v}, SESSION_KEYS, JSON_VALUES),
    st.builds(lambda k: {n: v for n, v in SAVED.items() if n != k}, SESSION_KEYS),
    st.builds(lambda k, v: {**SAVED, k: v}, st.sampled_from(sorted(SAVED)) | TEXT, JSON_VALUES),
    st.builds(lambda v: {**SAVED, "answers": v}, SITUATIONS),
).map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")) | st.binary(max_size=40)


@FUZZ
@given(raw=SAVE_FILES, lines=st.lists(TEXT, max_size=3))
@example(raw=json.dumps({**SAVED, "sources": None}).encode(), lines=[])  # was a crash
def test_resume_survives_any_save_file(raw: bytes, lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, again = Path(folder) / "s.json", Path(folder) / "again.json"
        path.write_bytes(raw)
        code, out, err = run_cli("--resume", str(path), "--save", str(again), stdin="\n".join(lines) + "\n")
        assert code in (0, 2)
        clean(out, err)
        if code == 2:
            assert out == "" and err.strip() and not again.exists()
        elif again.exists():
            assert not contains_social_security_number(again.read_text(encoding="utf-8"))


# -- .dialog files (replay) ------------------------------------------------------------------

DIALOG_LINES = st.one_of(
    st.sampled_from(["# lang: en", "# lang: fr", "# date: 2026-06-01", "# date: 2026-02-30", "# date: 9999-12-31",
                     "# known.status: \"job_seeker\"", "# known.age: 30", "# skipped: balance", "# comment",
                     "< situation", "> 5", "> 30", "= annual_credit: 500", "= balance: null", "= cap: {\"a\": 1}",
                     "= funding.cpf_pays: 1", "= next_steps.0.code: \"x\"", "", "\r", "\ufeff> 1"]),
    TEXT.map(lambda t: "> " + t), TEXT.map(lambda t: "< " + t), TEXT.map(lambda t: "# " + t),
    st.builds(lambda a, b: f"= {a}: {b}", TEXT, TEXT), st.builds(lambda a, b: f"# known.{a}: {b}", TEXT, TEXT),
    TEXT,
)


@FUZZ
@given(lines=st.lists(DIALOG_LINES, max_size=10), lang=st.sampled_from(["fr", "en"]))
def test_replay_survives_any_dialog_file(lines: list[str], lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.dialog"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        code, out, err = run_cli("replay", str(path), lang=lang)
        assert code in (0, 1, 2)
        clean(out, err)
        assert "the bot failed on this line" not in out and "le bot a échoué" not in out.lower()


# -- the Python API ------------------------------------------------------------------------

# Inputs the API cannot take yet (crashes listed as xfail below): kept out of the fuzz.
API_VALUES = JSON_VALUES


def same_state(chat: bot.Conversation, before: tuple[dict[str, Any], dict[str, Any]]) -> bool:
    return (chat.to_dict(), chat.reply) == before


def check_response(response: dict[str, Any]) -> None:
    assert isinstance(response, dict) and isinstance(response["ok"], bool)
    clean(*strings(response))


@FUZZ
@given(lang=st.sampled_from(["fr", "en"]) | API_VALUES, date=st.sampled_from([None, "2026-06-01", TODAY]) | API_VALUES,
       known=st.none() | SITUATIONS | API_VALUES,
       turns=st.lists(st.tuples(st.sampled_from(["say", "answer", "command"]), TEXT | COMMANDS | API_VALUES),
                      max_size=8))
def test_the_api_survives_any_input(lang: Any, date: Any, known: Any, turns: list[tuple[str, Any]]) -> None:
    try:
        chat = bot.start(lang=lang, date=date, known=known)
    except bot.Rejected as refused:
        assert refused.code in ("bad_language", "bad_date", "invalid_known", "bad_request")
        clean(refused.message)
        chat = bot.start(lang="fr", date=TODAY)
    for method, value in turns:
        if method == "say" and not isinstance(value, str):
            continue  # say(None), say(5): a crash (xfail below)
        before = (chat.to_dict(), chat.reply)
        response = getattr(chat, method)(value)
        check_response(response)
        if not response["ok"]:
            assert same_state(chat, before)
    restored = bot.Conversation.from_dict(json.loads(json.dumps(chat.to_dict())))
    assert restored.to_dict() == chat.to_dict()


@FUZZ
@given(data=st.one_of(
    st.builds(lambda k, v: {**SESSION, k: v}, SESSION_KEYS, API_VALUES),
    st.builds(lambda k: {n: v for n, v in SESSION.items() if n != k}, SESSION_KEYS),
    API_VALUES,
), text=TEXT)
def test_from_dict_takes_anything_and_refuses_what_is_not_a_session(data: Any, text: str) -> None:
    try:
        chat = bot.Conversation.from_dict(data)
    except bot.Rejected as refused:
        assert refused.code == "session_format"
        return
    check_response(chat.say(text))


@FUZZ
@given(situation=SITUATIONS | API_VALUES, date=st.sampled_from([None, "2026-06-01"]) | API_VALUES,
       lang=st.sampled_from(["fr", "en"]) | API_VALUES)
def test_api_assess_returns_or_refuses(situation: Any, date: Any, lang: Any) -> None:
    try:
        assessment = bot.assess(situation, date=date, lang=lang)
    except bot.Rejected as refused:
        assert refused.code in ("bad_language", "bad_date", "invalid_situation")
        clean(refused.message)
        return
    assert ASSESSMENT_KEYS <= set(assessment)


# -- crashes and laxness the fuzz found in bot/api.py and the session codec, fixed ---------------


def at_age() -> bot.Conversation:
    return bot.start(lang="en", date=TODAY, known={"status": "private_employee"})


def refused_or_rejected(call: Any) -> None:
    """The API's promise: a refused input gives ok: false (or raises Rejected), nothing else."""
    try:
        response = call()
    except bot.Rejected:
        return
    if isinstance(response, bot.Conversation):  # start: a datetime taken as its date
        assert response.reply["ok"]
        return
    assert isinstance(response, dict) and ("ok" in response or ASSESSMENT_KEYS <= set(response))


API_CRASHES = [
    pytest.param(lambda: at_age().say(None), id="say(None)"),  # TypeError in answers.normalize
    pytest.param(lambda: at_age().say(5), id="say(5)"),
    pytest.param(lambda: at_age().say(b"5"), id="say(bytes)"),
    pytest.param(lambda: at_age().step(None), id="step(None)"),  # AttributeError
    pytest.param(lambda: at_age().answer(10**5000), id="answer(10**5000)"),  # ValueError: int too long for str()
    pytest.param(lambda: bot.start(known={"age": 10**5000}), id="start(known age 10**5000)"),
    pytest.param(lambda: bot.start(known={"status": "retired", "training_start": dt.datetime(2026, 6, 1, 9)}),
                 id="start(known datetime)"),  # TypeError: datetime compared with date
    pytest.param(lambda: bot.assess({"status": "retired"}, date=dt.datetime(2026, 6, 1, 9)), id="assess(datetime)"),
    pytest.param(lambda: bot.assess({"status": "retired", "age": 10**5000}), id="assess(age 10**5000)"),
]


@pytest.mark.parametrize("call", API_CRASHES)
def test_api_crashes_found_by_the_fuzz(call: Any) -> None:
    refused_or_rejected(call)


CODEC_LAXNESS = [
    pytest.param({"format": True}, id="format true"),
    pytest.param({"as_of": "9999-12-31"}, id="as_of after 2199"),
    pytest.param({"as_of": "20260601"}, id="as_of in ISO basic form"),
    pytest.param({"dialogue": None}, id="dialogue null"),
    pytest.param({"dialogue_version": 10**30}, id="dialogue_version huge"),
    pytest.param({"skipped": [["x"]]}, id="skipped not names"),
    pytest.param({"state": "\x1b[2J"}, id="state not a state"),
]


@pytest.mark.parametrize("change", CODEC_LAXNESS)
def test_session_codec_laxness_found_by_the_fuzz(change: dict[str, Any]) -> None:
    with pytest.raises(bot.Rejected):
        bot.Conversation.from_dict({**SESSION, **change})
