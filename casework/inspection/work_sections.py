"""The complaint section of "my work": open cases ordered by deadline urgency."""

from django.db.models import Q
from django.utils import timezone

from casework.roles import Role
from casework.work import register_work_section


@register_work_section
def my_complaints(request):
    from casework.inspection.models import OPEN_COMPLAINT_STATES
    from casework.inspection.models import ComplaintState as S
    from casework.inspection.selectors import complaint_list

    user = request.user
    if not user.has_perm("casework.view_complaint"):
        return None
    qs = complaint_list(user).filter(state__in=OPEN_COMPLAINT_STATES)
    if user.has_role(Role.INSPECTOR) and not user.has_role(Role.INSPECTION_HEAD):
        # An inspector's own cases, plus new complaints waiting for someone to accept them.
        waiting = [S.REGISTERED, S.SUPPLEMENT_REQUESTED]
        qs = qs.filter(Q(pk__in=user_assigned_ids(user)) | Q(state__in=waiting))
    return {
        "title": "投诉举报案件（按期限紧迫程度）",
        "template": "casework/includes/work_complaints.html",
        "cases": list(qs[:15]),
        "today": timezone.localdate(),
    }


def user_assigned_ids(user):
    from casework.inspection.models import Complaint

    return Complaint.assignees.through.objects.filter(user_id=user.pk).values("complaint_id")
