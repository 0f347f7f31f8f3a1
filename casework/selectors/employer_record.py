"""Reading the employer's whole record (用人单位档案) for one viewer, within their jurisdiction.

The cases: every registered case type's cases against the employer that the viewer may see (the type's own
``visible`` selector), one query per type. The timeline: the log entries of exactly those cases, newest first,
paginated (a count and a page). The sections the case-type apps registered (``casework.kernel.employer_record``).
The number of queries depends on the number of case types and sections, never on the number of cases.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q

from casework.kernel.employer_record import Cell, SectionData, record_sections
from casework.kernel.registry import case_types
from casework.models import TransitionLog

CASES_SHOWN = 50  # per case type; the rest are counted
TIMELINE_PAGE = 30


@dataclass
class TypeCases:
    label: str
    list_url: str
    cases: list
    more: int


def _against(registered, user, employer):
    return registered.visible(user).filter(**{registered.employer_attr: employer})


def cases_against(user, employer) -> list[TypeCases]:
    """Per case type with an employer: the visible cases against ``employer``, newest first."""
    found = []
    for registered in case_types():
        if not registered.employer_attr:
            continue
        rows = list(
            _against(registered, user, employer)
            .select_related("jurisdiction")
            .only("pk", "number", "state", "created_at", "closed_at", "jurisdiction__name")
            .order_by("-created_at", "-pk")[: CASES_SHOWN + 1]
        )
        if not rows:
            continue
        for case in rows:
            case.record_url = registered.detail_url(case.pk)
            case.state_text = registered.model.state_label(case.state)
        found.append(
            TypeCases(
                label=registered.label,
                list_url="",
                cases=rows[:CASES_SHOWN],
                more=max(0, len(rows) - CASES_SHOWN),
            )
        )
    return found


def timeline(user, employer, page_number=None):
    """The log entries of every visible case against ``employer``, newest first, one page of them."""
    condition, by_type = Q(pk__in=[]), {}
    for registered in case_types():
        if registered.employer_attr:
            content_type = ContentType.objects.get_for_model(registered.model)
            by_type[content_type.pk] = registered
            condition |= Q(
                content_type=content_type,
                object_id__in=_against(registered, user, employer).values("pk"),
            )
    entries = (
        TransitionLog.objects.filter(condition)
        .only(
            "case_number", "transition_label", "transition", "object_id", "actor_name", "at", "content_type"
        )
        .order_by("-at", "-id")
    )
    page = Paginator(entries, TIMELINE_PAGE).get_page(page_number)
    for entry in page.object_list:
        registered = by_type[entry.content_type_id]
        entry.case_url = registered.detail_url(entry.object_id)
        entry.type_label = registered.label
    return page


@dataclass
class ShownSection:
    key: str
    title: str
    data: SectionData


def sections(user, employer) -> list[ShownSection]:
    return [ShownSection(s.key, s.title, s.read(user, employer)) for s in record_sections()]


def cell(text, url: str = "") -> Cell:
    return Cell(str(text if text is not None else "—"), url)
