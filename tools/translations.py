#!/usr/bin/env python
"""Refresh every app's gettext catalogues and report English strings still untranslated.

Run: .venv/bin/python tools/translations.py [--update]
  --update  re-extract strings (makemessages -l en -l ru) in each app before checking, then compile.
Templates under themes/default/templates belong to the themes catalogue.
"""
import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cms_pages", "editorial", "search", "cases", "feedback", "calculators", "outages", "demo", "themes", "ops", "quality", "disclosure", "connection_applications", "visits", "decisions", "governance"]


def untranslated(po_path):
    """msgids whose English msgstr is empty or marked fuzzy (the header excluded), parsed without
    extra packages. A fuzzy entry is a guess by makemessages that is not compiled: the site would
    show the Russian text."""
    msgid, msgstr, state = None, None, None
    fuzzy = [False]  # the entry being read is fuzzy
    flagged = [False]  # a "#, fuzzy" line was seen for the next msgid
    missing = []

    def flush():
        if msgid not in (None, "") and not msgid_plural_seen[0] and (not (msgstr or "").strip() or fuzzy[0]):
            missing.append(msgid)

    msgid_plural_seen = [False]
    for raw in po_path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flagged[0] = True
        elif line.startswith("msgid "):
            flush()
            fuzzy[0], flagged[0] = flagged[0], False
            msgid, msgstr, state, msgid_plural_seen[0] = _unquote(line[6:]), None, "id", False
        elif line.startswith("msgid_plural"):
            msgid_plural_seen[0] = True
            state = "plural"
        elif line.startswith("msgstr"):
            value = line.split(" ", 1)[1] if " " in line else '""'
            msgstr = (msgstr or "") + _unquote(value)
            state = "str"
        elif line.startswith('"'):
            if state == "id":
                msgid += _unquote(line)
            elif state == "str":
                msgstr = (msgstr or "") + _unquote(line)
        elif not line:
            flush()
            msgid, msgstr, state = None, None, None
    return sorted(set(missing))


def _unquote(text):
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    return text.replace('\\"', '"').replace("\\n", "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    python = str(ROOT / ".venv" / "bin" / "python")
    total = 0
    for app in APPS:
        app_dir = ROOT / app
        if args.update:
            (app_dir / "locale").mkdir(exist_ok=True)
            subprocess.run([python, str(ROOT / "manage.py"), "makemessages", "-l", "en", "-l", "ru",
                            "--ignore=tests", "--ignore=migrations", "-v0"], cwd=app_dir, check=True)
            subprocess.run([python, str(ROOT / "manage.py"), "compilemessages", "-v0"], cwd=app_dir, check=True)
        po = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        missing = untranslated(po)
        total += len(missing)
        for msgid in missing:
            print(f"{app}: {msgid!r}")
    print(f"{total} untranslated English strings")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
