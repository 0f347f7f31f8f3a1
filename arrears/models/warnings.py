"""Wage-payment warning rules (预警规则) and the warnings they raise (MWWR Arts 24–34; Art 27: the wage account's
bank reports to the authority's warning system).

The rules are rows, seeded by migration ``0007_seed_warning_rules`` and edited in the admin (level, thresholds,
article, enabled); what each ``code`` checks is in ``arrears.monitoring.rules``. A warning is unique per
(project, rule, month) or, for a rule about one worker, per (project, rule, month, worker): evaluating again
never raises it twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arrears.money import money_field_kwargs
from casework.models.fields import actor_field


class WarningLevel(models.TextChoices):
    RED = "red", _("红色")
    ORANGE = "orange", _("橙色")
    YELLOW = "yellow", _("黄色")


LEVEL_RANK = {WarningLevel.RED: 3, WarningLevel.ORANGE: 2, WarningLevel.YELLOW: 1}


class WarningRule(models.Model):
    code = models.SlugField(
        _("规则代码"), max_length=40, unique=True, help_text=_("系统按代码判断，请勿修改")
    )
    name = models.CharField(_("规则名称"), max_length=100)
    level = models.CharField(_("预警级别"), max_length=8, choices=WarningLevel.choices)
    params = models.JSONField(_("阈值参数"), default=dict, blank=True)
    article = models.CharField(_("依据条款"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    enabled = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")

    def __str__(self):
        return f"{self.name}（{self.get_level_display()}）"


class WarningState(models.TextChoices):
    OPEN = "open", _("待处置")
    CLOSED = "closed", _("已关闭")
    CASE = "case", _("已立欠薪案件")


class WageWarning(models.Model):
    project = models.ForeignKey(
        "arrears.ConstructionProject",
        verbose_name=_("工程项目"),
        on_delete=models.CASCADE,
        related_name="warnings",
    )
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("管辖区域"), on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(WarningRule, verbose_name=_("规则"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("预警级别"), max_length=8, choices=WarningLevel.choices)
    month = models.DateField(_("月份"))
    worker = models.ForeignKey(
        "arrears.RosterWorker",
        verbose_name=_("工人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="warnings",
    )
    amount = models.DecimalField(
        _("估算欠付（元）"),
        null=True,
        blank=True,
        help_text=_("按约定日工资或最低工资折算"),
        **money_field_kwargs(),
    )
    details = models.CharField(_("情况"), max_length=300, blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=WarningState.choices, default=WarningState.OPEN)
    run = models.UUIDField(_("评估批次"), editable=False)
    created_at = models.DateTimeField(_("预警时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("处置时间"), null=True, blank=True)
    closed_by = actor_field(_("处置人"))
    close_reason = models.CharField(_("关闭理由"), max_length=300, blank=True)
    case = models.ForeignKey(
        "arrears.ArrearsCase",
        verbose_name=_("欠薪案件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="warnings",
    )

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("工资支付预警")
        verbose_name_plural = _("工资支付预警")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "rule", "month", "worker"],
                condition=models.Q(worker__isnull=False),
                name="arrears_warning_once_per_worker",
            ),
            models.UniqueConstraint(
                fields=["project", "rule", "month"],
                condition=models.Q(worker__isnull=True),
                name="arrears_warning_once_per_project",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "state"], name="arrears_warning_project_idx"),
            models.Index(fields=["jurisdiction", "month", "level"], name="arrears_warning_juris_idx"),
            models.Index(fields=["run"], name="arrears_warning_run_idx"),
        ]

    def __str__(self):
        return f"{self.project} {self.month:%Y-%m} {self.rule.name}"
