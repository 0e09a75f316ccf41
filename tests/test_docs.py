"""The project's own reference (docs/) says what the code does: the schemas are the code's,
every error code, command and option is documented, and the README points there."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from bot.channels.cli import COMMANDS, command_of
from bot.channels.schema import schema_text
from bot.dialogue.engine import cpf_engine
from bot.i18n import translator
from bot.render.assessment import assessment_json
from bot.render.schema import SCHEMAS, assessment_schema, situation_schema
from bot.rules.situation import FIELDS, to_json_value
from bot.service.requests import COMMANDS as REQUEST_COMMANDS
from bot.service.requests import ERROR_CODES
from fakes import run_cli
from walk import walk

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_committed_schemas_are_the_codes(name: str) -> None:
    committed = (DOCS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), f"docs/{name}.schema.json drifted: run `cpf-bot schema {name} > docs/{name}.schema.json`"
    code, out, _ = run_cli("schema", name)
    assert code == 0 and out == committed


def test_every_reachable_situation_and_assessment_fits_its_schema() -> None:
    situation = jsonschema.Draft202012Validator(situation_schema())
    assessment = jsonschema.Draft202012Validator(assessment_schema())
    seen: set[str] = set()  # many paths give the same document: each distinct one is validated once

    def validate_once(validator: jsonschema.Draft202012Validator, document: dict[str, object]) -> None:
        key = json.dumps(document, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            validator.validate(document)

    for as_of in (date(2024, 3, 1), date(2026, 6, 1)):
        for _, reply in walk(cpf_engine(), as_of):
            answers = {k: to_json_value(v) for k, v in reply.session.answers.items()}
            validate_once(situation, answers)
            assert reply.assessment is not None
            for lang in ("fr", "en"):
                validate_once(assessment, assessment_json(reply.assessment, translator(lang)))


def test_the_situation_schema_refuses_what_validate_refuses() -> None:
    validator = jsonschema.Draft202012Validator(situation_schema())
    assert not validator.is_valid({"age": 40})  # no status
    assert not validator.is_valid({"status": "boss"})
    assert not validator.is_valid({"status": "retired", "nickname": "x"})
    assert not validator.is_valid({"status": "retired", "age": 131})
    assert set(situation_schema()["properties"]) == set(FIELDS)


def test_the_situation_page_names_every_field() -> None:
    page = (DOCS / "situation.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"| `{name}` |" in page, name


def test_the_protocol_page_names_every_error_code_and_command() -> None:
    page = (DOCS / "protocol.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", page, re.M))
    assert documented == set(ERROR_CODES)
    for command in REQUEST_COMMANDS:
        assert f'"{command}"' in page, command


def test_the_commands_page_names_every_command_and_option() -> None:
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        if name != "talk":
            assert f"`cpf-bot {name}" in page, name
        for option in command_of(name).options:
            assert f"`{option.name}" in page, option.name


def test_the_readme_points_to_docs_not_to_the_shared_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/" in readme and "shared folder" not in readme and "CONTRACT.md" not in readme
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).exists(), link
    for page in DOCS.glob("*.md"):
        for link in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            assert (DOCS / link).exists(), f"{page.name}: {link}"


def test_the_schemas_are_plain_json() -> None:
    for name in SCHEMAS:
        json.loads((DOCS / f"{name}.schema.json").read_text(encoding="utf-8"))
