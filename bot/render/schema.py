"""JSON Schemas of the public data: the situation (made from the field table, `FIELDS`,
with each field's question from the English catalog) and the assessment (its shape,
written once here; a test holds every assessment the rules give against it).
`cpf-bot schema situation|assessment` prints them; docs/ keeps a copy a test compares."""

from __future__ import annotations

from typing import Any, Final

from bot.i18n import translator
from bot.rules.model import Exemption
from bot.rules.situation import FIELDS, REQUIRED, FieldSpec, MAX_DATE, MIN_DATE

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_NUMBER: Final = {"type": "number"}
_NULLABLE_NUMBER: Final = {"type": ["number", "null"]}
_DATE: Final = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def _field(name: str, spec: FieldSpec) -> dict[str, Any]:
    schema: dict[str, Any]
    match spec.kind:
        case "choice":
            schema = {"type": "string", "enum": list(spec.choices)}
        case "bool":
            schema = {"type": "boolean"}
        case "int" | "number":
            schema = {"type": "integer" if spec.kind == "int" else "number"}
            if spec.positive:
                schema["exclusiveMinimum"] = 0
            elif spec.minimum is not None:
                schema["minimum"] = int(spec.minimum)
            if spec.maximum is not None:
                schema["maximum"] = int(spec.maximum)
        case "date":
            schema = {**_DATE, "description": f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"}
    if spec.nullable:
        schema["type"] = [schema["type"], "null"]
    tr = translator("en")
    title = tr.text(f"field.{name}") if tr.has(f"field.{name}") else "Rules date (default: today)"
    question = tr.text_template(f"question.{name}") if tr.has(f"question.{name}") else ""
    described = {"title": title, **({"description": question} if question and "description" not in schema else {})}
    return {**described, **schema}


def situation_schema() -> dict[str, Any]:
    """The situation (CONTRACT.md): every field optional except `status`, none other allowed."""
    return {
        "$schema": DRAFT,
        "title": "cpf-bot situation",
        "type": "object",
        "required": list(REQUIRED),
        "additionalProperties": False,
        "properties": {name: _field(name, spec) for name, spec in FIELDS.items()},
    }


def _object(properties: dict[str, Any], nullable: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["object", "null"] if nullable else "object",
                              "required": list(properties), "properties": properties}
    return schema


def assessment_schema() -> dict[str, Any]:
    """The assessment (CONTRACT.md): these keys always present; more may be added."""
    text_item = {"type": "object", "required": ["code", "text"],
                 "properties": {"code": {"type": "string"}, "text": {"type": "string"}}}
    return {
        "$schema": DRAFT,
        "title": "cpf-bot assessment",
        **_object({
            "as_of": _DATE,
            "account": _object({"open": {"type": "boolean"}, "reason": {"type": "string"}}),
            "unit": {"enum": ["EUR", "hours"]},
            "annual_credit": _NUMBER,
            "cap": _NUMBER,
            "balance": _NULLABLE_NUMBER,
            "balance_estimated": {"type": "boolean"},
            "training": _object({"eligible": {"type": "boolean"}, "reason": {"type": "string"},
                                 "cpf_cap": _NULLABLE_NUMBER}, nullable=True),
            "participation": _object({
                "amount": _NUMBER, "due": {"type": "boolean"},
                "exemption": {"enum": [None, *(exemption.value for exemption in Exemption)]},
            }),
            "funding": _object({"cost": _NUMBER, "participation": _NUMBER, "cpf_pays": _NUMBER,
                                "remaining": _NUMBER, "cofunding": _NULLABLE_NUMBER}, nullable=True),
            "employer": _object({
                "agreement_needed": {"type": "boolean"},
                "ask_before": {"oneOf": [_DATE, {"type": "null"}]},
                "reply_days": {"type": ["integer", "null"]},
                "silence_is_acceptance": {"type": "boolean"},
            }, nullable=True),
            "next_steps": {"type": "array", "items": text_item},
            "explanations": {"type": "array", "items": {
                "type": "object", "required": ["code", "text", "sources", "confidence"],
                "properties": {"code": {"type": "string"}, "text": {"type": "string"},
                               "sources": {"type": "array", "items": {"type": "string"}},
                               "confidence": {"enum": ["V", "S", "seed"]}}}},
            "missing": {"type": "array", "items": {"enum": [name for name in FIELDS if name != "as_of"]}},
            "other_rights": _object({"c2p": _NULLABLE_NUMBER, "cec": _NULLABLE_NUMBER, "can_pay": _NUMBER},
                                    nullable=True),
        }),
    }


SCHEMAS: Final = {"situation": situation_schema, "assessment": assessment_schema}
