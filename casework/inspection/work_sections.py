"""The complaint section of "my work": open cases ordered by deadline urgency."""

from django.db.models import Q

from casework.work import assigned_ids, case_section, works_own_cases


@case_section(
    permission="casework.view_complaint",
    title="投诉举报案件（按期限紧迫程度）",
    template="casework/includes/work_complaints.html",
)
def my_complaints(user):
    from casework.inspection.models import OPEN_COMPLAINT_STATES, Complaint
    from casework.inspection.models import ComplaintState as S
    from casework.inspection.selectors import complaint_list

    qs = complaint_list(user).filter(state__in=OPEN_COMPLAINT_STATES)
    if works_own_cases(user):
        # An inspector's own cases, plus new complaints waiting for someone to accept them.
        waiting = [S.REGISTERED, S.SUPPLEMENT_REQUESTED]
        qs = qs.filter(Q(pk__in=assigned_ids(Complaint, user)) | Q(state__in=waiting))
    return qs
