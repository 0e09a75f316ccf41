"""Append entries to a domain's PO files: python addpo.py DOMAIN FILE.py (ENTRIES = {key: (comment, fr, en)})."""
import runpy, sys
from pathlib import Path
domain, spec = sys.argv[1], sys.argv[2]
entries = runpy.run_path(spec)["ENTRIES"]
root = Path("/work/wt-rules/locales")
def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
for i, lang in enumerate(("fr", "en")):
    path = root / lang / "LC_MESSAGES" / f"{domain}.po"
    raw = path.read_text(encoding="utf-8")
    out = []
    for key, (comment, fr, en) in entries.items():
        text = (fr, en)[i]
        if f'msgid "{key}"\n' in raw:
            # replace existing msgstr
            start = raw.index(f'msgid "{key}"\n')
            end = raw.index("\n\n", start) if "\n\n" in raw[start:] else len(raw)
            raw = raw[:start] + f'msgid "{key}"\nmsgstr {q(text)}' + raw[end:]
            continue
        out.append(f"#. {comment}\nmsgid \"{key}\"\nmsgstr {q(text)}\n")
    if not raw.endswith("\n"):
        raw += "\n"
    raw = raw.rstrip("\n") + "\n\n" + "\n".join(out) if out else raw
    path.write_text(raw, encoding="utf-8")
print("ok", len(entries))
