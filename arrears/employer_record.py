"""The arrears app's sections of the employer's whole record (``casework.kernel.employer_record``):
construction projects, arrears outstanding, the credit blacklist and monitoring warnings — each read within the
viewer's jurisdiction in a fixed number of queries; workers' names masked."""

from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.kernel.employer_record import Cell, RecordSection, SectionData, register_record_section, yuan
from casework.masking import mask_name

SHOWN = 20


def _projects(user, employer):
    from arrears.selectors.risk import projects_visible_to

    return projects_visible_to(user).filter(
        Q(developer=employer) | Q(main_contractor=employer) | Q(subcontractor=employer)
    )


def read_projects(user, employer) -> SectionData:
    rows = list(_projects(user, employer).select_related("jurisdiction").order_by("-pk")[: SHOWN + 1])
    roles = {
        "developer_id": _("建设单位"),
        "main_contractor_id": _("施工总承包"),
        "subcontractor_id": _("分包"),
    }
    return SectionData(
        headers=[_("项目名称"), _("本单位角色"), _("管辖区域"), _("工资保证金余额（元）")],
        rows=[
            [
                Cell(p.name, reverse("arrears:project-detail", kwargs={"pk": p.pk})),
                "、".join(str(label) for attr, label in roles.items() if getattr(p, attr) == employer.pk),
                p.jurisdiction.name,
                str(p.wage_deposit_amount),
            ]
            for p in rows[:SHOWN]
        ],
        more=max(0, len(rows) - SHOWN),
    )


def read_outstanding(user, employer) -> SectionData:
    """Arrears outstanding: the ledger's amounts owed less recovered, over the visible cases against it."""
    from arrears.models import ArrearsWorker
    from arrears.selectors.cases import arrears_visible_to

    totals = ArrearsWorker.objects.filter(
        case__in=arrears_visible_to(user).filter(employer=employer).values("pk")
    ).aggregate(owed=Sum("amount_owed"), unpaid=Sum(F("amount_owed") - F("recovered")))
    return SectionData(
        figures=[
            (_("欠薪总额（元）"), yuan(totals["owed"])),
            (_("尚未支付（元）"), yuan(totals["unpaid"])),
        ]
    )


def read_blacklist(user, employer) -> SectionData:
    from arrears.models import BlacklistState
    from arrears.selectors.blacklist import blacklist_visible_to

    entries = list(blacklist_visible_to(user).filter(employer=employer).order_by("-pk")[:SHOWN])
    listed = any(e.state in (BlacklistState.LISTED, BlacklistState.REMOVAL_APPLIED) for e in entries)
    return SectionData(
        figures=[(_("失信名单"), _("已列入") if listed else _("未列入"))],
        headers=[_("编号"), _("状态"), _("列入至")],
        rows=[
            [
                Cell(e.number, reverse("arrears:blacklist-detail", kwargs={"pk": e.pk})),
                e.get_state_display(),
                e.listed_until.isoformat() if e.listed_until else "—",
            ]
            for e in entries
        ],
    )


def read_warnings(user, employer) -> SectionData:
    from arrears.models import WarningState
    from arrears.monitoring.selectors import warnings_visible_to

    warnings = warnings_visible_to(user).filter(project__in=_projects(user, employer).values("pk"))
    shown = list(
        warnings.select_related("project", "rule", "worker__person").order_by("-month", "-pk")[: SHOWN + 1]
    )
    return SectionData(
        figures=[(_("待处置预警"), str(warnings.filter(state=WarningState.OPEN).count()))],
        headers=[_("月份"), _("项目"), _("规则"), _("级别"), _("工人"), _("状态")],
        rows=[
            [
                w.month.strftime("%Y-%m"),
                w.project.name,
                w.rule.name,
                w.get_level_display(),
                mask_name(w.worker.person.name) if w.worker_id else "—",
                w.get_state_display(),
            ]
            for w in shown[:SHOWN]
        ],
        more=max(0, len(shown) - SHOWN),
    )


def register() -> None:
    register_record_section(RecordSection("projects", gettext_lazy("工程建设项目"), read_projects, order=10))
    register_record_section(
        RecordSection("arrears_outstanding", gettext_lazy("欠薪情况"), read_outstanding, order=20)
    )
    register_record_section(RecordSection("blacklist", gettext_lazy("失信名单"), read_blacklist, order=40))
    register_record_section(RecordSection("warnings", gettext_lazy("工资支付预警"), read_warnings, order=50))
