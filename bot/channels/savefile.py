"""Saved conversations (`--save FILE`, `--resume FILE`): a versioned JSON file.

It holds the session (answers, who gave them, language, rules date, dialogue version)
and the version of the rules it was computed with, so a session saved under older rules
or an older dialogue resumes with a notice. It never holds a social security number:
the dialogue never asks for one, and a file that holds one is not resumed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from bot.channels import files, strictjson
from bot.dates import rules_date
from bot.privacy import contains_social_security_number
from bot.rules.parameters import PARAMETERS_FILE
from bot.dialogue.session import Session
from bot.rules.situation import SituationError

KIND = "cpf-bot-session"
FORMAT = 1


@cache
def rules_version() -> str:
    """A fingerprint of the dated parameters: it changes whenever a rule's figure does."""
    return hashlib.sha256(PARAMETERS_FILE.read_bytes()).hexdigest()[:12]


class SaveFileError(Exception):
    """A file that cannot be resumed; `key` names the catalog message."""

    def __init__(self, key: str, path: str) -> None:
        super().__init__(f"{key}: {path}")
        self.key = key
        self.path = path

    @property
    def params(self) -> dict[str, object]:
        """The placeholders of its message."""
        return {"path": self.path, "limit": files.MAX_READ}


@dataclass(frozen=True)
class Saved:
    session: Session
    rules_changed: bool


def save(path: str, session: Session) -> None:
    """Writes the session atomically, readable by its owner only (`bot.channels.files`).

    Raises OSError; `files.FileRefused` for a target that is a link or not a regular file.
    """
    data = {"kind": KIND, "format": FORMAT, "rules_version": rules_version(), "session": session.to_dict()}
    files.write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def load(path: str) -> Saved:
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
    if data.get("format") != FORMAT:
        raise SaveFileError("error.session_file_format", path)
    try:
        session = Session.from_dict(data["session"])
    except (KeyError, TypeError, ValueError, AttributeError, SituationError):  # "sources": null
        raise SaveFileError("error.not_a_session_file", path) from None
    if not isinstance(rules_date(session.as_of), date):  # the range every rules date has
        raise SaveFileError("error.not_a_session_file", path)
    return Saved(session, data.get("rules_version") != rules_version())
