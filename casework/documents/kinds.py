"""Document kinds (文书种类): what a case type issues, declared once in its ``CaseType(documents=...)``.

    DocumentKind("rectification-order", "限期改正指令书", letters="监令",
                 service_starts="inspection.rectification")

A kind's ``slug`` is the document's slug in its case type's document list; numbered instances of one kind
(``hearing-notice-2``, ``award-1``) match the kind ``hearing-notice``/``award``. ``code`` (``<case type>.<slug>``)
keys the number series. ``service_starts`` names the deadline rule that runs from the day the document is served
(``casework.deadlines.rules``); ``service_meets`` the rules its service fulfils (APL Art 61: serve the penalty
decision within 7 days). ``on_served``: a case type's own hook for a first service where the two above do not say
enough (``hook(case, served_on)`` in the service's transaction, returning the deadline it started or kept, or
None) — the one place a period that other steps may also start is started (the arbitration defence).
``enforcement``: issued by law-enforcement officers (LIR Art 16, APL Art 42), so each
承办人 must have a 执法证号 before it is issued.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings

DEFAULT_FORMAT = "{prefix}{authority}{letters}〔{year}〕{seq}号"


@dataclass(frozen=True)
class DocumentKind:
    slug: str
    title: str
    letters: str  # the kind's code letters in its number: "监令" → 吉人社监令〔2026〕12号
    authority: str = "人社"  # the issuing authority's code after the jurisdiction prefix (仲裁委: "劳人仲")
    served: bool = True  # must be served on a party (送达)
    service_starts: str = ""
    service_meets: tuple[str, ...] = ()
    on_served: Callable[[object, date], object] | None = None
    enforcement: bool = False
    number_format: str = ""  # overrides settings.DOCUMENT_NUMBER_FORMAT for this kind
    case_type: str = ""  # filled in by the registration

    @property
    def code(self) -> str:
        return f"{self.case_type}.{self.slug}"

    def format_number(self, *, prefix: str, year: int, seq: int) -> str:
        configured = getattr(settings, "DOCUMENT_NUMBER_FORMATS", {}) or {}
        pattern = (
            configured.get(self.code)
            or self.number_format
            or getattr(settings, "DOCUMENT_NUMBER_FORMAT", "")
            or DEFAULT_FORMAT
        )
        return pattern.format(
            prefix=prefix, authority=self.authority, letters=self.letters, year=year, seq=seq
        )


_KINDS: dict[str, dict[str, DocumentKind]] = {}
_INSTANCE = re.compile(r"^(?P<base>.+?)-\d+$")


def register_kinds(case_type_code: str, kinds) -> None:
    _KINDS[case_type_code] = {k.slug: replace(k, case_type=case_type_code) for k in kinds}


def kind_for(case_type_code: str, slug: str) -> DocumentKind | None:
    """The kind of document ``slug`` of a case type (``hearing-notice-2`` → ``hearing-notice``)."""
    kinds = _KINDS.get(case_type_code, {})
    if slug in kinds:
        return kinds[slug]
    match = _INSTANCE.match(slug or "")
    return kinds.get(match["base"]) if match else None


def kinds_of(case_type_code: str) -> list[DocumentKind]:
    return list(_KINDS.get(case_type_code, {}).values())
