"""Wage clues (线索): what reaches the bureau through any channel, triaged, answered by the channel's deadline.

Lifecycle: registered → triaged — opened as a case (complaint or arrears case, through the case type's
registered opener), attached to an existing case, transferred (to another county or authority) or not accepted
— → replied (a handling conclusion, 核处结论, from the configured outcome types) → closed. A duplicate clue
may be merged into another before either is closed (→ merged) and unmerged again (back to registered).
statutes.md §10; the reply deadlines per channel: ``casework.deadlines.clue_periods``.
"""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

from casework import masking
from casework.models.case import Case, state_field, urgency_indexes
from casework.models.merging import MergeableCase
from casework.permissions import has_role
from casework.roles import Role

STAFF = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)
INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)


class Channel(models.TextChoices):
    NATIONAL_PLATFORM = "national_platform", _("全国根治欠薪线索反映平台")
    LINKAGE_CENTRE = "linkage_centre", _("两网化投诉联动中心")
    HOTLINE_12345 = "hotline_12345", _("12345热线")
    HOTLINE_12333 = "hotline_12333", _("12333热线")
    PETITION = "petition", _("信访")
    WALK_IN = "walk_in", _("来访")
    TRANSFER = "transfer", _("外单位转办")
    GREEN_CHANNEL = "green_channel", _("绿色通道")


class ClueState(models.TextChoices):
    REGISTERED = "registered", _("待分办")
    OPENED = "opened", _("已立案办理")
    ATTACHED = "attached", _("已并入案件")
    TRANSFERRED = "transferred", _("已转办")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    MERGED = "merged", _("已合并")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


S = ClueState
TRIAGED = [S.OPENED, S.ATTACHED, S.TRANSFERRED, S.NOT_ACCEPTED]
OPEN_CLUE_STATES = frozenset({S.REGISTERED, *TRIAGED, S.MERGED})


class ReplyOutcome(models.Model):
    """A handling conclusion (核处结论) a reply may give, with its reply template (configurable; statutes.md §10:
    Tianjin's 2022 rules fix ten types, the model for this list — seeded by migration).

    The template is filled from the clue: ``{编号}`` ``{渠道}`` ``{外部编号}`` ``{收到日期}`` ``{单位}``
    ``{案件编号}`` ``{转办对象}`` ``{理由}`` ``{答复日期}``."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    label = models.CharField(_("核处结论"), max_length=30)
    template = models.TextField(_("答复模板"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("核处结论类型")
        verbose_name_plural = _("核处结论类型")

    def __str__(self):
        return self.label


class Clue(Case, MergeableCase):  # merged duplicates: casework.clues.merging
    CASE_TYPE = "clue"
    TYPE_LABEL = _("欠薪线索")
    LIST_URL_NAME = "clue-list"
    NUMBER_FORMAT = "{short}线索〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_CLUE_STATES

    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    external_ref = models.CharField(_("渠道编号"), max_length=64, blank=True)
    received_on = models.DateField(_("收到日期"))
    reporter_name = models.CharField(_("反映人"), max_length=50, blank=True)
    reporter_id_number = models.CharField(_("反映人身份证号码"), max_length=18, blank=True)
    reporter_phone = models.CharField(_("反映人联系电话"), max_length=20, blank=True)
    employer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("被反映单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clues",
    )
    employer_name = models.CharField(_("被反映单位名称"), max_length=200, blank=True)
    employer_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    project_name = models.CharField(_("工程项目"), max_length=200, blank=True)
    workplace = models.CharField(_("工作地点"), max_length=200, blank=True)
    facts = models.TextField(_("反映内容"))
    amount = models.DecimalField(
        _("反映欠薪金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    workers = models.PositiveIntegerField(_("涉及人数"), default=1)
    period_from = models.DateField(_("欠薪期间自"), null=True, blank=True)
    period_to = models.DateField(_("欠薪期间至"), null=True, blank=True)

    state = state_field(ClueState, ClueState.REGISTERED)
    # triage: the case it was opened as or attached to (any registered type), or where it went
    linked_type = models.ForeignKey(
        ContentType,
        verbose_name=_("办理案件类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    linked_id = models.PositiveBigIntegerField(_("办理案件"), null=True, blank=True)
    linked_number = models.CharField(_("办理案件编号"), max_length=60, blank=True)
    transfer_target = models.CharField(_("转办对象"), max_length=100, blank=True)
    triage_reason = models.TextField(_("分办理由"), blank=True)
    triaged_on = models.DateField(_("分办日期"), null=True, blank=True)
    # the reply
    outcome = models.ForeignKey(
        ReplyOutcome,
        verbose_name=_("核处结论"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_text = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    replied_on_time = models.BooleanField(_("按期答复"), null=True, blank=True)

    class Meta(Case.Meta):
        verbose_name = _("欠薪线索")
        verbose_name_plural = _("欠薪线索")
        constraints = [
            *Case.Meta.constraints,
            # One clue per channel reference: a re-import finds it instead of registering it again.
            models.UniqueConstraint(
                fields=["channel", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="clue_unique_channel_ref",
            ),
        ]
        indexes = [
            models.Index(fields=["jurisdiction", "state"], name="clue_juris_state_idx"),
            models.Index(fields=["channel", "received_on"], name="clue_channel_received_idx"),
            models.Index(fields=["employer", "state"], name="clue_employer_state_idx"),
            models.Index(fields=["linked_type", "linked_id"], name="clue_linked_case_idx"),
            *urgency_indexes("clue", OPEN_CLUE_STATES),
        ]

    # --- what is shown masked -------------------------------------------------------------------
    @property
    def reporter_id_masked(self) -> str:
        return masking.mask_id_number(self.reporter_id_number)

    @property
    def reporter_phone_masked(self) -> str:
        return masking.mask_phone(self.reporter_phone)

    @property
    def employer_label(self) -> str:
        return self.employer.name if self.employer_id else self.employer_name

    # --- transitions (state only; see casework.clues.services) ------------------------------------
    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.OPENED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("立案办理"), "form": "open", "style": "primary"},
    )
    def open_case(self):
        pass

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.ATTACHED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("并入已有案件"), "form": "attach"},
    )
    def attach(self):
        pass

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.TRANSFERRED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("转办"), "form": "transfer"},
    )
    def transfer(self):
        pass

    @transition(
        field=state,
        source=S.REGISTERED,
        target=S.NOT_ACCEPTED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("不予受理"), "form": "reason", "style": "danger"},
    )
    def refuse(self):
        pass

    @transition(
        field=state,
        source=TRIAGED,
        target=S.REPLIED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("答复核处结论"), "form": "reply", "style": "primary"},
    )
    def reply(self):
        pass

    @transition(
        field=state,
        source=S.REPLIED,
        target=S.CLOSED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("办结")},
    )
    def close(self):
        pass

    @transition(
        field=state,
        source=[S.REGISTERED, *TRIAGED],
        target=S.MERGED,
        permission=has_role(*INSPECTORS),
        custom={"label": _("合并到另一线索"), "form": "merge"},
    )
    def merge(self):
        pass

    @transition(
        field=state,
        source=S.MERGED,
        target=RETURN_VALUE(S.REGISTERED, *TRIAGED),
        permission=has_role(*INSPECTORS),
        custom={"label": _("撤销合并"), "form": "reason"},
    )
    def unmerge(self):
        return self.state_before_merge or S.REGISTERED
