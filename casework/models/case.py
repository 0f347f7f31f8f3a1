"""What every case type shares: number, jurisdiction, assignment, deadlines, the transition log.

A concrete case model subclasses ``Case``, declares ``state = state_field(...)`` with its transitions, and sets
``CASE_TYPE`` (short code used for numbering) and ``NUMBER_FORMAT``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField

from casework.models.fields import actor_field
from casework.statistics import rollup


def state_field(states, default, *, max_length: int = 30) -> FSMField:
    """A case type's ``state``: one of ``states`` (its TextChoices), ``default`` when registered, moved only
    by its django-fsm transitions (``protected``) and indexed for the lists and statistics."""
    return FSMField(
        _("状态"),
        max_length=max_length,
        choices=states.choices,
        default=default,
        protected=True,
        db_index=True,
    )


def open_first(open_states) -> models.Case:
    """0 for a case in one of ``open_states``, 1 otherwise: the first key of every staff list's urgency order.

    The states are sorted so that the SQL is the same text in every process (a frozenset's order is not):
    PostgreSQL uses the list indexes (``urgency_indexes``) only for the identical expression.
    """
    return models.Case(
        models.When(state__in=sorted(open_states), then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


def _urgency_keys(open_states, collective: bool, *, nulls_last: bool) -> list:
    due = models.F("next_due").asc(nulls_last=True) if nulls_last else models.F("next_due").asc()
    return [
        open_first(open_states),
        *([models.F("collective").desc()] if collective else []),
        models.F("green_channel").desc(),
        due,
        models.F("id").desc(),
    ]


def urgency_order(open_states, *, collective: bool = False, searched: bool = False) -> list:
    """A staff list's order: open cases first; [collective cases;] the green channel; the nearest deadline
    (no deadline last); the newest. Served by ``urgency_indexes`` — keep the two in step.

    ``searched``: the same order, written so that it does not match the indexes. A search finds few cases;
    PostgreSQL should collect them from the search indexes and sort them. Given the indexed order, it tends
    to walk the whole list in that order testing every case against the search (it cannot tell how few a
    substring will match, and expects the first page soon) — every visible case read for a handful found.
    """
    keys = _urgency_keys(open_states, collective, nulls_last=True)
    if searched:
        keys[0] = models.ExpressionWrapper(keys[0] + models.Value(0), output_field=models.IntegerField())
    return keys


def urgency_indexes(prefix: str, open_states, *, collective: bool = False) -> list[models.Index]:
    """``urgency_order`` as two indexes: within a jurisdiction (county staff) and across all of them
    (prefecture-wide users), so that a list page is read in index order instead of sorting every visible case.

    ``next_due`` ASC is NULLS LAST in PostgreSQL, as the order asks (SQLite rejects the clause in an index).
    """
    keys = _urgency_keys(open_states, collective, nulls_last=False)
    return [
        models.Index(models.F("jurisdiction"), *keys, name=f"{prefix}_juris_urgency_idx"),
        models.Index(*keys, name=f"{prefix}_urgency_idx"),
    ]


class Case(ConcurrentTransitionMixin, models.Model):
    CASE_TYPE: str = ""  # e.g. "complaint"; one number sequence per type, jurisdiction and year
    TYPE_LABEL: str = ""  # e.g. "劳动保障监察投诉案件"
    # Placeholders: short (jurisdiction short name), year, seq.
    NUMBER_FORMAT: str = "{short}〔{year}〕{seq:04d}号"
    # Open states (everything else is closed/archived/refused): used by statistics and the sweeper.
    OPEN_STATES: frozenset = frozenset()
    # The staff list of this type (URL name; ``overdue``/``mine`` filters where it has them): alert summaries link there.
    LIST_URL_NAME: str = ""
    object_permissions_enabled = True

    number = models.CharField(_("案件编号"), max_length=60, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    sequence = models.PositiveIntegerField(_("序号"), editable=False)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("管辖区域"), on_delete=models.PROTECT, related_name="+"
    )
    green_channel = models.BooleanField(_("绿色通道"), default=False, db_index=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人员"), blank=True, related_name="+"
    )
    next_due = models.DateField(_("最近到期日"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True, db_index=True)
    audit_head = models.CharField(_("日志链头"), max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "sequence"], name="%(app_label)s_%(class)s_unique_sequence"
            )
        ]

    def __str__(self):
        return self.number or f"{self.TYPE_LABEL} (未编号)"

    def save(self, **kwargs):
        """Save, moving the case's counts in the statistics' monthly roll-up from its old key to its new one in
        the same transaction (``casework.statistics.rollup``): every change through the kernel
        (``case_transition`` and ``case_action`` save the locked case here) keeps the roll-up current."""
        if not rollup.counted(type(self)):
            return super().save(**kwargs)
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            rollup.before_save(self, kwargs.get("update_fields"))
            super().save(**kwargs)
        rollup.after_save(self)

    def get_absolute_url(self) -> str:
        """The case's staff page, from its case type's registration (alerts, the bell, statistics link here)."""
        from casework.kernel.registry import case_type_for

        registered = case_type_for(type(self))
        return registered.detail_url(self.pk) if registered is not None else ""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        rollup.remember(instance)  # what it counts in the statistics' roll-up now
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        rollup.refreshed(self, fields)

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @classmethod
    def staff_list_url(cls, *, overdue: bool = False, mine: bool = False) -> str:
        """The staff list of this case type, filtered to overdue cases and/or the user's own ("" if none)."""
        if not cls.LIST_URL_NAME:
            return ""
        from django.urls import reverse
        from django.utils.http import urlencode

        query = urlencode({k: "1" for k, on in (("overdue", overdue), ("mine", mine)) if on})
        return reverse(cls.LIST_URL_NAME) + (f"?{query}" if query else "")

    @classmethod
    def state_label(cls, value: str) -> str:
        field = cls._meta.get_field("state")
        return dict(field.choices).get(value, value)


class AuditedRecord(models.Model):
    """A record that is not a case but whose changes are chained in the transition log like a case's (a
    construction project): ``casework.services.audit.append_record_entry`` appends, ``verify_audit_chain`` and
    the daily digest cover it (``casework.case_types.chained_models``). The log names it ``audit_number``."""

    AUDIT_LABEL: str = ""  # e.g. "工程项目": the log's "number" is "工程项目#12"

    audit_head = models.CharField(_("日志链头"), max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def audit_number(self) -> str:
        return f"{self.AUDIT_LABEL or self._meta.verbose_name}#{self.pk}"


class CaseNumberSequence(models.Model):
    """Last issued sequence per case type, jurisdiction and year (see services/case_numbers.py)."""

    case_type = models.CharField(max_length=30)
    jurisdiction = models.ForeignKey("casework.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case_type", "jurisdiction", "year"], name="unique_case_sequence")
        ]
        verbose_name = _("案件编号序列")
        verbose_name_plural = _("案件编号序列")

    def __str__(self):
        return f"{self.case_type} {self.jurisdiction_id} {self.year}: {self.last_value}"


