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
