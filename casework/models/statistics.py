from datetime import date

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


class SettlementRollup(models.Model):
    """The settlement statistics' monthly roll-up: per series (case type), jurisdiction, month accepted and
    month closed (``OPEN_MONTH`` while open), the number of cases and the measures summed over them
    (successes, finalities, amount recovered, workers helped). Kept current by delta: every save or delete of
    a case row through the model (the kernel's ``case_transition``/``case_action`` save the locked case, as
    do ``register_case``, the admin and test factories) moves its own counts from its old key to its new one
    in the same transaction, by in-database increments (``casework.statistics.rollup``). The months are local
    (Asia/Shanghai) months; a case never accepted is not counted."""

    OPEN_MONTH = date(9999, 12, 1)  # the closed month of the open cases (a NULL would not be unique)

    series = models.CharField(max_length=32)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    accepted_month = models.DateField()
    closed_month = models.DateField()
    n = models.BigIntegerField(default=0)
    succeeded = models.BigIntegerField(default=0)
    final = models.BigIntegerField(default=0)
    recovered = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    workers = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "accepted_month", "closed_month", "jurisdiction"],
                name="settlement_rollup_key",
            )
        ]
        verbose_name = _("结案统计月度汇总")
        verbose_name_plural = _("结案统计月度汇总")

    def __str__(self):
        return f"{self.series} {self.jurisdiction_id} {self.accepted_month:%Y-%m}→{self.closed_month:%Y-%m}"


class SettlementRollupState(models.Model):
    """Whether a series' roll-up may be read: built from scratch (``manage.py rebuild_statistics_rollup``,
    after ``migrate`` and after a bulk load), and not ``stale`` — on PostgreSQL a row trigger on the case
    table marks it stale when anything but the model's save (a bulk ``.update()``, raw SQL) changes a column
    the roll-up counts; until rebuilt, the figures are counted from the case rows as before."""

    series = models.CharField(max_length=32, primary_key=True)
    table_name = models.CharField(max_length=63)
    stale = models.BooleanField(default=False)
    built_at = models.DateTimeField()

    class Meta:
        verbose_name = _("结案统计汇总状态")
        verbose_name_plural = _("结案统计汇总状态")

    def __str__(self):
        return f"{self.series} {'stale' if self.stale else 'ready'}"


class SettlementProjection(models.Model):
    """The latest year-end projection of one series for one scope (``casework.statistics.projection_store``):
    computed off the page's request path (Celery, every few minutes and after changes to open cases), read by
    the dashboard with the time it was computed. ``value`` is the pickled (total, per-jurisdiction)
    projections; only this code writes it. A row without a value (nor ``as_of``, ``computed_at``) is a
    placeholder: a scope first opened and not computed yet."""

    key = models.CharField(max_length=64, unique=True)
    series = models.CharField(max_length=32)
    rate = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    scope_ids = models.JSONField(null=True)  # the jurisdictions counted (None: the whole prefecture)
    row_ids = models.JSONField()  # the jurisdictions of the ranking
    as_of = models.DateField(null=True)
    computed_at = models.DateTimeField(null=True)
    last_viewed = models.DateField()  # scopes nobody looked at for a while are not recomputed
    value = models.BinaryField(null=True)

    class Meta:
        verbose_name = _("预计年末结案率")
        verbose_name_plural = _("预计年末结案率")

    def __str__(self):
        if self.computed_at is None:
            return f"{self.series} {self.year} pending"
        return f"{self.series} {self.year} {self.as_of} {self.computed_at:%H:%M}"
