"""The case file (卷宗): every document, hearing record, evidence item and notice in order, with page counts.

Two volumes (ARB-RULES Arts 21–24): the 正卷 (``main``: application, notices, records, mediation document,
awards) and the 副卷 (``internal``: the approval forms). Each bound volume is one PDF — cover (案由,
parties, dates, outcome, retention period) and 卷内目录 (index with 页号: pages are numbered from the first
document on, cover and index unnumbered) followed by every document as rendered. Page counts come from
rendering the documents, so the index is exact; they are cached per case and log head (any change to the
case appends a log entry and so gives a new head).

Retention (ARB-RULES Art 24): 10 years for a file that ends in an award, 5 years otherwise.
"""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache

from arbitration.documents import (
    INTERNAL,
    MAIN,
    Doc,
    case_context,
    commission_name,
    documents_for,
    render_document_html,
)
from arbitration.models import ArbitrationCase
from casework.pdf import STATIC_PREFIX, font_configuration, render_html, weasyprint_fetcher

VOLUME_TITLES = {MAIN: "正卷", INTERNAL: "副卷"}
CASE_FILE_SLUGS = {MAIN: "case-file", INTERNAL: "internal-file"}


@dataclass
class Entry:
    number: int
    title: str
    on: date | None
    pages: int | None
    first_page: int | None
    last_page: int | None
    kind: str = "document"  # or "evidence"
    slug: str = ""
    doc_number: str = ""  # 文号 of an issued document

    @property
    def page_range(self) -> str:
        if not self.pages:
            return ""  # evidence kept apart from the volume
        return str(self.first_page) if self.pages == 1 else f"{self.first_page}–{self.last_page}"


def _render(html: str, font_config):
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=weasyprint_fetcher()).render(
        font_config=font_config
    )


def evidence_items(case) -> list[dict]:
    """The kernel's evidence attached to this case, listed in the 正卷 index after the documents."""
    from casework.services.evidence import evidence_for

    return [
        {
            "title": f"证据：{item.get_category_display()} {item.original_name}",
            "on": item.uploaded_at.date(),
            "pages": None,
        }
        for item in evidence_for(case)
    ]


def _volume_documents(case, volume: str) -> list[Doc]:
    """The 正卷 in the order of the proceedings; the 副卷 (approval forms of different steps) by date."""
    docs = [d for d in documents_for(case) if d.volume == volume]
    if volume == INTERNAL:
        docs.sort(key=lambda d: d.on or date.max)
    return docs


def _build(case, volume: str, *, keep_rendered: bool, font_config, shared: dict):
    """Each document is rendered numbered on from the pages before it (one continuous numbering printed in
    the footers), so the index's page ranges are the numbers printed on the pages."""
    rendered, entries, page = [], [], 1
    for number, doc in enumerate(_volume_documents(case, volume), start=1):
        document = _render(render_document_html(case, doc, shared, first_page=page), font_config)
        count = len(document.pages)
        issued = shared["issued"].get(doc.slug)
        entries.append(
            Entry(
                number,
                doc.title,
                doc.on,
                count,
                page,
                page + count - 1,
                slug=doc.slug,
                doc_number=issued.number if issued else "",
            )
        )
        page += count
        if keep_rendered:
            rendered.append(document)
    if volume == MAIN:
        for item in evidence_items(case):
            count = item["pages"]
            first = page if count else None
            entries.append(
                Entry(
                    len(entries) + 1,
                    item["title"],
                    item["on"],
                    count,
                    first,
                    page + count - 1 if count else None,
                    "evidence",
                )
            )
            page += count or 0
    return entries, rendered


def _cache_key(case, volume: str) -> str:
    return f"arbitration:case-file:{case.CASE_TYPE}:{case.pk}:{case.audit_head}:{volume}"


def case_file_entries(case, volume: str = MAIN) -> list[Entry]:
    """The index of a volume with exact page counts (rendered once per case state, then cached)."""
    key = _cache_key(case, volume)
    entries = cache.get(key)
    if entries is None:
        entries, _rendered = _build(
            case, volume, keep_rendered=False, font_config=font_configuration(), shared=case_context(case)
        )
        cache.set(key, entries, 7 * 24 * 3600)
    return entries


def cover_context(case, volume: str, entries: list[Entry], shared: dict) -> dict:
    arbitration = isinstance(case, ArbitrationCase)
    return {
        "case": case,
        "arbitration": arbitration,
        "volume": volume,
        "volume_title": VOLUME_TITLES[volume],
        "title": f"{case.number}卷宗（{VOLUME_TITLES[volume]}）",
        "heading": "劳动人事争议仲裁案件卷宗" if arbitration else "劳动争议调解案件卷宗",
        "issuing_body": commission_name(case.jurisdiction),
        "entries": entries,
        "total_pages": sum(e.pages or 0 for e in entries),
        "tribunal": shared.get("tribunal", []),
        "retention_years": case.retention_years,
    }


def render_case_file(case, volume: str = MAIN) -> bytes:
    """The bound volume: cover and index, then every document in order."""
    font_config, shared = font_configuration(), case_context(case)
    entries, rendered = _build(case, volume, keep_rendered=True, font_config=font_config, shared=shared)
    cache.set(_cache_key(case, volume), entries, 7 * 24 * 3600)
    cover = render_html("pdf/arbitration/case-file.html", cover_context(case, volume, entries, shared))
    front = _render(cover, font_config)
    notes = render_html(
        "pdf/case-file-notes.html",
        {
            "case": case,
            "title": "卷内备考表",
            "entries": [e for e in entries if e.kind == "document"],
            "evidence": [e for e in entries if e.kind == "evidence"],
            "total_pages": sum(e.pages or 0 for e in entries),
        },
    )
    pages = list(front.pages) + [p for document in rendered for p in document.pages]
    pages += list(_render(notes, font_config).pages)
    return front.copy(pages).write_pdf()
