"""Routine and special inspections (日常巡视检查, 书面审查, 专项检查) — a case type on the kernel's contract —
with the checklist (一单: inspection items, each with its legal basis), the result of each item, the
campaigns (专项行动) that group inspections. A case opened on a finding (立案) is linked to the inspection by
the kernel's ``CaseLink`` (kind ``finding``).

Lifecycle: planned → notified → inspected → findings → rectification → closed (findings → closed when nothing
was found). Inspections are made by at least two inspectors (LIR Art 16); a violation found is ordered to
be corrected (LIR Art 18, 30), or a case is opened on it (立案).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.models.case import Case, state_field, urgency_indexes
from casework.permissions import condition, has_role
from casework.roles import Role

INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
HEAD = (Role.INSPECTION_HEAD,)


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("已计划")
    NOTIFIED = "notified", _("已通知")
    INSPECTED = "inspected", _("已检查")
    FINDINGS = "findings", _("已形成检查结论")
    RECTIFICATION = "rectification", _("责令整改中")
    CLOSED = "closed", _("已办结")


S = InspectionState
OPEN_INSPECTION_STATES = frozenset({S.PLANNED, S.NOTIFIED, S.INSPECTED, S.FINDINGS, S.RECTIFICATION})


class InspectionKind(models.TextChoices):
    PATROL = "patrol", _("日常巡视检查")
    WRITTEN = "written", _("书面审查")
    SPECIAL = "special", _("专项检查")


class Campaign(models.Model):
    """专项行动 (e.g. the winter campaign on wage arrears): its period and the employers it must cover."""

    name = models.CharField(_("专项行动名称"), max_length=100, unique=True)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    description = models.TextField(_("工作要求"), blank=True)
    targets = models.ManyToManyField(
        "casework.Employer", verbose_name=_("检查目标单位"), blank=True, related_name="campaigns"
    )

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")

    def __str__(self):
        return self.name


class ChecklistItem(models.Model):
    """一单: one item of the random-inspection checklist (随机抽查事项清单) with its legal basis."""

    code = models.CharField(_("事项编码"), max_length=20, unique=True)
    title = models.CharField(_("检查事项"), max_length=120)
    legal_basis = models.CharField(_("法律依据"), max_length=200)
    kinds = models.JSONField(_("适用检查方式"), default=list, blank=True, help_text=_("留空适用全部方式"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("检查事项")
        verbose_name_plural = _("检查事项清单")

    def __str__(self):
        return f"{self.code} {self.title}"

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


@condition(_("检查须至少两名监察员承办（监察条例第十六条）"))
def two_inspectors(case) -> bool:
    return case.assignees.count() >= 2


@condition(_("检查事项清单尚未逐项登记结果"))
def checklist_complete(case) -> bool:
    return case.missing_items() == []


@condition(_("检查发现违法行为，须责令整改或立案后方可办结"))
def nothing_found(case) -> bool:
    return case.violations_found == 0


@condition(_("检查未发现违法行为，无需责令整改"))
def something_found(case) -> bool:
    return case.violations_found > 0


class Inspection(Case):
    CASE_TYPE = "routine_inspection"
    TYPE_LABEL = _("主动监察检查")
    LIST_URL_NAME = "proactive:inspection-list"
    NUMBER_FORMAT = "{short}劳监查〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_INSPECTION_STATES
    object_permissions_enabled = False  # seen by jurisdiction, like the staff who plan it

    state = state_field(InspectionState, S.PLANNED)
    kind = models.CharField(_("检查方式"), max_length=10, choices=InspectionKind.choices)
    employer = models.ForeignKey(
        "casework.Employer", verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="inspections"
    )
    grid = models.ForeignKey(
        "proactive.Grid",
        verbose_name=_("网格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项行动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    draw = models.ForeignKey(
        "proactive.Draw",
        verbose_name=_("随机抽查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    planned_on = models.DateField(_("计划检查日期"))
    notified_on = models.DateField(_("通知日期"), null=True, blank=True)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    findings = models.TextField(_("检查结论"), blank=True)
    violations_found = models.PositiveSmallIntegerField(_("发现违法行为数"), default=0)
    rectification_due = models.DateField(_("整改期限"), null=True, blank=True)
    rectification_items = models.TextField(_("整改事项"), blank=True)
    outcome = models.TextField(_("办结情况"), blank=True)
    outcome_published_at = models.DateTimeField(_("检查结果公示时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Case.Meta):
        verbose_name = _("主动监察检查")
        verbose_name_plural = _("主动监察检查")
        indexes = [
            models.Index(fields=["employer", "inspected_on"], name="inspection_employer_idx"),
            models.Index(fields=["campaign", "state"], name="inspection_campaign_idx"),
            *urgency_indexes("inspection", OPEN_INSPECTION_STATES),
        ]

    # --- transitions: only the state moves; casework.proactive.services.inspections does the rest --------
    @transition(
        state, S.PLANNED, S.NOTIFIED, permission=has_role(*INSPECTORS), conditions=[two_inspectors],
        custom={"label": _("通知被检查单位")},
    )  # fmt: skip
    def notify(self):
        pass

    @transition(
        state, [S.PLANNED, S.NOTIFIED], S.INSPECTED, permission=has_role(*INSPECTORS),
        conditions=[two_inspectors], custom={"label": _("实施检查")},
    )  # fmt: skip
    def inspect(self):
        pass

    @transition(
        state, S.INSPECTED, S.FINDINGS, permission=has_role(*INSPECTORS), conditions=[checklist_complete],
        custom={"label": _("形成检查结论")},
    )  # fmt: skip
    def conclude(self):
        pass

    @transition(
        state, S.FINDINGS, S.RECTIFICATION, permission=has_role(*INSPECTORS), conditions=[something_found],
        custom={"label": _("责令整改")},
    )  # fmt: skip
    def order_rectification(self):
        pass

    @transition(
        state, S.FINDINGS, S.CLOSED, permission=has_role(*HEAD), conditions=[nothing_found],
        custom={"label": _("办结（未发现违法）")},
    )  # fmt: skip
    def close_clean(self):
        pass

    @transition(
        state, S.RECTIFICATION, S.CLOSED, permission=has_role(*HEAD), custom={"label": _("整改完毕办结")}
    )
    def close(self):
        pass

    # --- derived -------------------------------------------------------------------------------------------
    def checklist(self) -> list[ChecklistItem]:
        return [i for i in ChecklistItem.objects.filter(is_active=True) if i.applies_to(self.kind)]

    def missing_items(self) -> list[ChecklistItem]:
        done = set(self.results.values_list("item_id", flat=True))
        return [i for i in self.checklist() if i.pk not in done]


class ItemResult(models.TextChoices):
    COMPLIANT = "compliant", _("符合")
    VIOLATION = "violation", _("存在违法行为")
    NOT_APPLICABLE = "not_applicable", _("不适用")


class InspectionResult(models.Model):
    """The result of one checklist item in one inspection."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("检查事项"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("检查结果"), max_length=20, choices=ItemResult.choices)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["item__sort_order", "item__code"]
        verbose_name = _("检查事项结果")
        verbose_name_plural = _("检查事项结果")
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="inspection_item_once")]

    def __str__(self):
        return f"{self.item_id}: {self.get_result_display()}"
