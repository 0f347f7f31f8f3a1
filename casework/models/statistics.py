from django.db import models
from django.utils.translation import gettext_lazy as _


class SettlementStatistics(models.Model):
    """No table of its own: carries the permission ``casework.view_statistics`` (the statistics pages,
    exports and API). The figures are aggregate queries on the case tables (casework.statistics)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_statistics", _("查看结案统计与报表"))]
        verbose_name = _("结案统计")
        verbose_name_plural = _("结案统计")

    def __str__(self):
        return str(self._meta.verbose_name)


class StatisticsChange(models.Model):
    """A change to a closed case row, as the settlement statistics' cache needs to know it: written by a
    PostgreSQL row trigger on each series' case table in the writing transaction, whatever wrote (a service,
    the admin, a bulk update, raw SQL). ``closed_before`` is the earlier of the row's closing time before and
    after the change (rows open before and after are not recorded: they never enter the cached part). The
    committed sum of ``weight`` of a table's rows with ``closed_before`` before a day only grows — rows are
    merged within a month, never dropped — so it versions the figures of the cases closed before that day
    (``casework.statistics.versions``)."""

    table_name = models.CharField(max_length=63)
    closed_before = models.DateTimeField()
    weight = models.PositiveBigIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(
                fields=["table_name", "closed_before"], include=["weight", "id"], name="statistics_change_idx"
            )
        ]
        verbose_name = _("统计数据变更")
        verbose_name_plural = _("统计数据变更")

    def __str__(self):
        return f"{self.table_name} {self.closed_before} +{self.weight}"
