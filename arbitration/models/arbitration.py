"""Labour-dispute arbitration cases (劳动人事争议仲裁), statutes.md §4.

Lifecycle (LDMAL = 劳动争议调解仲裁法, ARB-RULES = 劳动人事争议仲裁办案规则):
applied → (materials requested, all missing items at once, Art 29 → applied) → accepted | not accepted
(5 working days, LDMAL Art 29 / Arts 30–31) → application served (5 working days, Art 33; the defence is due
10 working days after receipt, its copy goes out within 5) → tribunal formed (5 working days, Art 37; one
arbitrator under the simplified procedure, three otherwise) → hearing scheduled (notice ≥ 5 days before,
Art 38; postponement) → heard (record) → mediated (调解书, Art 72) or awarded (裁决书; partial awards Art 49;
final/non-final split Art 50) → closed → archived.
Also: withdrawal and deemed withdrawal for non-appearance (Art 39), cancellation (撤销案件, Art 32),
termination (终止审理, Art 48), suspension and resumption (中止, Art 47: the 45 days pause, Art 46),
extension (+15 days with the chair's approval, LDMAL Art 43 / Art 45) and the events that restart the 45
days (Art 46, ``arbitration.services.arbitration.restart_award_clock``).

Transitions only move the state; the services in ``arbitration.services.arbitration`` do the rest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from arbitration.models.arbitration_rules import (
    ENDED_STATES,
    IN_PROCEEDINGS,
    MATERIAL_LABELS,
    OPEN_ARBITRATION_STATES,
    ArbitrationChannel,
    ArbitrationOutcome,
    ArbitrationState,
    Procedure,
    TerminationReason,
    application_served,
    defence_copy_pending,
    defence_not_recorded,
    has_undecided_claims,
    hearing_day_reached,
    materials_complete,
    not_yet_extended,
    not_yet_served,
    procedure_fits_case,
)
from arbitration.models.dispute import DisputeCase, applicants_field, respondent_field
from casework.models.case import state_field, urgency_indexes
from casework.models.fields import actor_field
from casework.permissions import assigned_with_role, has_role
from casework.roles import Role
from casework.statistics.indexes import settlement_indexes

CHAIR = (Role.ARBITRATION_CHAIR,)
# The tribunal's own steps: an arbitrator on the case's tribunal, or the chair.
TRIBUNAL = assigned_with_role(Role.ARBITRATOR, heads=CHAIR)
S = ArbitrationState


class ArbitrationCase(DisputeCase):
    CASE_TYPE = "arbitration"
    TYPE_LABEL = _("劳动人事争议仲裁案件")
    LIST_URL_NAME = "arbitration-list"
    NUMBER_FORMAT = "{short}劳人仲案〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_ARBITRATION_STATES
    COLLECTIVE_MIN_WORKERS = 10  # ARB-RULES Art 5 / LDMAL Art 7: ten or more workers

    channel = models.CharField(
        _("申请渠道"), max_length=20, choices=ArbitrationChannel.choices, default=ArbitrationChannel.WINDOW
    )
    applicants = applicants_field("arbitration_cases")
    respondent = respondent_field("arbitration_cases")
    procedure = models.CharField(
        _("审理程序"), max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    collective = models.BooleanField(_("集体劳动争议"), default=False, db_index=True)
    complex = models.BooleanField(_("重大复杂案件"), default=False)
    from_mediation = models.OneToOneField(
        "arbitration.MediationCase",
        verbose_name=_("调解不成转入自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arbitration_case",
    )

    state = state_field(ArbitrationState, ArbitrationState.APPLIED)
    missing_materials = models.JSONField(_("需补正材料"), default=list, blank=True)
    materials_requested_on = models.DateField(_("通知补正日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    served_on = models.DateField(_("申请书副本送达日期"), null=True, blank=True)
    defence_received_on = models.DateField(_("收到答辩书日期"), null=True, blank=True)
    defence_summary = models.TextField(_("答辩要点"), blank=True)
    defence_copy_sent_on = models.DateField(_("答辩书副本送达日期"), null=True, blank=True)
    tribunal = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("仲裁庭"),
        through="arbitration.TribunalMember",
        related_name="arbitration_tribunals",
        blank=True,
    )
    tribunal_formed_on = models.DateField(_("组庭日期"), null=True, blank=True)
    extended = models.BooleanField(_("已延长审理期限"), default=False)
    extended_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长天数"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = actor_field()
    suspended_from_state = models.CharField(_("中止前状态"), max_length=30, blank=True)
    mediation_terms = models.TextField(_("调解书内容"), blank=True)
    mediation_signed_on = models.DateField(_("调解书签收日期"), null=True, blank=True)
    outcome = models.CharField(_("结案方式"), max_length=20, choices=ArbitrationOutcome.choices, blank=True)
    outcome_reason = models.TextField(_("撤回/撤销/终止理由"), blank=True)
    termination_reason = models.CharField(
        _("终止审理情形"), max_length=20, choices=TerminationReason.choices, blank=True
    )
    closing_summary = models.TextField(_("结案意见"), blank=True)
    court_proceedings_on = models.DateField(
        _("当事人起诉/申请撤销日期"),
        null=True,
        blank=True,
        help_text=_("裁决后当事人向人民法院起诉或申请撤销裁决的日期（LDMAL Arts 48–50）；用于仲裁终结率"),
    )
    closing_approved_by = actor_field()
    target_accept_by = models.DateField(_("绿色通道受理目标日期"), null=True, blank=True)
    target_close_by = models.DateField(_("绿色通道结案目标日期"), null=True, blank=True)

    class Meta(DisputeCase.Meta):
        verbose_name = _("仲裁案件")
        verbose_name_plural = _("仲裁案件")
        indexes = [
            models.Index(fields=["jurisdiction", "state"], name="arbitration_juris_state_idx"),
            models.Index(fields=["state", "next_due"], name="arbitration_state_due_idx"),
            models.Index(fields=["respondent", "state"], name="arbitration_resp_state_idx"),
            models.Index(fields=["jurisdiction", "accepted_on"], name="arbitration_juris_acc_idx"),
            models.Index(fields=["jurisdiction", "closed_at"], name="arbitration_juris_closed_idx"),
            # Settlement statistics: the caseload's three ranges, index-only (casework.statistics.indexes).
            *settlement_indexes("arbitration", include=("court_proceedings_on",)),
            # The staff list's urgency order (arbitration.selectors.arbitration_list).
            *urgency_indexes("arbitration", OPEN_ARBITRATION_STATES, collective=True),
        ]
        permissions = [("view_arbitration_pages", _("进入仲裁案件页面"))]

    # --- derived facts -----------------------------------------------------------------------------
    def missing_by_system(self) -> list[str]:
        """Material gaps the system can see by itself (codes from ``MATERIALS``)."""
        missing = []
        if self.pk is None or not self.applicants.exists():
            missing.append("applicant_identity")
        if self.respondent_id is None:
            missing.append("respondent_details")
        if self.pk is None or not self.claims.exists():
            missing.append("claims")
        return missing

    @property
    def missing_material_labels(self) -> list[str]:
        return [str(MATERIAL_LABELS.get(code, code)) for code in self.missing_materials]

    def current_hearing(self):
        return self.hearings.filter(status="scheduled").order_by("-sequence").first()

    @property
    def has_award(self) -> bool:
        return self.awards.exists()

    @property
    def retention_years(self) -> int:
        """ARB-RULES Art 24: files of cases ending in an award are kept 10 years, others 5."""
        return 10 if self.outcome == ArbitrationOutcome.AWARD or self.has_award else 5

    @property
    def tribunal_size_required(self) -> int:
        return 1 if self.procedure == Procedure.SIMPLIFIED else 3

    # --- transitions (state only; see arbitration.services.arbitration) ----------------------------
    @transition(
        field=state,
        source=S.APPLIED,
        target=S.MATERIALS_REQUESTED,
        permission=has_role(*CHAIR),
        custom={"label": _("一次性告知补正材料"), "form": "materials"},
    )
    def request_materials(self):
        pass

    @transition(
        field=state,
        source=S.MATERIALS_REQUESTED,
        target=S.APPLIED,
        permission=has_role(*CHAIR),
        custom={"label": _("补正材料已收到"), "form": "on_date"},
    )
    def receive_materials(self):
        pass

    @transition(
        field=state,
        source=S.APPLIED,
        target=S.ACCEPTED,
        conditions=[materials_complete],
        permission=has_role(*CHAIR),
        custom={"label": _("受理"), "style": "primary", "form": "on_date"},
    )
    def accept(self):
        pass

    @transition(
        field=state,
        source=[S.APPLIED, S.MATERIALS_REQUESTED],
        target=S.NOT_ACCEPTED,
        permission=has_role(*CHAIR),
        custom={"label": _("不予受理"), "style": "danger", "form": "reason"},
    )
    def refuse(self):
        pass

    @transition(
        field=state,
        source=S.ACCEPTED,
        target=S.SERVED,
        conditions=[not_yet_served],
        permission=TRIBUNAL,
        custom={"label": _("送达仲裁申请书副本"), "form": "on_date"},
    )
    @transition(
        field=state,
        source=S.TRIBUNAL_FORMED,
        target=None,
        conditions=[not_yet_served],
        permission=TRIBUNAL,
        custom={"label": _("送达仲裁申请书副本"), "form": "on_date"},
    )
    def serve_application(self):
        pass

    @transition(
        field=state,
        source=[S.SERVED, S.TRIBUNAL_FORMED, S.HEARING_SCHEDULED, S.HEARD],
        target=None,
        conditions=[defence_not_recorded],
        permission=TRIBUNAL,
        custom={"label": _("收到答辩书"), "form": "defence"},
    )
    def record_defence(self):
        pass

    @transition(
        field=state,
        source=[S.SERVED, S.TRIBUNAL_FORMED, S.HEARING_SCHEDULED, S.HEARD],
        target=None,
        conditions=[defence_copy_pending],
        permission=TRIBUNAL,
        custom={"label": _("送达答辩书副本"), "form": "on_date"},
    )
    def send_defence_copy(self):
        pass

    @transition(
        field=state,
        source=[S.ACCEPTED, S.SERVED],
        target=S.TRIBUNAL_FORMED,
        conditions=[procedure_fits_case],
        permission=has_role(*CHAIR),
        custom={"label": _("组成仲裁庭"), "style": "primary", "form": "tribunal"},
    )
    def form_tribunal(self):
        pass

    @transition(
        field=state,
        source=[S.TRIBUNAL_FORMED, S.HEARD],
        target=S.HEARING_SCHEDULED,
        conditions=[application_served],
        permission=TRIBUNAL,
        custom={"label": _("安排开庭"), "style": "primary", "form": "hearing"},
    )
    def schedule_hearing(self):
        pass

    @transition(
        field=state,
        source=S.HEARING_SCHEDULED,
        target=None,
        permission=has_role(*CHAIR),
        custom={"label": _("延期开庭"), "form": "postpone"},
    )
    def postpone_hearing(self):
        pass

    @transition(
        field=state,
        source=S.HEARING_SCHEDULED,
        target=S.HEARD,
        conditions=[hearing_day_reached],
        permission=TRIBUNAL,
        custom={"label": _("记录开庭"), "style": "primary", "form": "hearing_record"},
    )
    def hold_hearing(self):
        pass

    @transition(
        field=state,
        source=S.HEARING_SCHEDULED,
        target=S.WITHDRAWN,
        conditions=[hearing_day_reached],
        permission=TRIBUNAL,
        custom={"label": _("申请人拒不到庭，视为撤回"), "style": "danger", "form": "reason"},
    )
    def deem_withdrawn(self):
        pass

    @transition(
        field=state,
        source=[S.TRIBUNAL_FORMED, S.HEARING_SCHEDULED, S.HEARD],
        target=S.MEDIATED,
        permission=TRIBUNAL,
        custom={"label": _("调解结案（制作调解书）"), "form": "mediate"},
    )
    def mediate(self):
        pass

    @transition(
        field=state,
        source=S.HEARD,
        target=None,
        conditions=[has_undecided_claims],
        permission=TRIBUNAL,
        custom={"label": _("先行裁决部分请求"), "form": "partial_award"},
    )
    def partial_award(self):
        pass

    @transition(
        field=state,
        source=S.HEARD,
        target=S.AWARDED,
        conditions=[has_undecided_claims],
        permission=TRIBUNAL,
        custom={"label": _("作出裁决"), "style": "primary", "form": "award"},
    )
    def award(self):
        pass

    @transition(
        field=state,
        source=IN_PROCEEDINGS,
        target=None,
        conditions=[not_yet_extended],
        permission=has_role(*CHAIR),
        custom={"label": _("批准延长审理期限（至多15日）"), "form": "extend"},
    )
    def extend(self):
        pass

    @transition(
        field=state,
        source=IN_PROCEEDINGS,
        target=S.SUSPENDED,
        permission=has_role(*CHAIR),
        custom={"label": _("批准中止审理"), "form": "reason_on_date"},
    )
    def suspend(self):
        pass

    @transition(
        field=state,
        source=S.SUSPENDED,
        target=RETURN_VALUE(*IN_PROCEEDINGS),
        permission=has_role(*CHAIR),
        custom={"label": _("恢复审理"), "style": "primary", "form": "reason_on_date"},
    )
    def resume(self):
        return self.suspended_from_state

    @transition(
        field=state,
        source=[S.APPLIED, S.MATERIALS_REQUESTED, *IN_PROCEEDINGS, S.SUSPENDED],
        target=S.WITHDRAWN,
        permission=TRIBUNAL,
        custom={"label": _("申请人撤回仲裁申请"), "style": "danger", "form": "reason"},
    )
    def withdraw(self):
        pass

    @transition(
        field=state,
        source=[*IN_PROCEEDINGS, S.SUSPENDED],
        target=S.CANCELLED,
        permission=has_role(*CHAIR),
        custom={"label": _("撤销案件"), "style": "danger", "form": "reason"},
    )
    def cancel(self):
        pass

    @transition(
        field=state,
        source=[*IN_PROCEEDINGS, S.SUSPENDED],
        target=S.TERMINATED,
        permission=has_role(*CHAIR),
        custom={"label": _("终止审理"), "style": "danger", "form": "terminate"},
    )
    def terminate(self):
        pass

    @transition(
        field=state,
        source=[S.AWARDED, S.MEDIATED],
        target=S.CLOSED,
        permission=has_role(*CHAIR),
        custom={"label": _("批准结案"), "style": "primary", "form": "close"},
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=ENDED_STATES,
        target=S.ARCHIVED,
        permission=TRIBUNAL,
        custom={"label": _("归档")},
    )
    def archive(self):
        pass


class ArbitrationCaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE)


class ArbitrationCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ArbitrationCase, on_delete=models.CASCADE)
