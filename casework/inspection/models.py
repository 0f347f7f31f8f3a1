"""Labour-inspection complaints and reports (投诉 / 举报) and the inspection case that follows.

Lifecycle (LIR = 劳动保障监察条例, LIR-IMPL = 劳动保障部令第25号; statutes.md §2):
registered → accepted (within 5 working days, LIR-IMPL Art 18) | not accepted | supplement requested |
transferred → filed (立案, unit head) → investigating (≥ 2 inspectors, LIR Art 16; 60 working days from
filing, +30 on extension, LIR Art 17) → rectification ordered → rectified | not rectified → handling
decision or penalty (prior notice, statement and defence, LIR Art 19) → transferred to police → closed
(unit head, outcome code) → archived. Also case withdrawn (撤销立案, LIR Art 18) and complaint withdrawn.

The transitions below only move the state; everything else (validation, deadlines, the log) happens in
``casework.inspection.services`` through ``case_transition``.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casework.models.case import Case, state_field, urgency_indexes
from casework.models.merging import MergeableCase
from casework.permissions import assigned_with_role, condition, has_role
from casework.roles import Role
from casework.statistics.indexes import settlement_indexes

from .choices import ComplaintKind, IntakeChannel, Outcome, ViolationType  # noqa: F401  (re-exported)
from .procedure_rules import defence_concluded, findings_recorded

INSPECTION_STAFF = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)
INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
HEAD = (Role.INSPECTION_HEAD,)


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("待补正")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    TRANSFERRED = "transferred", _("已转办")
    ACCEPTED = "accepted", _("已受理")
    FILED = "filed", _("已立案")
    INVESTIGATING = "investigating", _("调查中")
    RECTIFICATION_ORDERED = "rectification_ordered", _("限期改正中")
    RECTIFIED = "rectified", _("已改正")
    NOT_RECTIFIED = "not_rectified", _("逾期未改正")
    PENALTY_NOTICED = "penalty_noticed", _("已事先告知")
    DECIDED = "decided", _("已作出决定")
    POLICE_TRANSFERRED = "police_transferred", _("已移送公安")
    CLOSED = "closed", _("已结案")
    CASE_WITHDRAWN = "case_withdrawn", _("已撤销立案")
    COMPLAINT_WITHDRAWN = "complaint_withdrawn", _("投诉人撤回")
    ARCHIVED = "archived", _("已归档")
    MERGED = "merged", _("已合并")


S = ComplaintState
OPEN_COMPLAINT_STATES = frozenset(
    {
        S.REGISTERED,
        S.SUPPLEMENT_REQUESTED,
        S.ACCEPTED,
        S.FILED,
        S.INVESTIGATING,
        S.RECTIFICATION_ORDERED,
        S.RECTIFIED,
        S.NOT_RECTIFIED,
        S.PENALTY_NOTICED,
        S.DECIDED,
        S.POLICE_TRANSFERRED,
    }
)
INVESTIGATION_STATES = [
    S.INVESTIGATING,
    S.RECTIFICATION_ORDERED,
    S.RECTIFIED,
    S.NOT_RECTIFIED,
    S.PENALTY_NOTICED,
    S.DECIDED,
    S.POLICE_TRANSFERRED,
]


# Preconditions (each carries the reason shown when it is not met).
@condition(_("尚未确定被投诉用人单位，请先要求投诉人补正（监察规定第十八条）"))
def employer_identified(case) -> bool:
    return case.employer_id is not None


@condition(_("违法行为已超过两年未被发现，不予受理（监察条例第二十条）"))
def within_limitation(case) -> bool:
    return not case.limitation_expired


@condition(_("调查须至少两名监察员承办（监察条例第十六条）"))
def two_inspectors_assigned(case) -> bool:
    return case.assigned_inspector_count() >= 2


@condition(_("调查期限已延长过一次（监察条例第十七条只允许延长30个工作日）"))
def not_yet_extended(case) -> bool:
    return not case.investigation_extended


@condition(_("改正期限尚未届满"))
def rectification_period_over(case) -> bool:
    from django.utils import timezone

    return case.rectification_due is not None and timezone.localdate() > case.rectification_due


class Complaint(Case, MergeableCase):  # merged duplicates: casework.inspection.services.merging
    CASE_TYPE = "complaint"
    TYPE_LABEL = _("劳动保障监察投诉举报案件")
    LIST_URL_NAME = "complaint-list"
    NUMBER_FORMAT = "{short}劳监投〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_COMPLAINT_STATES

    kind = models.CharField(
        _("类型"), max_length=10, choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT
    )
    channel = models.CharField(
        _("来源渠道"), max_length=20, choices=IntakeChannel.choices, default=IntakeChannel.WINDOW
    )
    received_on = models.DateField(_("收到日期"))
    anonymous = models.BooleanField(_("匿名举报"), default=False)
    complainant = models.ForeignKey(
        "casework.Person",
        verbose_name=_("投诉人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    co_complainants = models.ManyToManyField(
        "casework.Person", verbose_name=_("共同投诉人"), blank=True, related_name="co_complaints"
    )
    employer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("被投诉单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    employer_name_given = models.CharField(_("投诉所述单位名称"), max_length=100, blank=True)
    workplace = models.CharField(_("工作地点"), max_length=200)
    project_name = models.CharField(_("工程项目"), max_length=100, blank=True)
    facts = models.TextField(_("投诉事实"))
    violation_types = models.JSONField(_("违法类型"), default=list, blank=True)
    violation_started_on = models.DateField(_("违法行为开始日"), null=True, blank=True)
    violation_ended_on = models.DateField(
        _("违法行为终了日"),
        null=True,
        blank=True,
        help_text=_("连续或继续状态的，填终了之日；仍在持续的留空"),
    )
    arrears_amount = models.DecimalField(
        _("欠薪金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    arrears_months = models.PositiveSmallIntegerField(_("欠薪月数"), null=True, blank=True)
    workers_affected = models.PositiveIntegerField(_("涉及人数"), default=1)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    state = state_field(ComplaintState, ComplaintState.REGISTERED)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    investigation_extended = models.BooleanField(_("已延长调查期限"), default=False)
    rectification_due = models.DateField(_("改正期限"), null=True, blank=True)
    rectification_items = models.TextField(_("责令改正事项"), blank=True)
    fine_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decision_kind = models.CharField(_("决定类型"), max_length=20, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    transfer_target = models.CharField(_("转办/移送对象"), max_length=100, blank=True)
    transferred_to = models.ForeignKey(
        "self",
        verbose_name=_("转办后案件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transferred_from",
    )
    outcome = models.CharField(_("结案情形"), max_length=30, choices=Outcome.choices, blank=True)
    recovered_amount = models.DecimalField(
        _("追回金额（元）"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    recovered_workers = models.PositiveIntegerField(_("涉及劳动者人数（追回）"), default=0)
    closing_summary = models.TextField(_("结案意见"), blank=True)

    class Meta(Case.Meta):
        # Kept under the kernel's app label: the tables, content types and permission names
        # ("casework.view_complaint") of the data already recorded stay as they are.
        app_label = "casework"
        verbose_name = _("投诉举报案件")
        verbose_name_plural = _("投诉举报案件")
        indexes = [
            models.Index(fields=["jurisdiction", "state"], name="complaint_juris_state_idx"),
            models.Index(fields=["state", "next_due"], name="complaint_state_due_idx"),
            models.Index(fields=["employer", "state"], name="complaint_employer_state_idx"),
            models.Index(fields=["jurisdiction", "accepted_on"], name="complaint_juris_accepted_idx"),
            models.Index(fields=["jurisdiction", "closed_at"], name="complaint_juris_closed_idx"),
            # The staff list's urgency order (casework.inspection.selectors.complaint_list), within a county
            # and across all of them: walked in index order, not sorted.
            *urgency_indexes("complaint", OPEN_COMPLAINT_STATES),
            # Settlement statistics: the caseload's three ranges, index-only (casework.statistics.indexes).
            *settlement_indexes("complaint", include=("recovered_amount", "recovered_workers")),
        ]
        permissions = [
            ("approve_complaint", _("审批立案、延期、处罚、结案")),
        ]

    # --- derived facts -------------------------------------------------------------------------------
    @property
    def limitation_expired(self) -> bool:
        """LIR Art 20: not investigated if undiscovered for 2 years (from the end of a continuing act)."""
        from casework.deadlines.compute import compute_due

        ended = self.violation_ended_on
        if ended is None:  # still going on: the 2 years have not started
            return False
        return (
            compute_due("inspection.limitation", ended, jurisdiction=self.jurisdiction_id).due
            < self.received_on
        )

    @property
    def violation_type_labels(self) -> list[str]:
        labels = dict(ViolationType.choices)
        return [str(labels.get(code, code)) for code in self.violation_types]

    def assigned_inspector_count(self) -> int:
        labels = [Role.INSPECTOR.label, Role.INSPECTION_HEAD.label]
        return self.assignees.filter(groups__name__in=labels).distinct().count()

    # --- transitions (state only; see casework.inspection.services) -------------------------------
    @transition(
        field=state,
        source=S.SUPPLEMENT_REQUESTED,
        target=S.REGISTERED,
        permission=has_role(*INSPECTION_STAFF),
        custom={"label": _("补正材料已收到")},
    )
    def receive_supplement(self):
        pass

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.SUPPLEMENT_REQUESTED,
        permission=has_role(*INSPECTION_STAFF),
        custom={"label": _("要求补正"), "form": "reason"},
    )
    def request_supplement(self):
        pass

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.ACCEPTED,
        conditions=[employer_identified, within_limitation],
        permission=has_role(*INSPECTORS),
        custom={"label": _("受理"), "style": "primary"},
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=[S.REGISTERED, S.SUPPLEMENT_REQUESTED],
        target=S.NOT_ACCEPTED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("不予受理"), "form": "reason", "style": "danger"},
    )
    def refuse(self):
        pass

    @transition(
        field=state,
        source=[S.REGISTERED, S.SUPPLEMENT_REQUESTED],
        target=S.TRANSFERRED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("转办"), "form": "transfer"},
    )
    def transfer(self):
        pass

    @transition(
        field=state,
        source=S.ACCEPTED,
        target=S.FILED,
        permission=has_role(*HEAD),
        custom={"label": _("批准立案"), "style": "primary"},
    )
    def file_case(self):
        pass

    @transition(
        field=state,
        source=S.FILED,
        target=S.INVESTIGATING,
        conditions=[two_inspectors_assigned],
        permission=has_role(*HEAD, Role.INSPECTOR),
        custom={"label": _("开始调查"), "style": "primary"},
    )
    def start_investigation(self):
        pass

    @transition(
        field=state,
        source=[S.INVESTIGATING, S.RECTIFICATION_ORDERED, S.NOT_RECTIFIED, S.PENALTY_NOTICED],
        target=None,
        conditions=[not_yet_extended],
        permission=has_role(*HEAD),
        custom={"label": _("批准延长调查期限"), "form": "reason"},
    )
    def extend_investigation(self):
        pass

    @transition(
        field=state,
        source=S.INVESTIGATING,
        target=S.RECTIFICATION_ORDERED,
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("责令限期改正"), "form": "rectification"},
    )
    def order_rectification(self):
        pass

    @transition(
        field=state,
        source=[S.RECTIFICATION_ORDERED, S.NOT_RECTIFIED],
        target=S.RECTIFIED,
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("确认已改正"), "form": "reason"},
    )
    def confirm_rectified(self):
        pass

    @transition(
        field=state,
        source=S.RECTIFICATION_ORDERED,
        target=S.NOT_RECTIFIED,
        conditions=[rectification_period_over],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("确认逾期未改正"), "form": "reason"},
    )
    def record_not_rectified(self):
        pass

    @transition(
        field=state,
        source=[S.INVESTIGATING, S.RECTIFIED, S.NOT_RECTIFIED],
        target=S.PENALTY_NOTICED,
        conditions=[findings_recorded],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("送达行政处罚事先告知书"), "form": "penalty_notice"},
    )
    def give_penalty_notice(self):
        pass

    @transition(
        field=state,
        source=S.PENALTY_NOTICED,
        target=S.DECIDED,
        conditions=[defence_concluded],
        permission=has_role(*HEAD),
        custom={"label": _("作出行政处罚决定"), "form": "penalty_decision"},
    )
    def decide_penalty(self):
        pass

    @transition(
        field=state,
        source=[S.INVESTIGATING, S.RECTIFIED, S.NOT_RECTIFIED],
        target=S.DECIDED,
        conditions=[findings_recorded],
        permission=has_role(*HEAD),
        custom={"label": _("作出行政处理决定"), "form": "handling_decision"},
    )
    def decide_handling(self):
        pass

    @transition(
        field=state,
        source=[S.INVESTIGATING, S.NOT_RECTIFIED, S.DECIDED],
        target=S.POLICE_TRANSFERRED,
        permission=has_role(*HEAD),
        custom={"label": _("移送公安机关"), "form": "police"},
    )
    def transfer_to_police(self):
        pass

    @transition(
        field=state,
        source=[S.INVESTIGATING, S.RECTIFIED, S.NOT_RECTIFIED, S.DECIDED, S.POLICE_TRANSFERRED],
        target=S.CLOSED,
        permission=has_role(*HEAD),
        custom={"label": _("批准结案"), "form": "close", "style": "primary"},
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=[S.FILED, S.INVESTIGATING, S.RECTIFICATION_ORDERED, S.RECTIFIED],
        target=S.CASE_WITHDRAWN,
        permission=has_role(*HEAD),
        custom={"label": _("撤销立案"), "form": "reason", "style": "danger"},
    )
    def withdraw_case(self):
        pass

    @transition(
        field=state,
        source=[S.REGISTERED, S.SUPPLEMENT_REQUESTED, S.ACCEPTED],
        target=S.COMPLAINT_WITHDRAWN,
        permission=has_role(*INSPECTION_STAFF),
        custom={"label": _("投诉人撤回投诉"), "form": "reason", "style": "danger"},
    )
    def withdraw_complaint(self):
        pass

    @transition(
        field=state,
        source=[S.CLOSED, S.CASE_WITHDRAWN, S.COMPLAINT_WITHDRAWN, S.NOT_ACCEPTED, S.TRANSFERRED],
        target=S.ARCHIVED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("归档")},
    )
    def archive(self):
        pass

    @transition(
        field=state,
        source=sorted(OPEN_COMPLAINT_STATES),
        target=S.MERGED,
        permission=has_role(*INSPECTION_STAFF),
        custom={"label": _("并入另一投诉案件"), "form": "merge"},
    )
    def merge(self):
        pass

    @transition(
        field=state,
        source=S.MERGED,
        target=RETURN_VALUE(*sorted(OPEN_COMPLAINT_STATES)),
        permission=has_role(*INSPECTION_STAFF),
        custom={"label": _("撤销合并"), "form": "reason"},
    )
    def unmerge(self):
        return self.state_before_merge or S.REGISTERED


class ComplaintUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        app_label = "casework"


class ComplaintGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        app_label = "casework"


# The procedure's records (the ``inspection`` app's own tables), loaded with the complaint.
from .procedure_models import (  # noqa: E402, F401
    Findings,
    HandlingDecision,
    HearingThreshold,
    InvestigationRecord,
    LegalBasis,
    PenaltyProcedure,
)
