"""Saved conversations (`--save FILE`, `--resume FILE`): the session codec's JSON in a file.

The file is `{"kind": "cpf-bot-session", …}` and the codec's form of the session, which
carries the dialogue's version and the rules' fingerprint: a session saved under older
rules or an older dialogue resumes with the engine's notice. Files of format 1 (the
session nested under "session") are still read. It never holds a social security
number: the dialogue never asks for one, and a file that holds one is not resumed.
"""

from __future__ import annotations

import json
import os
from typing import Any, Final

from bot.io import files, strictjson
from bot.dialogue import codec
from bot.privacy import contains_social_security_number
from bot.dialogue.session import Session

KIND: Final = "cpf-bot-session"
FREE_NAMES: Final = 1000  # cpf-bot-session.json, cpf-bot-session-2.json, …: tried in turn


class SaveFileError(files.FileProblem):
    """A file that cannot be resumed; `key` names the catalog message."""


def save(path: str, session: Session) -> None:
    """Writes the session atomically, readable by its owner only (`bot.io.files`).

    Raises OSError; `files.FileRefused` for a target that is a link or not a regular file.
    """
    files.write_private(path, _text(session))


def save_new(path: str, session: Session) -> str:
    """Writes the session as `save` does, under `path` or, if that name is taken (by a file,
    a link, anything), the first free one of `name-2.json`, `name-3.json`, …; never over
    a file that was there. Returns the name written. Raises OSError (FileExistsError when
    no name is free)."""
    stem, extension = os.path.splitext(path)
    text = _text(session)
    for n in range(1, FREE_NAMES + 1):
        name = path if n == 1 else f"{stem}-{n}{extension}"
        try:
            files.write_new(name, text)
        except FileExistsError:
            continue
        return name
    raise FileExistsError(path)


def _text(session: Session) -> str:
    data = {"kind": KIND, **codec.encode(session)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: str) -> Session:
    try:
        raw = files.read_limited(path)
    except files.FileRefused as error:
        raise SaveFileError(error.key, path) from None
    except OSError:
        raise SaveFileError("error.session_file_unreadable", path) from None
    try:
        text = raw.decode("utf-8")
        data: Any = strictjson.loads(text)
    except strictjson.DuplicateKey:
        raise SaveFileError("error.session_file_duplicate_key", path) from None
    except (UnicodeDecodeError, ValueError, RecursionError):  # not JSON, NaN, a 5000-digit number
        raise SaveFileError("error.not_a_session_file", path) from None
    if contains_social_security_number(text):  # never ours: we would write it back at the next save
        raise SaveFileError("error.not_a_session_file", path)
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise SaveFileError("error.not_a_session_file", path)
    if type(data.get("format")) is not int or data["format"] not in codec.READABLE:
        raise SaveFileError("error.session_file_format", path)
    if data["format"] == 1:  # the session nested, the rules' fingerprint beside it
        nested = data.get("session")
        data = {**nested, "format": codec.VERSION, "rules_version": data.get("rules_version", ""),
                "turn": 0} if isinstance(nested, dict) and nested.get("format") == 1 else None
    try:
        return codec.decode(data)
    except codec.SessionFormatError:
        raise SaveFileError("error.not_a_session_file", path) from None
