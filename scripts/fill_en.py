"""Fill English translations in locale/en from locale/en/glossary.tsv (msgid<TAB>English), then compile.

Usage: python scripts/fill_en.py   (after `manage.py makemessages -l en`)
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
GLOSSARY = ROOT / "locale/en/glossary.tsv"

pairs = {}
for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
    if "\t" in line and not line.startswith("#"):
        zh, en = line.split("\t", 1)
        pairs[zh] = en

text = PO.read_text(encoding="utf-8")


def fill(match):
    msgid = match.group(1)
    english = pairs.get(msgid)
    if english is None:
        return match.group(0)
    english = english.replace('"', '\\"')
    return f'msgid "{msgid}"\nmsgstr "{english}"'


text = re.sub(r'msgid "((?:[^"\\]|\\.)*)"\nmsgstr ""(?!\n")', fill, text)
text = text.replace("#, fuzzy\n", "")
PO.write_text(text, encoding="utf-8")
subprocess.run(["msgfmt", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
