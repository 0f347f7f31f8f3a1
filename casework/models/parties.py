"""Parties to cases: employers (用人单位) and natural persons (workers, complainants, applicants…).

One ID number is one person and one credit code is one employer; both may be unknown when a party is
first registered (a complaint names an employer whose code must still be looked up), and unknown is
stored as NULL so that it never collides.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework import masking, validators
from casework.models.fields import CreditCodeField, IdNumberField, MobileField, PhoneField, actor_field


class Industry(models.TextChoices):
    """Sections of GB/T 4754 (国民经济行业分类) the bureau distinguishes.

    Construction matters on its own: the wage rules of MWWR Arts 26–34 (dedicated wage account,
    real-name registration, main contractor's responsibility) apply to construction projects.
    """

    CONSTRUCTION = "construction", _("建筑业")
    MANUFACTURING = "manufacturing", _("制造业")
    ACCOMMODATION_CATERING = "accommodation_catering", _("住宿和餐饮业")
    WHOLESALE_RETAIL = "wholesale_retail", _("批发和零售业")
    TRANSPORT = "transport", _("交通运输业")
    RESIDENT_SERVICES = "resident_services", _("居民服务业")
    MINING = "mining", _("采矿业")
    AGRICULTURE = "agriculture", _("农林牧渔业")
    OTHER = "other", _("其他")


class Employer(models.Model):
    """用人单位. ``jurisdiction`` is the county-level unit it belongs to (LIR Art 13: where the work is done)."""

    name = models.CharField(_("单位名称"), max_length=200)
    credit_code = CreditCodeField(
        _("统一社会信用代码"),
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("该统一社会信用代码已存在，请直接选用已登记的单位")},
        help_text=_("18位，可在国家企业信用信息公示系统查询；暂不清楚可留空，核实后补录"),
    )
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=50, blank=True)
    address = models.CharField(_("住所/经营场所"), max_length=200, blank=True)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("管辖区域"),
        on_delete=models.PROTECT,
        related_name="employers",
    )
    industry = models.CharField(_("行业"), max_length=30, choices=Industry.choices, default=Industry.OTHER)
    phone = PhoneField(_("联系电话"), blank=True)
    created_by = actor_field(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # Organisation data is public (企业信用信息公示); nothing to mask.
    PERSONAL_DATA_FIELDS: tuple[str, ...] = ()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")
        indexes = [
            models.Index(fields=["name"], name="employer_name_idx"),
            models.Index(fields=["phone"], name="employer_phone_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_construction(self) -> bool:
        return self.industry == Industry.CONSTRUCTION


class Person(models.Model):
    """A natural person who is a party: worker, complainant, applicant, or an individual respondent.

    ``jurisdiction`` is where the person was registered; staff see the persons registered in their
    jurisdictions (and, once case apps register it, the parties to cases they can see —
    casework.selectors.parties). ID number, phone and address are personal data: shown masked, and
    every view of the full value is logged (casework.services.personal_data).
    """

    name = models.CharField(_("姓名"), max_length=50)
    id_number = IdNumberField(
        _("身份证号码"),
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("该身份证号码已存在，请直接选用已登记的当事人")},
    )
    phone = MobileField(_("手机号码"), blank=True)
    hometown = models.CharField(
        _("户籍地"), max_length=100, blank=True, help_text=_("如：湖南省湘西州永顺县")
    )
    address = models.CharField(_("现住址"), max_length=200, blank=True)
    is_migrant_worker = models.BooleanField(_("农民工"), default=False)
    milestone_sms_opt_out = models.BooleanField(
        _("不接收办理进度短信"), default=False, help_text=_("本人在绿色通道进度页退订")
    )
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("登记地"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons",
    )
    created_by = actor_field(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    PERSONAL_DATA_FIELDS: tuple[str, ...] = ("id_number", "phone", "address")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        indexes = [
            models.Index(fields=["name"], name="person_name_idx"),
            models.Index(fields=["phone"], name="person_phone_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def id_number_masked(self) -> str:
        return masking.mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return masking.mask_phone(self.phone)

    @property
    def address_masked(self) -> str:
        return masking.mask_address(self.address)

    @property
    def birth_date(self):
        return validators.birth_date_from_id(self.id_number) if self.id_number else None

    @property
    def gender(self) -> str | None:
        return validators.gender_from_id(self.id_number) if self.id_number else None
