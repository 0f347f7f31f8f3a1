"""What staff do with a warning and with a project's money: close a warning with a reason, open an arrears case
from it with the unpaid workers and amounts as its worker lines, record labour-cost transfers and deposit
movements, and draw the deposit to pay a case's workers (MWWR Art 32) — a logged action of the arrears case.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from arrears.importing import WorkerRow
from arrears.models import (
    ArrearsCase,
    ArrearsWorker,
    ConstructionProject,
    DepositMovement,
    DepositMovementKind,
    LabourCostTransfer,
    LineSource,
    PayerKind,
    Payment,
    ProjectChange,
    WageWarning,
    WarningState,
)
from arrears.models.cases import INSPECTORS
from arrears.money import ZERO, yuan
from arrears.services.cases import arrears_case_open
from arrears.services.common import check_may_register
from arrears.services.ledger import add_lines, ledger_action, refresh_line, refresh_totals
from casework.inputs import PAST, parse_date, parse_id, parse_ids, parse_yuan, require_text
from casework.kernel.writes import is_read_only
from casework.services.audit import append_record_entry
from casework.services.transitions import PreconditionFailed, TransitionForbidden

# Rules whose warnings name a worker and an amount owed: they become the case's worker lines.
OWED_RULES = ("unpaid_workers", "below_minimum")


def check_may_handle(actor, project: ConstructionProject) -> None:
    """Inspectors and inspection heads of the project's jurisdiction handle its warnings (403 otherwise)."""
    if actor is None:
        return
    if is_read_only(actor) or not actor.has_role(*INSPECTORS):
        raise TransitionForbidden("只有监察员或监察机构负责人可以处置工资支付预警")
    if not (actor.sees_all_jurisdictions or project.jurisdiction_id in actor.jurisdiction_ids):
        raise TransitionForbidden("不能处置其他管辖区域的预警")


def _open_warning(actor, warning_id) -> WageWarning:
    warning = (
        WageWarning.objects.select_for_update(of=("self",))
        .select_related("project", "rule", "worker__person")
        .filter(pk=parse_id(warning_id, "warning"))
        .first()
    )
    if warning is None:
        raise ValidationError({"warning": ["预警不存在"]})
    check_may_handle(actor, warning.project)
    if warning.state != WarningState.OPEN:
        raise PreconditionFailed(f"该预警{warning.get_state_display()}，不能再处置")
    return warning


@transaction.atomic
def warning_close(*, actor, warning_id, reason: str) -> WageWarning:
    """Close a warning after checking it (paid late, worker absent, data corrected...), with the reason."""
    reason = require_text(reason, "reason", "请填写关闭理由")
    warning = _open_warning(actor, warning_id)
    warning.state, warning.close_reason = WarningState.CLOSED, reason[:300]
    warning.closed_at, warning.closed_by = timezone.now(), actor
    warning.save(update_fields=["state", "close_reason", "closed_at", "closed_by"])
    return warning


def _employer_of(project: ConstructionProject, warnings) -> int:
    """The workers' own employer when it is one of the project's parties, else the subcontractor or main
    contractor (MWWR Art 30: the main contractor answers for a subcontractor's arrears)."""
    for w in warnings:
        if w.worker_id and w.worker.employer_id in project.contractor_ids:
            return w.worker.employer
    return project.subcontractor or project.main_contractor


def _owed(warning: WageWarning) -> list[WageWarning]:
    """The open worker warnings with an amount of the same project and month (this one among them)."""
    return list(
        WageWarning.objects.select_for_update(of=("self",))
        .filter(
            project_id=warning.project_id,
            month=warning.month,
            state=WarningState.OPEN,
            rule__code__in=OWED_RULES,
            worker__isnull=False,
            amount__gt=0,
        )
        .select_related("worker__person", "worker__employer")
        .order_by("worker__person__name", "id")
    )


def _facts(warning: WageWarning, owed: list[WageWarning]) -> str:
    total = sum((w.amount for w in owed), ZERO)
    lines = [
        f"工资支付监控预警：{warning.project.name}{warning.month:%Y年%m月}{warning.rule.name}（{warning.rule.article}）。",
        f"{warning.details}" if warning.details else "",
        f"未足额支付工人{len(owed)}名，估算欠付{yuan(total)}元。" if owed else "",
    ]
    return "\n".join(line for line in lines if line)


def warning_open_case(*, actor, warning_id) -> ArrearsCase:
    """Open an arrears case for the warning's project: every open unpaid/underpaid worker warning of that project
    and month becomes a worker line (one month, the estimated amount), and those warnings point at the case."""
    with transaction.atomic():
        warning = _open_warning(actor, warning_id)
        project = ConstructionProject.objects.select_related("jurisdiction").get(pk=warning.project_id)
        owed = _owed(warning)
        employer = _employer_of(project, owed)
        if employer is None:
            raise ValidationError({"warning": ["该项目未登记施工总承包单位或分包单位，无法立案"]})
        case = arrears_case_open(
            actor=actor,
            jurisdiction=project.jurisdiction,
            employer=employer,
            project=project,
            facts=_facts(warning, owed),
        )
        if owed:
            rows = [
                WorkerRow(
                    0, w.worker.person.name, w.worker.person.id_number, w.worker.person.phone, 1, w.amount
                )
                for w in owed
            ]
            with ledger_action(case.pk, "import_workers", actor=actor) as step:
                add_lines(actor, step.case, rows, LineSource.WARNING)
                refresh_totals(step.case)
                step.details.update({"warnings": [w.pk for w in owed], "workers": len(rows)})
            case = step.case
        ids = {w.pk for w in owed} | {warning.pk}
        WageWarning.objects.filter(pk__in=ids).update(
            state=WarningState.CASE,
            case=case,
            closed_at=timezone.now(),
            closed_by=actor,
            close_reason=f"已立欠薪案件{case.number}",
        )
    return case


