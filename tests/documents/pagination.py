"""Reading a bound case file with pypdf: the page number printed in each page's footer."""

import io
import re

from pypdf import PdfReader

FOOTER = re.compile(r"—\s*(\d+)\s*—\s*$")


def pages(pdf: bytes) -> list[tuple[int | None, str]]:
    """(the number printed at the foot, the page's text without spaces) for every page."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text() or ""
        match = FOOTER.search(text.strip())
        out.append((int(match.group(1)) if match else None, "".join(text.split())))
    return out


def assert_numbering_matches_index(pdf: bytes, entries) -> None:
    """One continuous numbering 1..N over the bound documents (front and back unnumbered), and every index
    entry's range is the pages its document is printed on."""
    read = pages(pdf)
    numbered = [(n, text) for n, text in read if n is not None]
    assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1)), [n for n, _ in read]
    assert numbered[0][1] is not None and read.index(numbered[0]) >= 1  # the cover and index come first
    by_number = dict(numbered)
    index_text = "".join(text for n, text in read[: read.index(numbered[0])])
    for entry in entries:
        if not entry.pages:
            continue
        first_title = "".join(entry.title.split("（")[0].split())
        assert first_title in by_number[entry.first_page], (entry.title, entry.first_page)
        assert entry.last_page in by_number
        assert entry.page_range.replace("–", "") in index_text.replace("–", ""), entry.page_range
    assert sum(e.pages or 0 for e in entries) == len(numbered)
