"""Binding documents into one volume of a case file (卷宗): every document rendered in order with one
continuous page numbering (each document's footer starts at its first page in the volume — ``first_page`` in
templates/pdf/base.html), the index built from the page counts so that the printed numbers match it; the cover
and index in front and the 备考表 at the back are not numbered.

    entries, pdf = bind(parts, front=lambda entries: cover_html, back=lambda entries: notes_html)
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from casework.pdf import STATIC_PREFIX, font_configuration, weasyprint_fetcher


@dataclass(frozen=True)
class Part:
    """One document of a volume: ``html(first_page)`` renders it numbered from ``first_page``."""

    title: str
    on: date | None
    html: Callable[[int], str]
    number: str = ""  # 文号


@dataclass
class Entry:
    number: int  # 序号
    title: str
    on: date | None
    doc_number: str
    first_page: int
    last_page: int

    @property
    def pages(self) -> int:
        return self.last_page - self.first_page + 1

    @property
    def page_range(self) -> str:
        return (
            str(self.first_page)
            if self.first_page == self.last_page
            else f"{self.first_page}–{self.last_page}"
        )


def render(html: str, font_config):
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=weasyprint_fetcher()).render(
        font_config=font_config
    )


def paginate(parts: list[Part], font_config=None) -> tuple[list[Entry], list]:
    """Render the parts in order, each numbered on from the last: the index entries and the rendered documents."""
    font_config = font_config or font_configuration()
    entries, rendered, page = [], [], 1
    for index, part in enumerate(parts, start=1):
        document = render(part.html(page), font_config)
        count = len(document.pages)
        entries.append(Entry(index, part.title, part.on, part.number, page, page + count - 1))
        rendered.append(document)
        page += count
    return entries, rendered


def bind(
    parts: list[Part],
    *,
    front: Callable[[list[Entry]], str],
    back: Callable[[list[Entry]], str] | None = None,
) -> tuple[list[Entry], bytes]:
    font_config = font_configuration()
    entries, rendered = paginate(parts, font_config)
    head = render(front(entries), font_config)
    pages = list(head.pages) + [p for document in rendered for p in document.pages]
    if back is not None:
        pages += list(render(back(entries), font_config).pages)
    return entries, head.copy(pages).write_pdf()
