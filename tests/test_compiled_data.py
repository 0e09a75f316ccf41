"""Compiled data (bot.io.compiled): the product's dialogue, machine and parameters read
back exactly as the sources give them, rebuilt, checks and all, whenever a source's
bytes change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.dialogue.definition import cpf_path, load_dialogue
from bot.dialogue.machine import DialogueMachine, move_key
from bot.dialogue.product import _product, product_dialogue, product_machine, sources
from bot.io.compiled import compiled
from bot.rules.parameters import PARAMETERS_FILE, load_parameters, product_parameters


def test_the_compiled_dialogue_and_machine_are_the_checked_sources() -> None:
    checked = load_dialogue(cpf_path())
    assert product_dialogue() == checked
    built = DialogueMachine(checked.order)
    assert product_machine().states == built.states
    assert product_machine().move_keys == {move_key(*move) for move in built.machine_moves()}
    assert product_machine().allows("advance", "start", "status")
    assert not product_machine().allows("advance", "status", "start")


def test_the_compiled_parameters_are_the_toml_file() -> None:
    assert dict(product_parameters()) == dict(load_parameters(PARAMETERS_FILE))


def test_the_dialogue_is_checked_again_when_anything_it_reads_changes() -> None:
    read = sources()
    assert read[0] == str(cpf_path()) and str(PARAMETERS_FILE) in read
    for lang in ("fr", "en"):
        assert any(f"{os.sep}{lang}{os.sep}LC_MESSAGES{os.sep}dialog.po" in path for path in read)
    assert any(path.endswith(os.path.join("rules", "situation.py")) for path in read)  # the fields


def test_a_compiled_file_is_used_while_its_sources_keep_their_bytes(tmp_path: Path) -> None:
    source, other = tmp_path / "a.toml", tmp_path / "b.po"
    source.write_bytes(b"one")
    other.write_bytes(b"two")
    builds: list[bytes] = []

    def build() -> tuple[str, int]:
        builds.append(source.read_bytes() + other.read_bytes())
        return ("built", len(builds))

    paths = [str(source), str(other)]
    assert compiled(paths, build) == ("built", 1)
    assert (tmp_path / "a.toml.compiled").is_file()
    assert compiled(paths, build) == ("built", 1)  # nothing changed: not built again
    os.utime(source, ns=(1, 1))  # touched (or checked out again): the same bytes
    assert compiled(paths, build) == ("built", 1)
    stat = other.stat()
    other.write_bytes(b"TWO")  # same size, same dates: still a change
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert compiled(paths, build) == ("built", 2)
    assert builds == [b"onetwo", b"oneTWO"]


def test_a_damaged_compiled_file_or_a_failed_check_is_no_stale_answer(tmp_path: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_bytes(b"one")
    assert compiled([str(source)], lambda: 1) == 1
    (tmp_path / "a.toml.compiled").write_bytes(b"\x00garbage")
    assert compiled([str(source)], lambda: 2) == 2
    source.write_bytes(b"broken")

    def check() -> int:
        raise ValueError("the check fails")

    with pytest.raises(ValueError, match="the check fails"):
        compiled([str(source)], check)
    with pytest.raises(ValueError, match="the check fails"):  # and fails again: nothing was kept
        compiled([str(source)], check)


def test_where_the_source_folder_cannot_take_it_the_user_cache_does(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "a.toml"
    source.write_bytes(b"one")
    (tmp_path / "a.toml.compiled").mkdir()  # in the way, as a read-only folder would be
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert compiled([str(source)], lambda: "first") == "first"
    assert compiled([str(source)], lambda: "second") == "first"
    assert [p.name for p in (tmp_path / "cache" / "cpf-bot" / "compiled").iterdir()] == [
        str(source).strip(os.sep).replace(os.sep, "%") + ".compiled"]


def test_the_product_is_built_once_per_process() -> None:
    assert _product() is _product()
