"""Labour-dispute mediation cases (劳动争议调解), statutes.md §4.

Lifecycle: applied → accepted | not accepted → sessions (调解中) → agreement (调解协议) | failed (调解不成)
→ closed → archived. The mediation body has 15 days from receiving the application (LDMAL Art 14); past
them, or on failure, the worker may apply for arbitration — a failed mediation is converted into an
arbitration application with its data carried over (arbitration.services.conversion). An agreement may
go to arbitral review within 15 days (ARB-RULES Art 74): review requested → under review → 调解书 issued |
refused. Also withdrawal.

Transitions only move the state; the services in ``arbitration.services.mediation`` do the rest.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from arbitration.models.dispute import DisputeCase, applicants_field, respondent_field
from casework.models.case import state_field, urgency_indexes
from casework.permissions import assigned_with_role, has_role
from casework.roles import Role
from casework.statistics.indexes import settlement_indexes

MEDIATION_STAFF = (Role.MEDIATOR, Role.ARBITRATION_CHAIR)
CHAIR = (Role.ARBITRATION_CHAIR,)


class MediationState(models.TextChoices):
    APPLIED = "applied", _("已申请")
    ACCEPTED = "accepted", _("已受理")
    IN_SESSION = "in_session", _("调解中")
    AGREEMENT = "agreement", _("达成调解协议")
    FAILED = "failed", _("调解不成")
    REVIEW_REQUESTED = "review_requested", _("已申请仲裁审查")
    UNDER_REVIEW = "under_review", _("仲裁审查中")
    REVIEWED = "reviewed", _("已出具调解书")
    REVIEW_REFUSED = "review_refused", _("不予制作调解书")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")
    CONVERTED = "converted", _("已转入仲裁")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")


M = MediationState
OPEN_MEDIATION_STATES = frozenset(
    {
        M.APPLIED,
        M.ACCEPTED,
        M.IN_SESSION,
        M.AGREEMENT,
        M.FAILED,
        M.REVIEW_REQUESTED,
        M.UNDER_REVIEW,
        M.REVIEWED,
        M.REVIEW_REFUSED,
    }
)


class MediationBody(models.TextChoices):
    TOWNSHIP = "township", _("乡镇（街道）劳动争议调解组织")
    ENTERPRISE = "enterprise", _("企业劳动争议调解委员会")
    PEOPLES = "peoples", _("人民调解委员会")
    COMMISSION = "commission", _("劳动人事争议仲裁委员会调解组织")


class MediationChannel(models.TextChoices):
    WINDOW = "window", _("窗口申请")
    GREEN_CHANNEL = "green_channel", _("绿色通道网上申请")
    HOTLINE = "hotline_12333", _("12333热线转办")
    ORAL = "oral", _("口头申请")


class MediationOutcome(models.TextChoices):
    AGREEMENT = "agreement", _("达成调解协议")
    REVIEWED = "reviewed", _("经仲裁审查出具调解书")
    FAILED = "failed", _("调解不成")
    CONVERTED = "converted", _("调解不成转入仲裁")
    WITHDRAWN = "withdrawn", _("申请人撤回")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


class MediationCase(DisputeCase):
    CASE_TYPE = "mediation"
    TYPE_LABEL = _("劳动争议调解案件")
    LIST_URL_NAME = "mediation-list"
    NUMBER_FORMAT = "{short}劳人调〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_MEDIATION_STATES

    body_kind = models.CharField(
        _("调解组织类型"), max_length=20, choices=MediationBody.choices, default=MediationBody.COMMISSION
    )
    body_name = models.CharField(_("调解组织名称"), max_length=100)
    channel = models.CharField(
        _("申请渠道"), max_length=20, choices=MediationChannel.choices, default=MediationChannel.WINDOW
    )
    applicants = applicants_field("mediation_cases")
    respondent = respondent_field("mediation_cases")
    facts = models.TextField(_("争议事实与理由"))

    state = state_field(MediationState, MediationState.APPLIED)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    agreement_on = models.DateField(_("调解协议生效日期"), null=True, blank=True)
    agreement_terms = models.TextField(_("调解协议内容"), blank=True)
    performance_due = models.DateField(_("协议履行期限"), null=True, blank=True)
    failed_on = models.DateField(_("调解终止日期"), null=True, blank=True)
    failure_reason = models.TextField(_("调解不成原因"), blank=True)
    review_requested_on = models.DateField(_("申请仲裁审查日期"), null=True, blank=True)
    review_accepted_on = models.DateField(_("仲裁审查受理日期"), null=True, blank=True)
    review_issued_on = models.DateField(_("调解书出具日期"), null=True, blank=True)
    review_terms = models.TextField(_("调解书内容"), blank=True)
    review_refusal_reason = models.TextField(_("不予制作调解书理由"), blank=True)
    outcome = models.CharField(_("结案情形"), max_length=20, choices=MediationOutcome.choices, blank=True)
    closing_summary = models.TextField(_("结案意见"), blank=True)
    target_close_by = models.DateField(_("绿色通道内部目标日期"), null=True, blank=True)

    class Meta(DisputeCase.Meta):
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        indexes = [
            models.Index(fields=["jurisdiction", "state"], name="mediation_juris_state_idx"),
            models.Index(fields=["state", "next_due"], name="mediation_state_due_idx"),
            models.Index(fields=["jurisdiction", "closed_at"], name="mediation_juris_closed_idx"),
            # Settlement statistics: the caseload's three ranges, index-only (casework.statistics.indexes).
            *settlement_indexes("mediation", include=("outcome",)),
            # The staff list's urgency order (arbitration.selectors.mediation_list).
            *urgency_indexes("mediation", OPEN_MEDIATION_STATES),
        ]

    def review_window_open(self, on: date) -> bool:
        from casework.deadlines.compute import compute_due

        if self.agreement_on is None:
            return False
        return (
            on
            <= compute_due("mediation.review_apply", self.agreement_on, jurisdiction=self.jurisdiction_id).due
        )

    @property
    def retention_years(self) -> int:
        """ARB-RULES Art 24: 5 years for files not ending in an award."""
        return 5

    # --- transitions (state only; see arbitration.services.mediation) ------------------------------
    @transition(
        field=state,
        source=M.APPLIED,
        target=M.ACCEPTED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("受理"), "style": "primary", "form": "on_date"},
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=M.APPLIED,
        target=M.NOT_ACCEPTED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("不予受理"), "style": "danger", "form": "reason"},
    )
    def refuse(self):
        pass

    @transition(
        field=state,
        source=[M.ACCEPTED, M.IN_SESSION],
        target=M.IN_SESSION,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("记录调解"), "form": "session"},
    )
    def hold_session(self):
        pass

    @transition(
        field=state,
        source=[M.ACCEPTED, M.IN_SESSION],
        target=M.AGREEMENT,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("达成调解协议"), "style": "primary", "form": "agreement"},
    )
    def reach_agreement(self):
        pass

    @transition(
        field=state,
        source=[M.ACCEPTED, M.IN_SESSION],
        target=M.FAILED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("调解不成"), "style": "danger", "form": "reason"},
    )
    def fail(self):
        pass

    @transition(
        field=state,
        source=[M.APPLIED, M.ACCEPTED, M.IN_SESSION],
        target=M.WITHDRAWN,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("申请人撤回"), "style": "danger", "form": "reason"},
    )
    def withdraw(self):
        pass

    @transition(
        field=state,
        source=M.AGREEMENT,
        target=M.REVIEW_REQUESTED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("登记仲裁审查申请"), "form": "on_date"},
    )
    def request_review(self):
        pass

    @transition(
        field=state,
        source=M.REVIEW_REQUESTED,
        target=M.UNDER_REVIEW,
        permission=has_role(*CHAIR),
        custom={"label": _("受理仲裁审查并指定仲裁员"), "style": "primary", "form": "review_accept"},
    )
    def accept_review(self):
        pass

    @transition(
        field=state,
        source=M.UNDER_REVIEW,
        target=M.REVIEWED,
        permission=assigned_with_role(Role.ARBITRATOR, heads=CHAIR),
        custom={"label": _("审查通过，出具调解书"), "style": "primary", "form": "review"},
    )
    def confirm_review(self):
        pass

    @transition(
        field=state,
        source=[M.REVIEW_REQUESTED, M.UNDER_REVIEW],
        target=M.REVIEW_REFUSED,
        permission=has_role(*CHAIR),
        custom={"label": _("不予受理审查/不予制作调解书"), "style": "danger", "form": "reason"},
    )
    def refuse_review(self):
        pass

    @transition(
        field=state,
        source=M.FAILED,
        target=M.CONVERTED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("转为仲裁申请"), "style": "primary", "form": "reason"},
    )
    def convert(self):
        pass

    @transition(
        field=state,
        source=[M.AGREEMENT, M.FAILED, M.REVIEWED, M.REVIEW_REFUSED],
        target=M.CLOSED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("结案"), "style": "primary", "form": "close"},
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=[M.CLOSED, M.NOT_ACCEPTED, M.WITHDRAWN, M.CONVERTED],
        target=M.ARCHIVED,
        permission=has_role(*MEDIATION_STAFF),
        custom={"label": _("归档")},
    )
    def archive(self):
        pass


class MediationCaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(MediationCase, on_delete=models.CASCADE)


class MediationCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(MediationCase, on_delete=models.CASCADE)
