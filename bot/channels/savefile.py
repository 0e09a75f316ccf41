"""Saved conversations (`--save FILE`, `--resume FILE`): the session codec's JSON in a file.

The file is `{"kind": "cpf-bot-session", …}` and the codec's form of the session, which
carries the dialogue's version and the rules' fingerprint: a session saved under older
rules or an older dialogue resumes with the engine's notice. Files of format 1 (the
session nested under "session") are still read. It never holds a social security
number: the dialogue never asks for one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final

from bot.dialogue import codec
from bot.dialogue.session import Session

KIND: Final = "cpf-bot-session"


class SaveFileError(Exception):
    """A file that cannot be resumed; `key` names the catalog message."""

    def __init__(self, key: str, path: str) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = path


def save(path: str, session: Session) -> None:
    """Writes the session atomically: a crash never leaves half a file."""
    data = {"kind": KIND, **codec.encode(session)}
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, target)


def load(path: str) -> Session:
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise SaveFileError("error.session_file_unreadable", path) from None
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        raise SaveFileError("error.not_a_session_file", path) from None
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
