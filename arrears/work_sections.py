"""The arrears section of "my work": open cases, green channel first, then by deadline."""

from django.db.models import Q

from casework.roles import Role
from casework.work import assigned_ids, case_section, works_own_cases


def _defences_due(user) -> dict:
    """For the unit head and the director: blacklist notices whose defence period runs out first."""
    from arrears.models import BlacklistState
    from arrears.selectors.blacklist import blacklist_visible_to

    if not user.has_role(Role.INSPECTION_HEAD, Role.DIRECTOR):
        return {"blacklist": []}
    noticed = blacklist_visible_to(user).filter(state=BlacklistState.NOTICED)
    return {"blacklist": list(noticed.order_by("defence_due")[:10])}


@case_section(
    permission="arrears.view_arrearscase",
    title="农民工欠薪案件（绿色通道优先）",
    template="arrears/work_arrears.html",
    more=_defences_due,
)
def my_arrears(user):
    from arrears.models import ArrearsCase
    from arrears.models.cases import OPEN_ARREARS_STATES
    from arrears.selectors.cases import arrears_list

    qs = arrears_list(user).filter(state__in=OPEN_ARREARS_STATES)
    if works_own_cases(user):  # mine, or nobody's yet
        qs = qs.filter(Q(pk__in=assigned_ids(ArrearsCase, user)) | ~Q(pk__in=assigned_ids(ArrearsCase)))
    return qs
