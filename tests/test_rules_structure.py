"""The shape of the rules core (structural review): parameters travel with the evaluation,
value lists are typed enums, and one table maps each status to its rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.rules.regimes import Regime, rules_of
from bot.rules.choices import Status
from bot.rules.situation import FIELDS

RULES_DIR = Path(__file__).resolve().parent.parent / "bot" / "rules"
RULE_MODULES = [p for p in sorted(RULES_DIR.glob("*.py"))
                if p.name not in {"parameters.py", "situation.py", "model.py", "facts.py"}]
GLOBAL_READERS = {"param", "param_or_none", "parameters", "product_parameters"}


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_rule_modules_take_parameters_from_the_trace(path: Path) -> None:
    """Only `assess` (the default set) and the Trace's default reach the product's set."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "bot.rules.parameters":
            imported = {a.name for a in node.names} & GLOBAL_READERS
            allowed = {"product_parameters"} if path.name in {"__init__.py", "evaluate.py", "trace.py"} else set()
            assert imported <= allowed, f"{path.name} imports {imported - allowed}"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_no_rule_compares_a_status_string(path: Path) -> None:
    if path.name == "regimes.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                if isinstance(operand, ast.Constant) and operand.value in FIELDS["status"].choices:
                    raise AssertionError(f"{path.name}:{node.lineno}: compares {operand.value!r}")
        if isinstance(node, ast.MatchValue) and isinstance(node.value, ast.Constant):
            raise AssertionError(f"{path.name}:{node.lineno}: matches a string; match an enum member")


def test_every_status_has_a_row_and_the_schema_follows_the_enum() -> None:
    assert FIELDS["status"].choices == tuple(s.value for s in Status)
    for status in Status:
        row = rules_of(status)
        assert isinstance(row.regime, Regime)
