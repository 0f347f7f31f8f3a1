"""Scanning a rendered document's text (pypdf) for what a reader would take for a defect: doubled punctuation,
empty placeholders, a label with nothing after it, and "—" where data should be."""

import io
import re

from pypdf import PdfReader

DOUBLED = re.compile(r"([。，、；：！？])\1|。，|，。|；。|。；|，；|：。")
PLACEHOLDERS = ("None", "{{", "}}", "{%", "（）", "()", "nan")
PAGE_FOOTER = re.compile(r"—\s*\d+\s*—")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def defects(text: str) -> list[str]:
    found = [f"doubled punctuation {m.group(0)!r}" for m in DOUBLED.finditer(text.replace("\n", ""))]
    found += [f"placeholder {p!r}" for p in PLACEHOLDERS if p in text]
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        nothing_after = i + 1 == len(lines) or not lines[i + 1]
        if line.endswith("：") and nothing_after:
            found.append(f"empty field {line!r}")
    if "—" in PAGE_FOOTER.sub("", text):
        found.append("a dash where data should be")
    return found
