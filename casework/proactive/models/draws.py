"""双随机、一公开 ("一单两库一规则"): the inspector registry (执法检查人员名录库), the configurable rules and the
draws. The employer registry is the grids' members (``GridEmployer``); the list is the checklist
(``ChecklistItem``). Sources: 国办发〔2015〕58号, 人社部规〔2016〕2号, 国发〔2019〕5号 (statutes.md §7).

A draw is announced with its registries snapshot, rules and quotas hashed (SHA-256) BEFORE its seed exists;
the seed is a public value published afterwards (e.g. a lottery number of a named future date); only then
can the draw run, and anyone can replay it from the published inputs (``casework.proactive.draw_algorithm``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectorRegistryEntry(models.Model):
    """An inspector in the roster of the draws, with their enforcement certificate (执法证号)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("监察员"),
        on_delete=models.CASCADE,
        related_name="registry_entry",
    )
    certificate_number = models.CharField(_("执法证号"), max_length=30)
    active = models.BooleanField(_("在库"), default=True)

    class Meta:
        ordering = ["certificate_number", "id"]
        verbose_name = _("执法检查人员名录")
        verbose_name_plural = _("执法检查人员名录库")

    def __str__(self):
        return f"{self.user} {self.certificate_number}"


class DrawRule(models.Model):
    """一规则: a rule of the draws, editable by the administrator; ``days`` its period where it has one."""

    code = models.CharField(_("规则编码"), max_length=30, unique=True)
    label = models.CharField(_("规则"), max_length=100)
    enabled = models.BooleanField(_("启用"), default=True)
    days = models.PositiveSmallIntegerField(_("期限（日）"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("抽查规则")
        verbose_name_plural = _("抽查规则")

    def __str__(self):
        return self.label


class DrawState(models.TextChoices):
    ANNOUNCED = "announced", _("已公告（待公布随机种子）")
    SEEDED = "seeded", _("已公布随机种子")
    DRAWN = "drawn", _("已抽取")
    PUBLISHED = "published", _("结果已公开")


# The publication period when no rule says otherwise: 20 working days (国发〔2019〕5号 《国务院关于在市场监管领域
# 全面推行部门联合"双随机、一公开"监管的意见》: results published within 20 working days; statutes.md §7).
DEFAULT_PUBLICATION_DAYS = 20


class Draw(models.Model):
    title = models.CharField(_("抽查名称"), max_length=100)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        "proactive.Campaign", verbose_name=_("专项行动"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="draws",
    )  # fmt: skip
    kind = models.CharField(_("检查方式"), max_length=10)
    state = models.CharField(_("状态"), max_length=10, choices=DrawState.choices, default=DrawState.ANNOUNCED)
    algorithm = models.CharField(_("算法版本"), max_length=40)
    quotas = models.JSONField(_("各县市抽取数量"))  # {jurisdiction code: n}
    rules = models.JSONField(_("抽查规则"))
    snapshot = models.TextField(_("名录库快照（规范化JSON）"))
    snapshot_sha256 = models.CharField(_("名录库快照SHA-256"), max_length=64)
    inputs_sha256 = models.CharField(_("全部输入SHA-256"), max_length=64)
    seed_source = models.CharField(
        _("随机种子来源"), max_length=200, help_text=_("如：2026年12月1日福彩3D开奖号码")
    )
    announced_at = models.DateTimeField(_("公告时间"))
    seed_value = models.CharField(_("公开值"), max_length=200, blank=True)
    seed = models.CharField(_("随机种子（公开值的SHA-256）"), max_length=64, blank=True)
    seed_published_at = models.DateTimeField(_("种子公布时间"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    result = models.JSONField(_("抽取结果"), null=True, blank=True)
    result_sha256 = models.CharField(_("结果SHA-256"), max_length=64, blank=True)
    publish_due = models.DateField(_("结果公开期限"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("结果公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("组织人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-announced_at", "-id"]
        verbose_name = _("双随机抽查")
        verbose_name_plural = _("双随机抽查")

    def __str__(self):
        return self.title

    @property
    def publication_days(self) -> int:
        """The publication period (working days) of the draw's rules as announced, else the default."""
        rule = (self.rules or {}).get("publication") or {}
        return rule.get("days") or DEFAULT_PUBLICATION_DAYS

    @property
    def published_on_time(self) -> bool | None:
        if self.results_published_at is None or self.publish_due is None:
            return None
        from django.utils import timezone

        return timezone.localdate(self.results_published_at) <= self.publish_due