class TransitionLog(models.Model):
    """Append-only, hash-chained log of everything that happened to a case.

    ``entry_hash`` = SHA-256 over the entry's content and the previous entry's hash of the same case; the
    case row keeps the head hash, so an edited, deleted or inserted entry breaks the chain
    (``manage.py verify_audit_chain``). ``entry_hmac`` seals ``entry_hash`` with a key kept outside the
    database (``AUDIT_HMAC_KEY``): whoever rewrites an entry and recomputes the hashes cannot seal it again.
    Empty only on rows written before the seal existed, until ``verify_audit_chain --seal`` fills them once.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    transition = models.CharField(_("操作"), max_length=50)
    transition_label = models.CharField(_("操作名称"), max_length=50, blank=True)
    from_state = models.CharField(_("原状态"), max_length=40, blank=True)
    to_state = models.CharField(_("新状态"), max_length=40)
    actor = actor_field(_("操作人"), on_delete=models.PROTECT)
    actor_name = models.CharField(_("操作人姓名"), max_length=50, blank=True)
    at = models.DateTimeField(_("时间"))
    reason = models.TextField(_("理由/说明"), blank=True)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    public = models.BooleanField(_("公开进度"), default=False, help_text=_("是否在绿色通道进度查询中显示"))
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64)
    entry_hmac = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id", "id"], name="translog_case_idx")]
        verbose_name = _("案件流转记录")
        verbose_name_plural = _("案件流转记录")

    def __str__(self):
        return f"{self.case_number} {self.transition_label or self.transition}"


class Deadline(models.Model):
    """A statutory deadline running on a case, with its due date stored (and indexed) for the sweeper."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        PAUSED = "paused", _("已中止计算")
        MET = "met", _("已完成")
        CANCELLED = "cancelled", _("已撤销")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    jurisdiction = models.ForeignKey("casework.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    green_channel = models.BooleanField(_("绿色通道"), default=False)
    rule = models.CharField(_("期限规则"), max_length=50)
    title = models.CharField(_("期限名称"), max_length=80)
    article = models.CharField(_("法律依据"), max_length=120, blank=True)
    started_on = models.DateField(_("起算日"))
    due_on = models.DateField(_("到期日"))
    provisional = models.BooleanField(_("暂定"), default=False, help_text=_("涉及尚未公布放假安排的年份"))
    period = models.PositiveIntegerField(
        _("文书确定的期限"), null=True, blank=True, help_text=_("期限由文书确定的规则（如责令支付）")
    )
    extensions = models.PositiveSmallIntegerField(_("已批准延长次数"), default=0)
    extension_days = models.PositiveSmallIntegerField(
        _("批准延长天数"),
        null=True,
        blank=True,
        help_text=_("批准的延长少于规则上限时填写（如仲裁庭延长1至15日）"),
    )
    paused_on = models.DateField(_("中止计算日"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("不计入期限的天数"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    met_on = models.DateField(_("完成日"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="deadline_status_due_idx"),
            models.Index(fields=["content_type", "object_id", "status"], name="deadline_case_idx"),
            # Settlement statistics (casework.statistics.queries): deadlines still running on a past day
            # (met on or after it; index-only), and the cases whose deadline was met late.
            models.Index(
                fields=["content_type", "rule", "met_on"],
                include=["due_on", "object_id"],
                condition=models.Q(status="met"),
                name="deadline_met_rule_idx",
            ),
            models.Index(
                fields=["content_type", "rule", "object_id", "met_on"],
                condition=models.Q(status="met", met_on__gt=models.F("due_on")),
                name="deadline_met_late_idx",
            ),
            # Settlement statistics' overdue figure: a series' running deadlines due before a day.
            models.Index(
                fields=["content_type", "rule", "due_on"],
                include=["object_id"],
                condition=models.Q(status="open"),
                name="deadline_open_rule_due_idx",
            ),
        ]
        constraints = [
            # One running deadline of a rule per case at a time.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "rule"],
                condition=models.Q(status__in=["open", "paused"]),
                name="one_running_deadline_per_rule",
            )
        ]
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")

    def __str__(self):
        return f"{self.case_number} {self.title} {self.due_on}"
