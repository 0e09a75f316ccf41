"""The compiled catalogs (.mo) say what their sources (.po) say, and are compiled again when a
source is newer; a read-only checkout compiles into the user's cache."""

from __future__ import annotations

import gettext
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from bot.i18n import LANGUAGES, compiled, translator
from bot.paths import data_dir


def source_messages(po: Path, lang: str) -> dict[Any, str]:
    """What gettext should find for a PO file: every translated, non-fuzzy message; a
    plural entry under (id, n) for each of its forms."""
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=po.stem)
    found: dict[Any, str] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if message.pluralizable:
            for n, text in enumerate(message.string):
                found[(message.id[0], n)] = text or message.id[min(n, 1)]
        else:
            found[message.id] = message.string
    return found


def compiled_messages(mo: str) -> dict[Any, str]:
    with open(mo, "rb") as f:
        messages: dict[Any, str] = dict(gettext.GNUTranslations(f)._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)  # the header
    return messages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogs_equal_their_sources(lang: str) -> None:
    folder = Path(data_dir("locales")) / lang / "LC_MESSAGES"
    sources = sorted(folder.glob("*.po"))
    assert sources
    merged: dict[Any, str] = {}
    for po in sources:
        expected = source_messages(po, lang)
        assert compiled_messages(compiled.mo_file(str(po), lang)) == expected, po.name
        merged |= expected
    assert any(isinstance(key, tuple) for key in merged), "no plural entry: the check would prove little"
    tr = translator(lang)
    for key, text in merged.items():
        if isinstance(key, tuple):
            assert tr.has(key[0])
        else:
            assert tr.has(key) and tr.text_template(key) == text


def test_plurals_come_from_the_compiled_catalog() -> None:
    fr, en = translator("fr"), translator("en")
    assert fr.text("dialog.prefilled", count=1) != fr.text("dialog.prefilled", count=2)
    assert "1 answer;" in en.text("dialog.prefilled", count=1)
    assert not fr.has("no.such.key") and fr.text_template("no.such.key") == "no.such.key"


def copy_of_catalogs(tmp_path: Path, lang: str = "en") -> Path:
    folder = tmp_path / "locales" / lang / "LC_MESSAGES"
    shutil.copytree(Path(data_dir("locales")) / lang / "LC_MESSAGES", folder,
                    ignore=shutil.ignore_patterns("*.mo"))
    return folder


def test_a_missing_or_older_compiled_catalog_is_compiled_again(tmp_path: Path) -> None:
    folder = copy_of_catalogs(tmp_path)
    po = folder / "terminal.po"
    mo = compiled.mo_file(str(po), "en")
    assert mo == str(folder / "terminal.mo") and os.stat(mo).st_mtime_ns == po.stat().st_mtime_ns
    assert compiled.mo_file(str(po), "en") == mo  # fresh: used as it is
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "terminal.saved"\nmsgstr "', 'msgid "terminal.saved"\nmsgstr "NEW '),
                  encoding="utf-8")
    os.utime(po, ns=(po.stat().st_atime_ns, os.stat(mo).st_mtime_ns + 1))  # newer, if only just
    assert compiled_messages(compiled.mo_file(str(po), "en"))["terminal.saved"].startswith("NEW ")
    assert compiled.load(str(folder), "en").gettext("terminal.saved").startswith("NEW ")


def test_a_read_only_checkout_compiles_into_the_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_of_catalogs(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real = compiled.compile_po

    def read_only(po: str, mo: str, lang: str) -> None:
        if os.path.dirname(mo) == str(folder):
            raise PermissionError(mo)
        real(po, mo, lang)

    monkeypatch.setattr(compiled, "compile_po", read_only)
    po = str(folder / "serve.po")
    mo = compiled.mo_file(po, "en")
    assert mo.startswith(str(tmp_path / "cache" / "cpf-bot" / "catalogs")) and not (folder / "serve.mo").exists()
    assert compiled_messages(mo) == source_messages(Path(po), "en")
    assert compiled.load(str(folder), "en").gettext("protocol.not_json") != "protocol.not_json"


def test_an_installed_package_uses_its_shipped_catalogs(tmp_path: Path) -> None:
    """Installers do not keep modification times: a shipped .mo is used even when its
    source looks newer; a folder with compiled catalogs only works too."""
    folder = tmp_path / "_data" / "locales" / "en" / "LC_MESSAGES"
    shutil.copytree(copy_of_catalogs(tmp_path / "src"), folder)
    for po in folder.glob("*.po"):
        compiled.compile_po(str(po), str(po.with_suffix(".mo")), "en")
        os.utime(po, ns=(po.stat().st_atime_ns, po.stat().st_mtime_ns + 10**9))
    before = {mo.name: mo.stat().st_mtime_ns for mo in folder.glob("*.mo")}
    assert compiled.load(str(folder), "en").gettext("protocol.not_json") != "protocol.not_json"
    assert {mo.name: mo.stat().st_mtime_ns for mo in folder.glob("*.mo")} == before  # nothing compiled
    for po in folder.glob("*.po"):
        po.unlink()
    assert compiled.load(str(folder), "en").gettext("protocol.not_json") != "protocol.not_json"
    with pytest.raises(FileNotFoundError):
        compiled.load(str(tmp_path / "nowhere"), "en")