# --- money of the project --------------------------------------------------------------------------------
@transaction.atomic
def transfer_record(
    *, actor, project_id, month, amount, transferred_on, reference: str = ""
) -> LabourCostTransfer:
    """The developer's labour-cost transfer into the wage account for a month (Art 24); re-evaluates that month."""
    from arrears.monitoring.evaluate import evaluate_month

    project = ConstructionProject.objects.select_for_update().get(pk=parse_id(project_id, "project"))
    check_may_register(actor, project.jurisdiction, "登记人工费用拨付")
    month = parse_date(month, "month", window=PAST, required=True).replace(day=1)
    transfer = LabourCostTransfer(
        project=project,
        month=month,
        amount=parse_yuan(amount, "amount", required=True),
        transferred_on=parse_date(transferred_on, "transferred_on", window=PAST, required=True),
        reference=(reference or "").strip()[:60],
        recorded_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    append_record_entry(
        project, name=ProjectChange.TRANSFER, label=ProjectChange.TRANSFER.label, actor=actor,
        details={"month": f"{month:%Y-%m}", "amount": str(transfer.amount), "transferred_on": transfer.transferred_on},
    )  # fmt: skip
    transaction.on_commit(lambda: evaluate_month(month, project_ids=[project.pk]))
    return transfer


def _move_deposit(project, kind, amount: Decimal, on, *, actor, case=None, reference="") -> DepositMovement:
    """Change the deposit balance (caller holds the project row lock) and record the movement."""
    delta = -amount if kind in (DepositMovementKind.DRAWDOWN, DepositMovementKind.RETURN) else amount
    balance = project.wage_deposit_amount + delta
    if balance < 0:
        raise ValidationError({"amount": [f"超过工资保证金余额{yuan(project.wage_deposit_amount)}元"]})
    ConstructionProject.objects.filter(pk=project.pk).update(
        wage_deposit_amount=F("wage_deposit_amount") + delta
    )
    project.wage_deposit_amount = balance
    movement = DepositMovement.objects.create(
        project=project,
        kind=kind,
        amount=amount,
        on=on,
        case=case,
        balance_after=balance,
        reference=(reference or "").strip()[:60],
        recorded_by=actor,
    )
    change = ProjectChange.DRAWDOWN if kind == DepositMovementKind.DRAWDOWN else ProjectChange.DEPOSIT
    details = {"kind": kind, "amount": str(amount), "on": on, "balance_after": str(balance)}
    if case is not None:
        details["case"] = case.number
    append_record_entry(project, name=change, label=change.label, actor=actor, details=details)
    return movement


@transaction.atomic
def deposit_record(*, actor, project_id, kind: str, amount, on, reference: str = "") -> DepositMovement:
    """A deposit lodged, topped up or returned (Art 32). Drawdowns go through ``deposit_draw`` on a case."""
    project = ConstructionProject.objects.select_for_update().get(pk=parse_id(project_id, "project"))
    check_may_register(actor, project.jurisdiction, "登记工资保证金")
    if kind not in (DepositMovementKind.LODGE, DepositMovementKind.TOP_UP, DepositMovementKind.RETURN):
        raise ValidationError({"kind": ["请选择存储、补足或返还"]})
    amount = parse_yuan(amount, "amount", required=True)
    on = parse_date(on, "on", window=PAST, required=True)
    return _move_deposit(project, kind, amount, on, actor=actor, reference=reference)


def deposit_draw(*, actor, case_id, lines=None, paid_on=None, reference: str = "") -> list[Payment]:
    """Pay the case's workers what each is still owed from the project's wage deposit (MWWR Art 32): a logged
    action of the case (case row locked, then the project's), recorded as payments by the deposit and as a
    drawdown on the deposit, with the state following the money — in one transaction."""
    line_ids = parse_ids(list(lines or []), "lines")
    paid_on = parse_date(paid_on, "paid_on", window=PAST) or timezone.localdate()
    with ledger_action(case_id, "draw_deposit", actor=actor) as step:
        case = step.case
        if case.project_id is None:
            raise ValidationError({"lines": ["只有工程建设项目的欠薪案件可以动用工资保证金"]})
        project = ConstructionProject.objects.select_for_update().get(pk=case.project_id)
        owed = ArrearsWorker.objects.filter(case=case, recovered__lt=F("amount_owed")).select_related(
            "person"
        )
        if line_ids:
            owed = owed.filter(pk__in=line_ids)
        owed = list(owed.order_by("id"))
        total = sum((line.amount_owed - line.recovered for line in owed), ZERO)
        if total <= 0:
            raise ValidationError({"lines": ["没有尚欠工资的工人"]})
        if total > project.wage_deposit_amount:
            raise ValidationError(
                {"lines": [f"尚欠{yuan(total)}元，超过工资保证金余额{yuan(project.wage_deposit_amount)}元"]}
            )
        payments = []
        for line in owed:
            payment = Payment(
                case=case,
                line=line,
                amount=line.amount_owed - line.recovered,
                paid_on=paid_on,
                payer_kind=PayerKind.WAGE_DEPOSIT,
                reference=(reference or "").strip()[:60],
                note="动用工资保证金支付",
                recorded_by=actor,
            )
            payment.full_clean()
            payment.save()
            refresh_line(line.pk)
            payments.append(payment)
        refresh_totals(case)
        movement = _move_deposit(
            project, DepositMovementKind.DRAWDOWN, total, paid_on, actor=actor, case=case, reference=reference
        )
        step.details.update(
            {"amount": str(total), "workers": len(payments), "deposit_left": str(movement.balance_after)}
        )
    return payments
