"""Fill English translations in locale/en from locale/en/glossary.tsv, then compile.

Usage: python scripts/fill_en.py   (after `manage.py makemessages -l en`)

glossary.tsv holds one Chinese msgid per line: ``msgid<TAB>English`` or, for a plural entry,
``msgid<TAB>English singular<TAB>English plural``. Newlines inside a string are written ``\\n``.
Every msgid found in the glossary gets its msgstr replaced and its ``#, fuzzy`` flag removed; the
script refuses to write a translation whose placeholders (``%(name)s``, ``%s``, ``%%``, ``{start}``)
differ from the msgid's, and lists msgids that are still untranslated. No third-party packages.
"""

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
GLOSSARY = ROOT / "locale/en/glossary.tsv"

PLACEHOLDER = re.compile(r"%%|%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w*\}")
HEADER = {
    "Project-Id-Version": "xiangxi-casework",
    "Last-Translator": "scripts/fill_en.py (locale/en/glossary.tsv)",
    "Language-Team": "English",
    "Language": "en",
    "PO-Revision-Date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z"),
}
KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$")


def unescape(quoted):
    body = quoted[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def parse_block(lines):
    """Split one PO entry into its comment lines and an ordered {keyword: text} mapping."""
    comments, fields, current = [], {}, None
    for line in lines:
        match = KEYWORD.match(line)
        if match:
            current = match.group(1)
            fields[current] = unescape(match.group(2))
        elif line.startswith('"') and current:
            fields[current] += unescape(line)
        else:
            comments.append(line)
    return comments, fields


def render_block(comments, fields):
    out = list(comments)
    for key, text in fields.items():
        lines = text.splitlines(keepends=True)
        if len(lines) > 1:  # the header and other multi-line strings: one source line per line
            out.append(f'{key} ""')
            out.extend(f'"{escape(line)}"' for line in lines)
        else:
            out.append(f'{key} "{escape(text)}"')
    return out


def unfuzzy(comment):
    """Drop the fuzzy flag from a ``#,`` flags line (None when no flag is left)."""
    if not comment.startswith("#,"):
        return comment
    flags = [f.strip() for f in comment[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
    return "#, " + ", ".join(flags) if flags else None


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def load_glossary():
    pairs = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if "\t" not in line or line.startswith("#"):
            continue
        zh, *english = line.split("\t")
        pairs[zh.replace("\\n", "\n")] = [e.replace("\\n", "\n") for e in english]
    return pairs


def main():
    pairs = load_glossary()
    blocks = PO.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    problems, untranslated, filled = [], [], 0
    out_blocks = []
    for block in blocks:
        comments, fields = parse_block(block.split("\n"))
        msgid = fields.get("msgid")
        if msgid == "":
            for field, value in HEADER.items():
                fields["msgstr"] = re.sub(
                    rf"^{field}: .*$", f"{field}: {value}", fields["msgstr"], flags=re.M
                )
            out_blocks.append("\n".join(render_block(comments, fields)))
            continue
        english = pairs.get(msgid)
        plural = "msgid_plural" in fields
        if english is not None:
            wanted = (english + english)[:2] if plural else english[:1]
            sources = [msgid, fields["msgid_plural"]] if plural else [msgid]
            bad = [
                (src, en)
                for src, en in zip(sources, wanted, strict=True)
                if placeholders(src) != placeholders(en)
            ]
            if bad:
                problems.extend(bad)
            else:
                if plural:
                    fields["msgstr[0]"], fields["msgstr[1]"] = wanted
                else:
                    fields["msgstr"] = wanted[0]
                comments = [unfuzzy(c) for c in comments if not c.startswith("#|")]
                comments = [c for c in comments if c is not None]
                filled += 1
        strings = [v for k, v in fields.items() if k.startswith("msgstr")]
        if not all(strings) or any("fuzzy" in c for c in comments if c.startswith("#,")):
            untranslated.append(msgid)
        out_blocks.append("\n".join(render_block(comments, fields)))
    for src, en in problems:
        print(f"placeholder mismatch: {src!r} -> {en!r}", file=sys.stderr)
    if problems:
        sys.exit(1)
    PO.write_text("\n\n".join(out_blocks) + "\n", encoding="utf-8")
    for msgid in untranslated:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    print(f"filled {filled} entries; {len(untranslated)} untranslated")
    subprocess.run(["msgfmt", "--check", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)


if __name__ == "__main__":
    main()
