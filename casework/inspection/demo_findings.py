"""Demo and benchmark data: a site inspection and the findings drawn from it, as an inspector records them
before a prior notice or a decision (the documents state the findings, not the complaint)."""

from django.utils import timezone

from casework.inspection import services as svc
from casework.inspection.procedure_models import InvestigationRecord, LegalBasis

BASES = {"wage_arrears": ("ldl-50", "lir-26"), "excess_overtime": ("ldl-41", "lir-25")}


def record_findings(case, actor, inspectors, text: str, *, violation: str = "wage_arrears"):
    svc.complaint_record_investigation(
        actor=actor,
        complaint_id=case.pk,
        kind="site",
        started_at=timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0),
        place=case.workplace,
        subject=str(case.employer),
        content="现场查阅考勤记录和工资支付台账，询问在场劳动者，情况与认定事实一致",
        inspectors=list(inspectors),
        signed_by="被检查单位负责人签名确认",
    )
    record = InvestigationRecord.objects.filter(complaint=case).latest("id")
    return svc.complaint_record_findings(
        actor=actor,
        complaint_id=case.pk,
        text=text,
        records=[record],
        bases=list(LegalBasis.objects.filter(code__in=BASES[violation])),
    )
