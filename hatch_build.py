"""Build hook: compiles every `locales/<lang>/LC_MESSAGES/*.po` into its `.mo` for the wheel.

The wheel carries `locales/` as `bot/_data/locales` (`force-include` in pyproject.toml);
the compiled files are written beside their sources before the files are collected, so
they land there too. At run time `bot.i18n` reads them with the standard `gettext`
(see `bot/i18n/compiled.py`, loaded here by path: the package is not installed yet).
The `.mo` files are build products (`.gitignore`), never committed.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _compiled_module(root: str) -> Any:
    spec = importlib.util.spec_from_file_location("_cpf_bot_compiled", os.path.join(root, "bot", "i18n", "compiled.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CatalogsBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        compiled = _compiled_module(self.root)
        locales = os.path.join(self.root, "locales")
        elsewhere = None
        for lang in sorted(os.listdir(locales)):
            folder = os.path.join(locales, lang, "LC_MESSAGES")
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".po"):
                    continue
                po = os.path.join(folder, name)
                mo = po[:-3] + ".mo"
                try:
                    compiled.compile_po(po, mo, lang)  # fresh, whatever was there
                except OSError:  # a read-only source tree: compile aside, include from there
                    elsewhere = elsewhere or tempfile.mkdtemp(prefix="cpf-bot-catalogs-")
                    aside = os.path.join(elsewhere, lang, name[:-3] + ".mo")
                    compiled.compile_po(po, aside, lang)
                    build_data["force_include"][aside] = f"bot/_data/locales/{lang}/LC_MESSAGES/{name[:-3]}.mo"
