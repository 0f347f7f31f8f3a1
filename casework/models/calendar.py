"""The working-day calendar: which dates are rest days and which are make-up workdays.

Only exceptions to "Monday–Friday work, Saturday–Sunday rest" are stored. The national rows are seeded
from the ``chinese-calendar`` package for every year it covers (statutes.md §1) and editable by
administrators, who also enter each new year's State Council schedule when it is published and local
holidays per jurisdiction. Counting lives in ``casework.calendar.workdays``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    PACKAGE = "package", _("chinese-calendar 数据包")
    ADMIN = "admin", _("管理员录入")


class CalendarYear(models.Model):
    """Whether the State Council holiday schedule of a year is in the table.

    A year without a row (or not marked official) is counted on weekends (plus local holidays) and every
    deadline touching it is flagged provisional — 2027 until its notice is published and entered.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    is_official = models.BooleanField(
        _("已录入国务院放假安排"),
        default=False,
        help_text=_("录入该年全部放假和调休上班日期后勾选；未勾选的年份按周末推算，期限标注“暂定”。"),
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.ADMIN)
    note = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("如通知文号：国办发明电〔2026〕X号")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")

    def __str__(self):
        return f"{self.year}"

    def clean(self):
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("年份应在 1990 至 2100 之间。")})


class Holiday(models.Model):
    """One date that differs from the weekly pattern: a rest day, or a make-up workday (调休上班).

    ``jurisdiction`` empty = national (State Council). A row for a jurisdiction applies to it and to every
    unit under it and overrides the national row of the same date (statutes.md §1: "the local rule decides").
    """

    class Kind(models.TextChoices):
        REST = "rest", _("放假")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), db_index=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, help_text=_("如“国庆节”“春节调休上班”"))
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("适用区域"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holidays",
        help_text=_("留空表示全国；选择区域则适用于该区域及其下属单位，并优先于全国安排。"),
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.ADMIN)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(jurisdiction__isnull=True),
                name="holiday_one_national_row_per_date",
                violation_error_message=_("该日期已有全国安排。"),
            ),
            models.UniqueConstraint(
                fields=["date", "jurisdiction"],
                condition=Q(jurisdiction__isnull=False),
                name="holiday_one_local_row_per_date",
                violation_error_message=_("该区域在该日期已有安排。"),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self):
        # A national make-up workday is always a Saturday or Sunday; on a weekday it would change nothing.
        if (
            self.date
            and self.kind == self.Kind.WORKDAY
            and self.date.weekday() < 5
            and not self.jurisdiction_id
        ):
            raise ValidationError({"kind": _("全国调休上班日应为周六或周日。")})


class LocalHoliday(models.Model):
    """A recurring local holiday, e.g. 湘西州成立纪念日 20–21 September (statutes.md §1, configurable).

    Applies every year from ``first_year`` (to ``last_year`` if set) in ``jurisdiction`` and every unit under
    it, and overrides a national make-up workday on the same date (2026-09-20). No day in lieu is added when
    it falls on a weekend; enter a dated row in 节假日与调休 for a year that differs.
    """

    name = models.CharField(_("名称"), max_length=100)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("适用区域"),
        on_delete=models.CASCADE,
        related_name="local_holidays",
        help_text=_("适用于该区域及其下属单位；选择州本级即适用于全州各县市。"),
    )
    month = models.PositiveSmallIntegerField(_("月"))
    day = models.PositiveSmallIntegerField(_("日"))
    days = models.PositiveSmallIntegerField(_("放假天数"), default=1)
    first_year = models.PositiveSmallIntegerField(_("起始年份"))
    last_year = models.PositiveSmallIntegerField(
        _("截止年份"), null=True, blank=True, help_text=_("留空表示长期有效")
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["month", "day"]
        verbose_name = _("地方节假日")
        verbose_name_plural = _("地方节假日")

    def __str__(self):
        return f"{self.name}（{self.month}月{self.day}日起{self.days}天）"

    def clean(self):
        errors = {}
        try:
            datetime.date(2023, self.month or 0, self.day or 0)  # 2023: no 29 February, on purpose
        except ValueError:
            errors["day"] = _("月、日不是有效日期（不支持2月29日）。")
        if not self.days or not 1 <= self.days <= 15:
            errors["days"] = _("放假天数应在 1 至 15 天之间。")
        if self.last_year is not None and self.first_year and self.last_year < self.first_year:
            errors["last_year"] = _("截止年份不能早于起始年份。")
        if errors:
            raise ValidationError(errors)

    def dates_in(self, year: int) -> list[datetime.date]:
        """The rest days this rule starts in ``year`` (empty outside its years or when inactive)."""
        if not self.is_active or year < self.first_year or (self.last_year and year > self.last_year):
            return []
        first = datetime.date(year, self.month, self.day)
        return [first + datetime.timedelta(days=i) for i in range(self.days)]
