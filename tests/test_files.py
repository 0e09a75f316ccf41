"""Side files (bot.io.files): never written through a link, private, bounded reads;
driven through the command line as a person uses it."""

from __future__ import annotations

import io
import os
import signal
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.io import files
from bot.channels.cli import run
from bot.channels.environment import Environment
from bot.i18n import LANGUAGES, translator
from bot.stores.sqlite import SqliteStore as Store
from tests.fakes import run_cli

JOB_SEEKER = "5\n30\nnone\n800\nje ne sais pas\n"  # to the result: side files all written
SIDE_OPTIONS = ("--save", "--report", "--record")


@pytest.fixture
def umask_000() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def talk(*options: str) -> tuple[int, str, str]:
    return run_cli("--date", "2026-06-01", *options, stdin=JOB_SEEKER, lang="en")


def test_every_refusal_is_translated() -> None:
    for key in ("files.symlink", "files.not_regular", "files.too_large"):
        for lang in LANGUAGES:
            assert translator(lang).has(key), (key, lang)


@pytest.mark.parametrize("option", SIDE_OPTIONS)
def test_a_planted_link_in_place_of_the_temporary_file_is_never_followed(tmp_path: Path, option: str) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    target = tmp_path / "side.out"
    for name in (f".{target.name}.tmp", f".{target.name}.json.tmp"):  # the names earlier versions used
        (tmp_path / name).symlink_to(victim)
    code, _, err = talk(option, str(target))
    assert code == 0 and err == ""
    assert victim.read_text() == "precious" and target.is_file() and not target.is_symlink()


@pytest.mark.parametrize("option", SIDE_OPTIONS)
def test_a_target_that_is_a_link_is_refused_and_nothing_is_written(tmp_path: Path, option: str) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = tmp_path / "side.out"
    link.symlink_to(victim)
    code, out, _ = talk(option, str(link))
    assert code == 0 and victim.read_text() == "precious" and link.is_symlink()
    assert f'"{link}" is a symbolic link: cpf-bot never writes through a link, so nothing was written.' in out
    assert out.count("symbolic link") == 1  # said once, not after every turn
    assert sorted(p.name for p in tmp_path.iterdir()) == ["side.out", "victim"]  # no temporary file left


@pytest.mark.parametrize("option", SIDE_OPTIONS)
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, _ = talk(option, str(fifo))  # opening a FIFO to write would wait for a reader forever
    assert code == 0 and "is not a regular file" in out and stat.S_ISFIFO(fifo.stat().st_mode)
    code, out, _ = talk(option, str(tmp_path))
    assert code == 0 and "is not a regular file" in out


@pytest.mark.parametrize("option", SIDE_OPTIONS)
def test_side_files_are_private_whatever_the_umask(tmp_path: Path, option: str, umask_000: None) -> None:
    target = tmp_path / "side.out"
    target.write_text("an older file, readable by all")
    target.chmod(0o666)
    assert talk(option, str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["side.out"]


def test_a_new_file_is_private_whatever_the_umask(tmp_path: Path, umask_000: None) -> None:
    target = tmp_path / "new.json"
    files.write_private(str(target), "{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "{}"


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_new_file_never_replaces_what_has_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     umask_000: None, hard_links: bool) -> None:
    if not hard_links:  # a file system without them: the name is taken first, then filled
        def no_links(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")
        monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.json"
    files.write_new(str(target), "{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() == "{}"
    for taken in (target, tmp_path / "link"):
        if taken.name == "link":
            taken.symlink_to(tmp_path / "nowhere")
        with pytest.raises(FileExistsError):
            files.write_new(str(taken), "[]")
    assert target.read_text() == "{}" and not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "new.json"]  # no temporary file left


def test_the_store_folders_are_private_whatever_the_umask(tmp_path: Path, umask_000: None) -> None:
    path = tmp_path / "state" / "cpf-bot" / "s.sqlite3"
    with Store(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        files.write_private(str(tmp_path / "s.json"), "{}")
    assert list(tmp_path.iterdir()) == []


# -- reading ---------------------------------------------------------------------------


def test_reads_are_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b" " * (files.MAX_READ + 1))
    with pytest.raises(files.FileRefused) as refused:
        files.read_limited(str(big))
    assert refused.value.key == "files.too_large"
    big.write_bytes(b" " * files.MAX_READ)
    assert len(files.read_limited(str(big))) == files.MAX_READ


def test_devices_and_pipes_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (str(fifo), os.devnull, str(tmp_path)):
        with pytest.raises(OSError):
            files.read_limited(path)


# -- bounded reads, through the command line ----------------------------------------------


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A read that would block forever fails the test instead (after 10 s)."""
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def hostile_files(tmp_path: Path) -> dict[str, str]:
    fifo = tmp_path / "pipe.dialog"
    os.mkfifo(fifo)
    big = tmp_path / "big.dialog"
    big.write_bytes(b"# " + b"x" * files.MAX_READ + b"\n")
    return {"fifo": str(fifo), "zero": "/dev/zero", "big": str(big), "folder": str(tmp_path)}


READS = [("--resume",), ("assess",), ("replay",)]


@pytest.mark.parametrize("command", READS, ids=["resume", "assess", "replay"])
@pytest.mark.parametrize("kind", ["fifo", "zero", "big"])
def test_reading_a_pipe_a_device_or_a_huge_file_is_refused(tmp_path: Path, command: tuple[str, ...], kind: str,
                                                           no_hang: None) -> None:
    path = hostile_files(tmp_path)[kind]
    code, out, err = run_cli(*command, path, lang="en")
    assert code == 2 and "Traceback" not in err
    expected = "is too large" if kind == "big" else "is not a regular file"
    if command == ("replay",):
        expected = "larger than 1,048,576 bytes" if kind == "big" else "this is not a regular file"
    assert expected in err, err


def test_assess_reads_at_most_the_limit_from_stdin() -> None:
    code, _, err = run_cli("assess", "-", stdin='{"status": "retired"}' + " " * files.MAX_READ, lang="en")
    assert code == 2 and "The standard input is too large: cpf-bot reads at most 1,048,576 bytes." in err
    code, _, err = run_cli("assess", "-", stdin='{"status": "retired"}' + " " * 1000, lang="fr")
    assert code == 0 and err == ""


def test_assess_stdin_bytes_are_bounded_and_utf8() -> None:
    for data, message in [(b"{" + b" " * files.MAX_READ, "too large"), (b'{"status": "\xff"}', "not UTF-8 text")]:
        env = Environment(io.TextIOWrapper(io.BytesIO(data)), io.StringIO(), io.StringIO(), {"LANG": "en"},
                          lambda: date(2026, 6, 1))
        assert run(["assess"], env) == 2
        assert isinstance(env.stderr, io.StringIO) and message in env.stderr.getvalue()


def test_line_mode_holds_at_most_one_bounded_piece_of_a_huge_line() -> None:
    huge = "x" * (5 * 64 * 1024)
    code, out, err = run_cli("--date", "2026-06-01", stdin=f"{huge}\n5\n30\n", lang="en")
    assert code == 0 and err == "" and "x" * 100 not in out
    assert "too long" in out and "How old are you?" in out and "another work situation" in out
