"""Catalog upkeep with babel: extract message keys, update the PO files, check them.

    python -m bot.i18n.catalogs check    # every problem listed, exit 1 if any
    python -m bot.i18n.catalogs update   # add keys new in the code or dialogues to every language

Keys are extracted from the code (`tr.text("…")`, `Message(kind, "…")`, `Phrase("…")`,
the rules' `explain("…")` and `step("…")`, the interpreter's `AnswerError("…")` and
`Refused("…")` as `answer.…`) and from the dialogue definitions (each question's
messages). Keys built at run time from codes (`answer.<code>`, …) are not
extractable; the tests enumerate those. A new key is added empty and fuzzy, so `check`
fails until someone translates it in every language.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po

from bot.i18n import LANGUAGES, placeholders
from bot.paths import data_dir

PACKAGE = Path(__file__).resolve().parent.parent  # the whole bot package
KEYWORDS: dict[str, Any] = {"text": None, "text_template": None, "problems_lines": None, "Message": (2,), "reject": (2,), "Phrase": None,
                            "explain": None, "step": None, "AnswerError": None, "Refused": None}
PREFIXES = {"explain": "explain.", "step": "next.", "AnswerError": "answer.", "Refused": "answer."}
DOMAINS = {"explain": "rules", "next": "rules", "term": "rules",
           "question": "dialog", "field": "dialog", "help": "dialog", "why": "dialog",
           "choice": "dialog", "synonyms": "dialog", "dialog": "dialog", "answer": "dialog",
           "replay": "replay", "protocol": "serve", "terminal": "terminal", "web": "web"}
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")


def domain_of(key: str) -> str:
    return DOMAINS.get(key.split(".", 1)[0], "bot")


def extract_code(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, Any, Any, Any]]:
    """Babel's Python extractor, with the rules' codes turned into their message keys."""
    for lineno, funcname, args, comments in extract_python(fileobj, keywords, comment_tags, options):
        prefix = PREFIXES.get(str(funcname))
        if prefix:  # the code is the call's first argument
            first = args[0] if isinstance(args, tuple) else args
            rest = args[1:] if isinstance(args, tuple) else ()
            args = (prefix + first if isinstance(first, str) else first, *rest)  # type: ignore[assignment]
        yield lineno, funcname, args, comments


def extract_dialogue(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, None, str, list[str]]]:
    """Every message a dialogue definition shows, by the convention of bot.dialogue.definition."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for field, question in tomllib.loads(text).get("question", {}).items():
        header = f"[question.{field}]"
        lineno = next((n for n, line in enumerate(lines, 1) if line.strip() == header), 0)
        for part in ("question", "field", "help", "why"):
            yield lineno, None, f"{part}.{field}", []
        for value in question.get("choices", ()):
            yield lineno, None, f"choice.{field}.{value}", []
        if "in_hours" in question:  # the hours version: its own sentences and choice labels
            for part in ("question", "help", "why"):
                yield lineno, None, f"{part}.{field}.in_hours", []
            for value in question["in_hours"].get("choices", question.get("choices", ())):
                yield lineno, None, f"choice.{field}.in_hours.{value}", []
        for group, version in question.get("for", {}).items():  # a group of co-funders' version
            for part in ("question", "help", "why"):
                yield lineno, None, f"{part}.{field}.{group}", []
            for value in version.get("choices", question.get("choices", ())):
                yield lineno, None, f"choice.{field}.{group}.{value}", []


def template() -> dict[str, list[str]]:
    """Every extractable key, with where it is used."""
    found: dict[str, list[str]] = {}
    sources: tuple[tuple[Path, Any], ...] = (
        (PACKAGE, [("**.py", extract_code)]), (Path(data_dir("dialogs")), [("*.toml", extract_dialogue)]))
    for folder, method_map in sources:
        for filename, lineno, key, _, _ in extract_from_dir(str(folder), method_map, keywords=KEYWORDS):
            if isinstance(key, str) and KEY.match(key):
                found.setdefault(key, []).append(f"{folder.name}/{filename}:{lineno}")
    return found


def _po_path(lang: str, domain: str) -> Path:
    return Path(data_dir("locales")) / lang / "LC_MESSAGES" / f"{domain}.po"


def load(lang: str) -> dict[str, Catalog]:
    """Every PO file of a language, by domain."""
    catalogs = {}
    for path in sorted((Path(data_dir("locales")) / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as f:
            catalogs[path.stem] = read_po(f, locale=lang, domain=path.stem)
    return catalogs


def _key(message_id: Any) -> str:
    """The key of a message; a plural entry's id is (singular, plural)."""
    return str(message_id if isinstance(message_id, str) else message_id[0])


def _forms(message: Any) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def check() -> list[str]:
    """Every problem of the catalogs: missing, untranslated, fuzzy, mismatched placeholders."""
    problems: list[str] = []
    entries: dict[str, dict[str, Any]] = {}  # lang -> key -> message
    for lang in LANGUAGES:
        entries[lang] = {}
        for domain, catalog in load(lang).items():
            for message in catalog:
                if not message.id:
                    continue
                key = _key(message.id)
                where = f"{lang}/{domain}.po: {key}"
                if domain_of(key) != domain:
                    problems.append(f"{where}: belongs in {domain_of(key)}.po")
                if message.fuzzy:
                    problems.append(f"{where}: fuzzy")
                if not all(_forms(message)):
                    problems.append(f"{where}: not translated")
                problems += [f"{where}: {error}" for error in message.check(catalog)]
                entries[lang][key] = message
    reference, *others = LANGUAGES
    for lang in others:
        for key in sorted(entries[reference].keys() ^ entries[lang].keys()):
            where = reference if key in entries[reference] else lang
            problems.append(f"{key}: only in {where}")
        for key in sorted(entries[reference].keys() & entries[lang].keys()):
            sets = {lang_: {frozenset(placeholders(form)) for form in _forms(entries[lang_][key])}
                    for lang_ in (reference, lang)}
            if len(sets[reference] | sets[lang]) != 1:
                problems.append(f"{key}: placeholders differ between {reference} and {lang}")
    for key, places in sorted(template().items()):
        for lang in LANGUAGES:
            if key not in entries[lang]:
                problems.append(f"{key}: used at {places[0]} but missing in {lang}")
    return problems


def update() -> list[str]:
    """Adds every extracted key missing from a language's catalog, empty and fuzzy."""
    added: list[str] = []
    keys = template()
    for lang in LANGUAGES:
        catalogs = load(lang)
        present = {_key(m.id) for c in catalogs.values() for m in c if m.id}
        for key, places in sorted(keys.items()):
            if key in present:
                continue
            domain = domain_of(key)
            catalog = catalogs.setdefault(domain, Catalog(locale=lang, domain=domain))
            catalog.add(key, "", locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places],
                        flags=("fuzzy",))
            added.append(f"{lang}/{domain}.po: {key}")
        for domain, catalog in catalogs.items():
            buffer = io.BytesIO()
            write_po(buffer, catalog, width=0, omit_header=False)
            _po_path(lang, domain).write_bytes(buffer.getvalue())
    return added


def main(argv: list[str]) -> int:
    if argv == ["check"]:
        problems = check()
        print("\n".join(problems) or "catalogs OK")
        return 1 if problems else 0
    if argv == ["update"]:
        added = update()
        print("\n".join(added) or "nothing to add")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
