"""The arrears section of "my work": open cases, green channel first, then by deadline."""

from django.db.models import Q
from django.utils import timezone

from casework.roles import Role
from casework.work import register_work_section


@register_work_section
def my_arrears(request):
    from arrears.models import ArrearsCase, BlacklistState
    from arrears.models.cases import OPEN_ARREARS_STATES
    from arrears.selectors.blacklist import blacklist_visible_to
    from arrears.selectors.cases import arrears_list

    user = request.user
    if not user.has_perm("arrears.view_arrearscase"):
        return None
    qs = arrears_list(user).filter(state__in=OPEN_ARREARS_STATES)
    if user.has_role(Role.INSPECTOR) and not user.has_role(Role.INSPECTION_HEAD):
        links = ArrearsCase.assignees.through.objects
        mine = links.filter(user_id=user.pk).values("arrearscase_id")
        qs = qs.filter(Q(pk__in=mine) | ~Q(pk__in=links.values("arrearscase_id")))  # mine, or nobody's yet
    blacklist = []
    if user.has_role(Role.INSPECTION_HEAD, Role.DIRECTOR):
        blacklist = list(
            blacklist_visible_to(user).filter(state=BlacklistState.NOTICED).order_by("defence_due")[:10]
        )
    return {
        "title": "农民工欠薪案件（绿色通道优先）",
        "template": "arrears/work_arrears.html",
        "cases": list(qs[:15]),
        "blacklist": blacklist,
        "today": timezone.localdate(),
    }
