"""The "my work" page is assembled from sections that each case app registers in its ``ready()``.

A section is a callable ``(request) -> dict | None`` returning ``{"title", "template", ...context}``. A case
type's section of open cases is declared with ``case_section``::

    @case_section(permission="arrears.view_arrearscase", title="...", template="arrears/work_arrears.html")
    def my_arrears(user):
        return arrears_list(user).filter(state__in=OPEN_ARREARS_STATES)
"""

import functools

from django.utils import timezone

from casework.roles import Role

WORK_SECTIONS = []
WORK_LIMIT = 15  # cases one section shows; its link leads to the full list


def register_work_section(section):
    if section not in WORK_SECTIONS:
        WORK_SECTIONS.append(section)
    return section


def sections_for(request):
    out = []
    for section in WORK_SECTIONS:
        data = section(request)
        if data:
            out.append(data)
    return out


def case_section(*, permission: str, title: str, template: str, more=None, **context):
    """Register a section of a case type's open cases: the decorated ``cases(user)`` returns them ordered by
    urgency; the section shows the first ``WORK_LIMIT`` with today's date, only to users holding
    ``permission``. ``more(user)`` adds what depends on the user (entries due); ``context`` the fixed rest
    (the template's labels and URL names)."""

    def decorate(cases):
        @functools.wraps(cases)
        def section(request):
            user = request.user
            if not user.has_perm(permission):
                return None
            return {
                "title": title,
                "template": template,
                **context,
                "cases": list(cases(user)[:WORK_LIMIT]),
                **(more(user) if more is not None else {}),
                "today": timezone.localdate(),
            }

        return register_work_section(section)

    return decorate


def works_own_cases(user) -> bool:
    """An inspector who is not the unit head: their list of work narrows to their own cases (the head
    assigns them and sees every case of the unit)."""
    return user.has_role(Role.INSPECTOR) and not user.has_role(Role.INSPECTION_HEAD)


def assigned_ids(model, user=None):
    """A subquery of the ids of ``model``'s cases assigned to ``user`` — to anyone, without a user."""
    field = model._meta.get_field("assignees")
    links = field.remote_field.through.objects.all()
    if user is not None:
        links = links.filter(**{field.m2m_reverse_field_name(): user.pk})
    return links.values(field.m2m_field_name())
