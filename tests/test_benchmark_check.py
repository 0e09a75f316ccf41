"""`benchmarks/run.py --check`, the CI gate: a ratio over twice its goal fails only when its
group of rows is over in every one of three runs (a load spike passes, a regression does not)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _run_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


run = _run_module()


def _group(ratios: list[float]) -> tuple[Callable[[], list[Any]], list[int]]:
    """A group of one row, `serve`, whose n-th measurement has the n-th ratio (goal 1.3×),
    beside a row that always passes."""
    calls = [0]

    def measure() -> list[Any]:
        ratio = ratios[min(calls[0], len(ratios) - 1)]
        calls[0] += 1
        return [run.Row("serve", 1.0, 1.0, ratio, 1.3, "µs"), run.Row("api", 1.0, 1.0, 1.0, 2.0, "µs")]

    return measure, calls


def _gate(ratios: list[float]) -> tuple[list[str], int]:
    measure, calls = _group(ratios)
    measured = [measure()]
    gross = [row for row in measured[0] if row.gross]
    return [row.name for row in run.confirmed(gross, [measure], measured)], calls[0]


def test_a_row_over_twice_its_goal_in_every_run_fails() -> None:
    assert _gate([2.7, 2.8, 2.65]) == (["serve"], 3)


def test_a_row_over_once_and_then_under_passes() -> None:
    assert _gate([2.7, 1.9]) == ([], 2)
    assert _gate([2.7, 2.9, 2.5]) == ([], 3)


def test_a_row_under_its_gate_is_measured_once() -> None:
    assert _gate([2.5]) == ([], 1)
