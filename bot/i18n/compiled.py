"""Compiled catalogs: each PO source's gettext MO file, read with the standard library.

Reading a PO file with babel and compiling it in memory costs tens of milliseconds at
every start; reading its MO file well under one. So:
- a wheel carries every `locales/<lang>/LC_MESSAGES/<domain>.po` with its `.mo` beside it,
  compiled at build time (`hatch_build.py`, as babel's `compile_catalog` does);
- in a checkout (editable install, tests), a `.po` is compiled on first use when its
  `.mo` is missing or older, into the same folder when it is writable, else into the
  user's cache folder (`$XDG_CACHE_HOME/cpf-bot/catalogs`, else `~/.cache/…`).
A compiled file takes its source's modification time, so a source edited later, even
in the same second, is always newer. In an installed package the shipped `.mo` is used
as it is: installers do not keep modification times, and nobody edits an installed
package's sources. `compile_po` is babel's own compile (fuzzy and empty messages left out).

This module needs only the standard library, but for babel when it compiles; the build
hook loads it by path, before the package is installed.
"""

from __future__ import annotations

import gettext
import os
from typing import Any

PACKAGED_MARK = os.sep + "_data" + os.sep  # data folders inside an installed package


def compile_po(po: str, mo: str, lang: str) -> None:
    """Compiles the PO file `po` into the MO file `mo` (written whole or not at all),
    with the source's modification time. Its own temporary file, not `bot.io.files`: the
    wheel's build hook loads this module by path, before the package can be imported."""
    import tempfile

    from babel.messages import mofile, pofile

    with open(po, "rb") as f:
        catalog = pofile.read_po(f, locale=lang, domain=os.path.splitext(os.path.basename(po))[0])
    folder = os.path.dirname(mo)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".mo.tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            mofile.write_mo(out, catalog)
        source = os.stat(po)
        os.utime(temporary, ns=(source.st_atime_ns, source.st_mtime_ns))
        os.replace(temporary, mo)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def cache_path(po: str, environ: Any = os.environ) -> str:
    """Where the MO file of `po` goes when its own folder cannot be written."""
    cache = environ.get("XDG_CACHE_HOME", "")
    if not cache or not os.path.isabs(cache):
        cache = os.path.join(os.path.expanduser("~"), ".cache")
    flat = os.path.abspath(po).strip(os.sep).replace(os.sep, "%")
    return os.path.join(cache, "cpf-bot", "catalogs", os.path.splitext(flat)[0] + ".mo")


def _fresh(mo: str, source_mtime: int | None) -> bool:
    try:
        compiled = os.stat(mo).st_mtime_ns
    except OSError:
        return False
    return source_mtime is None or compiled >= source_mtime


def mo_file(po: str, lang: str) -> str:
    """The up-to-date MO file of the PO file `po`, compiled first when needed."""
    beside = os.path.splitext(po)[0] + ".mo"
    try:
        source_mtime: int | None = os.stat(po).st_mtime_ns
    except OSError:
        source_mtime = None  # only the compiled catalog is there
    if source_mtime is None or (PACKAGED_MARK in po and os.path.exists(beside)):
        return beside
    if _fresh(beside, source_mtime):
        return beside
    try:
        compile_po(po, beside, lang)
        return beside
    except OSError:  # a read-only checkout: the user's cache
        cached = cache_path(po)
        if not _fresh(cached, source_mtime):
            compile_po(po, cached, lang)
        return cached


def domains(folder: str) -> list[str]:
    """The catalog domains of a `LC_MESSAGES` folder, sorted: its PO sources, or its
    compiled files when it has no source (a stale `.mo` beside sources is ignored)."""
    try:
        names = [name for name in os.listdir(folder) if not name.startswith(".")]
    except OSError:
        return []
    sources = sorted(name[:-3] for name in names if name.endswith(".po"))
    return sources or sorted(name[:-3] for name in names if name.endswith(".mo"))


def mo_files(folder: str, lang: str) -> list[str]:
    """The up-to-date MO file of every domain of `folder`, in `domains` order;
    FileNotFoundError when there is none."""
    found = [mo_file(os.path.join(folder, domain + ".po"), lang) for domain in domains(folder)]
    if not found:
        raise FileNotFoundError(f"no catalog for {lang!r} in {folder}")
    return found


Merged = tuple[dict[Any, str], dict[str, str], "str | None"]  # messages, header, charset


def merged(files: list[str]) -> Merged:
    """The messages of these MO files in one mapping (later files win, as babel's `merge`),
    with the first file's header: plain data (`bot.i18n` keeps it compiled)."""
    first: gettext.GNUTranslations | None = None
    messages: dict[Any, str] = {}
    for path in files:
        with open(path, "rb") as f:
            translations = gettext.GNUTranslations(f)
        if first is None:
            first = translations
        messages.update(translations._catalog)  # type: ignore[attr-defined]
    assert first is not None
    return messages, first._info, first._charset  # type: ignore[attr-defined]


def translations(messages: dict[Any, str], info: dict[str, str], charset: str | None) -> gettext.GNUTranslations:
    """The catalog of `merged`'s data, as `GNUTranslations` reads it from an MO file: the
    messages, the header and the plural rule it names (else the germanic one)."""
    found = gettext.GNUTranslations()  # no file: nothing parsed
    found._catalog = messages  # type: ignore[attr-defined]
    found._info = info  # type: ignore[attr-defined]
    found._charset = charset  # type: ignore[attr-defined]
    forms = info.get("plural-forms")
    plural = gettext.c2py(forms.split(";")[1].split("plural=")[1]) if forms else lambda n: int(n != 1)
    found.plural = plural  # type: ignore[attr-defined]
    return found


def load(folder: str, lang: str) -> gettext.GNUTranslations:
    """Every domain of `folder` in one catalog (later domains win, as babel's `merge`);
    plural forms are the first domain's. FileNotFoundError when there is none."""
    return translations(*merged(mo_files(folder, lang)))
