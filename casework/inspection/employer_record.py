"""The complaint type's section of the employer's whole record (``casework.kernel.employer_record``): the
administrative penalty decisions (行政处罚决定) against the employer with their fines, within the viewer's
jurisdiction, in two queries whatever their number."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.kernel.employer_record import Cell, RecordSection, SectionData, register_record_section, yuan

SHOWN = 20


def read_penalties(user, employer) -> SectionData:
    from casework.inspection.selectors import complaints_visible_to

    decided = complaints_visible_to(user).filter(employer=employer, decision_kind="penalty")
    total = decided.aggregate(total=Sum("fine_amount"), n=Count("pk"))
    rows = list(decided.select_related("penalty_procedure").order_by("-pk")[:SHOWN])
    return SectionData(
        figures=[
            (_("行政处罚决定"), str(total["n"] or 0)),
            (_("罚款合计（元）"), yuan(total["total"])),
        ],
        headers=[_("案件编号"), _("罚款金额（元）"), _("决定日期"), _("状态")],
        rows=[
            [
                Cell(c.number, reverse("complaint-detail", kwargs={"pk": c.pk})),
                str(c.fine_amount),
                _decided_on(c),
                c.get_state_display(),
            ]
            for c in rows
        ],
    )


def _decided_on(case) -> str:
    procedure = getattr(case, "penalty_procedure", None)
    return procedure.decided_on.isoformat() if procedure and procedure.decided_on else "—"


def register() -> None:
    register_record_section(RecordSection("penalties", gettext_lazy("行政处罚"), read_penalties, order=30))
