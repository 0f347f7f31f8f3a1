"""The ledger: worker lines, payments, and the case totals that must always equal the sum of the lines.

Every function that changes a line or a payment is a logged action of the case (``ledger_action`` around the
kernel's ``case_action``), which

  1. locks the case row first (SELECT … FOR UPDATE on PostgreSQL; SQLite takes its write lock at BEGIN) — so
     two payments on one case are recorded one after the other, never interleaved — and checks that the user
     sees the case and that their role may make the change;
  2. writes the line or payment;
  3. recomputes the line's ``recovered`` and the case totals from the rows with aggregate queries (never
     "read total, add amount, write total" in Python), inside the same transaction;
  4. appends the log entry and moves the case to partially/fully recovered when the money says so, logging
     the transition — all in that one transaction.

``ledger_discrepancies`` checks the invariant for any set of cases (``manage.py verify_arrears_totals``).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from arrears.importing import ID_NUMBER, LABELS, NAME, RowError, SheetRejected, WorkerRow, validate_row
from arrears.models import ArrearsCase, ArrearsState, ArrearsWorker, LineSource, PayerKind, Payment
from arrears.models.cases import LEDGER_OPEN_STATES
from arrears.models.ledger import MAX_MONTHS, ConfirmedThrough
from arrears.money import ZERO, yuan
from casework.inputs import PAST, parse_date, parse_id, parse_int, parse_yuan
from casework.models import Person
from casework.services import deadlines
from casework.services.parties import person_get_or_create_by_id_number
from casework.services.transitions import ActionStep, PreconditionFailed, case_action

from .common import mark_green_channel, move, notify_worker

PAYMENT_ORDER = "arrears.payment_order"
CONSTRUCTION_PAYERS = {PayerKind.MAIN_CONTRACTOR, PayerKind.DEVELOPER, PayerKind.WAGE_DEPOSIT}
_MONEY = DecimalField(max_digits=14, decimal_places=2)


# --- totals ------------------------------------------------------------------------------------------
def refresh_line(line_id: int) -> None:
    total = Payment.objects.filter(line_id=line_id).aggregate(s=Coalesce(Sum("amount"), Value(ZERO)))["s"]
    ArrearsWorker.objects.filter(pk=line_id).update(recovered=total, updated_at=timezone.now())


def refresh_totals(case: ArrearsCase) -> None:
    """Recompute the case totals from its lines. The caller holds the case row lock."""
    agg = ArrearsWorker.objects.filter(case_id=case.pk).aggregate(
        owed=Coalesce(Sum("amount_owed"), Value(ZERO), output_field=_MONEY),
        recovered=Coalesce(Sum("recovered"), Value(ZERO), output_field=_MONEY),
        workers=Count("id"),
    )
    owed, recovered = Decimal(agg["owed"]), Decimal(agg["recovered"])
    values = {
        "total_owed": owed,
        "total_recovered": recovered,
        "total_outstanding": owed - recovered,
        "worker_count": agg["workers"],
    }
    ArrearsCase.objects.filter(pk=case.pk).update(**values, updated_at=timezone.now())
    for key, value in values.items():
        setattr(case, key, value)
    if not case.green_channel and case.workers.filter(person__is_migrant_worker=True).exists():
        mark_green_channel(case)


@dataclass(frozen=True)
class Discrepancy:
    case_id: int
    number: str
    field: str
    stored: Decimal | int
    from_lines: Decimal | int

    def __str__(self):
        return f"{self.number}: {self.field} stored {self.stored}, lines give {self.from_lines}"


def ledger_discrepancies(queryset=None) -> list[Discrepancy]:
    """Cases whose stored totals differ from the sum of their lines, or lines from their payments.

    One query for the cases (totals from lines as subqueries) and one for the lines; compared as Decimals.
    """
    qs = queryset if queryset is not None else ArrearsCase.objects.all()
    lines = ArrearsWorker.objects.filter(case=OuterRef("pk")).order_by().values("case")
    annotated = qs.annotate(
        lines_owed=Coalesce(Subquery(lines.annotate(s=Sum("amount_owed")).values("s")), Value(ZERO)),
        lines_recovered=Coalesce(Subquery(lines.annotate(s=Sum("recovered")).values("s")), Value(ZERO)),
        lines_count=Coalesce(Subquery(lines.annotate(c=Count("id")).values("c")), Value(0)),
    ).values_list(
        "pk",
        "number",
        "total_owed",
        "total_recovered",
        "total_outstanding",
        "worker_count",
        "lines_owed",
        "lines_recovered",
        "lines_count",
    )
    out: list[Discrepancy] = []
    for pk, number, owed, recovered, outstanding, count, l_owed, l_recovered, l_count in annotated:
        l_owed, l_recovered = Decimal(l_owed).quantize(ZERO), Decimal(l_recovered).quantize(ZERO)
        for name, stored, expected in (
            ("total_owed", owed, l_owed),
            ("total_recovered", recovered, l_recovered),
            ("total_outstanding", outstanding, l_owed - l_recovered),
            ("worker_count", count, l_count),
        ):
            if stored != expected:
                out.append(Discrepancy(pk, number, name, stored, expected))
    payments = Payment.objects.filter(line=OuterRef("pk")).order_by().values("line")
    bad_lines = (
        ArrearsWorker.objects.filter(case__in=qs.values("pk"))
        .annotate(paid=Coalesce(Subquery(payments.annotate(s=Sum("amount")).values("s")), Value(ZERO)))
        .values_list("case_id", "case__number", "pk", "recovered", "paid")
    )
    for case_id, number, line_id, recovered, paid in bad_lines:
        if recovered != Decimal(paid).quantize(ZERO):
            out.append(Discrepancy(case_id, number, f"line {line_id} recovered", recovered, paid))
    return out


# --- state follows the money ---------------------------------------------------------------------------
def arrears_record_full_recovery(*, actor, case_id, expected_state=None) -> ArrearsCase:
    """全部追回: every worker's line is paid (the transition's condition); the payment order's deadline is met
    on the day the last of the money was paid. Run by the payments themselves (``advance_state``)."""
    with move(ArrearsCase, "record_full_recovery", case_id, actor, expected_state, public=True) as step:
        case = step.case
        last_paid = Payment.objects.filter(case=case).aggregate(d=Max("paid_on"))["d"]
        step.fire()
        case.fully_recovered_on = last_paid or timezone.localdate()
        deadlines.meet(case, PAYMENT_ORDER)
        step.details.update({"recovered": str(case.total_recovered), "workers": case.worker_count})
    return step.case


def arrears_record_partial_recovery(*, actor, case_id, expected_state=None) -> ArrearsCase:
    """部分追回: some of the money is in, some still owed (the transition's condition)."""
    with move(ArrearsCase, "record_partial_recovery", case_id, actor, expected_state, public=True) as step:
        step.fire()
        step.details.update(
            {"recovered": str(step.case.total_recovered), "outstanding": str(step.case.total_outstanding)}
        )
    return step.case


def advance_state(actor, case: ArrearsCase) -> ArrearsCase:
    """Partially / fully recovered, as the totals now say (inside the locked transaction)."""
    case.refresh_from_db()
    if case.state not in LEDGER_OPEN_STATES or case.total_owed <= 0:
        return case
    if case.total_outstanding == 0:
        return arrears_record_full_recovery(actor=actor, case_id=case.pk)
    if case.total_recovered > 0 and case.state in (ArrearsState.OPEN, ArrearsState.PAYMENT_ORDERED):
        return arrears_record_partial_recovery(actor=actor, case_id=case.pk)
    return case


@contextmanager
def ledger_action(case_id, name: str, *, actor, reason: str = "") -> Iterator[ActionStep]:
    """A change of the worker list or the money: the case's logged action ``name`` (lock, visibility, role,
    change and log entry), only while money can still change; then the state follows the money — all in one
    transaction. After the block ``step.case`` is the case as it now stands."""
    with transaction.atomic():
        with case_action(ArrearsCase, case_id, name, actor=actor, reason=reason) as step:
            if step.case.state not in LEDGER_OPEN_STATES:
                raise PreconditionFailed(
                    f"案件当前状态为“{step.case.get_state_display()}”，欠薪名单和追回金额已不能再变更"
                )
            yield step
        step.case = advance_state(actor, step.case)


# --- worker lines --------------------------------------------------------------------------------------
def _existing_person_conflicts(rows: list[WorkerRow], case: ArrearsCase) -> list[RowError]:
    """Before writing anything: rows whose worker is already on the case, or whose ID number is
    registered under another name (one query each)."""
    numbers = [r.id_number for r in rows]
    on_case = set(
        case.workers.filter(person__id_number__in=numbers).values_list("person__id_number", flat=True)
    )
    names = dict(Person.objects.filter(id_number__in=numbers).values_list("id_number", "name"))
    errors = []
    for r in rows:
        if r.id_number in on_case:
            errors.append(RowError(r.row, LABELS[ID_NUMBER], "该工人已在本案欠薪名单中"))
        elif r.id_number in names and names[r.id_number] != r.name:
            errors.append(RowError(r.row, LABELS[NAME], "该身份证号码已登记为另一姓名，请核对号码和姓名"))
    return errors


def add_lines(actor, case: ArrearsCase, rows: list[WorkerRow], source: str) -> list[ArrearsWorker]:
    created = []
    for r in rows:
        try:
            person, _new = person_get_or_create_by_id_number(
                id_number=r.id_number,
                name=r.name,
                phone=r.phone,
                is_migrant_worker=r.migrant,
                jurisdiction=case.jurisdiction,
                actor=actor,
            )
        except ValidationError as exc:
            column = LABELS[NAME] if "name" in getattr(exc, "message_dict", {}) else LABELS[ID_NUMBER]
            raise SheetRejected([RowError(r.row, column, "；".join(exc.messages))]) from exc
        line = ArrearsWorker(
            case=case,
            person=person,
            months_unpaid=r.months,
            amount_owed=r.amount,
            source=source,
            added_by=actor,
        )
        line.full_clean()
        line.save()
        created.append(line)
    return created


@dataclass
class ImportResult:
    case: ArrearsCase
    created: int
    amount: Decimal


def workers_import(*, actor, case_id: int, uploaded, filename: str | None = None) -> ImportResult:
    """Import a worker sheet: all rows or none. Raises ``SheetRejected`` listing every bad row."""
    from arrears.importing import parse_worker_sheet

    parsed = parse_worker_sheet(uploaded, filename=filename)
    if parsed.errors:
        raise SheetRejected(parsed.errors)
    with ledger_action(case_id, "import_workers", actor=actor) as step:
        errors = _existing_person_conflicts(parsed.rows, step.case)
        if errors:
            raise SheetRejected(errors)
        lines = add_lines(actor, step.case, parsed.rows, LineSource.IMPORT)
        refresh_totals(step.case)
        amount = sum((line.amount_owed for line in lines), ZERO)
        step.details.update({"workers": len(lines), "amount": str(amount)})
    return ImportResult(case=step.case, created=len(lines), amount=amount)


_WORKER_FIELDS = {
    LABELS[NAME]: "name",
    LABELS[ID_NUMBER]: "id_number",
    "手机号码": "phone",
    "欠薪月数": "months_unpaid",
    "欠薪金额(元)": "amount_owed",
}


def _worker_row(name, id_number, phone, months_unpaid, amount_owed, is_migrant_worker) -> WorkerRow:
    """One worker checked as one sheet row would be; bad values named by the form's field names."""
    raw = {
        "name": name,
        "id_number": id_number,
        "phone": phone,
        "months": "" if months_unpaid is None else str(months_unpaid),
        "amount": "" if amount_owed is None else str(amount_owed),
        "migrant": "是" if is_migrant_worker else "否",
    }
    row, errors = validate_row(0, raw)
    if errors:
        fields: dict[str, list[str]] = {}
        for e in errors:
            fields.setdefault(_WORKER_FIELDS.get(e.column, "non_field_errors"), []).append(e.reason)
        raise ValidationError(fields)
    return row


def worker_add(
    *,
    actor,
    case_id: int,
    name: str,
    id_number: str,
    months_unpaid,
    amount_owed,
    phone: str = "",
    is_migrant_worker: bool = True,
    source: str = LineSource.MANUAL,
) -> ArrearsWorker:
    """Add one worker to the case's list (checked as one sheet row would be)."""
    row = _worker_row(name, id_number, phone, months_unpaid, amount_owed, is_migrant_worker)
    with ledger_action(case_id, "add_worker", actor=actor) as step:
        conflicts = _existing_person_conflicts([row], step.case)
        if conflicts:
            key = "id_number" if conflicts[0].column == LABELS[ID_NUMBER] else "name"
            raise ValidationError({key: [conflicts[0].reason]})
        try:
            (line,) = add_lines(actor, step.case, [row], source)
        except SheetRejected as exc:
            raise ValidationError({"id_number": [exc.errors[0].reason]}) from None
        refresh_totals(step.case)
        step.details.update(
            {"worker": line.person.name, "amount": str(line.amount_owed), "months": line.months_unpaid}
        )
    return line


def _line_of(case, line_id) -> ArrearsWorker:
    line = (
        ArrearsWorker.objects.filter(case=case, pk=parse_id(line_id, "line")).select_related("person").first()
    )
    if line is None:
        raise ValidationError({"line": ["该工人不在本案名单中"]})
    return line


def worker_update(*, actor, case_id: int, line_id: int, months_unpaid=None, amount_owed=None, reason: str):
    """Correct a worker's months or amount (e.g. after checking the pay records); never below what was paid."""
    if not (reason or "").strip():
        raise ValidationError({"reason": ["请填写更正理由"]})
    months = parse_int(months_unpaid, "months_unpaid", minimum=1, maximum=MAX_MONTHS)
    amount = parse_yuan(amount_owed, "amount_owed")
    with ledger_action(case_id, "correct_worker", actor=actor, reason=reason.strip()) as step:
        line = _line_of(step.case, line_id)
        before = {"months": line.months_unpaid, "amount": str(line.amount_owed)}
        if months is not None:
            line.months_unpaid = months
        if amount is not None:
            if amount < line.recovered:
                raise ValidationError({"amount_owed": [f"不能少于已追回的{yuan(line.recovered)}元"]})
            line.amount_owed = amount
        line.full_clean()
        line.save()
        refresh_totals(step.case)
        step.details.update(
            {
                "worker": line.person.name,
                "before": before,
                "after": {"months": line.months_unpaid, "amount": str(line.amount_owed)},
            }
        )
    return line


# --- payments --------------------------------------------------------------------------------------------
def _payment_dates(paid_on, confirmed_by_worker: bool, confirmed_on):
    paid_on = parse_date(paid_on, "paid_on", window=PAST, required=True)
    if not confirmed_by_worker:
        return paid_on, None
    confirmed_on = parse_date(confirmed_on, "confirmed_on", window=PAST, not_before=paid_on)
    return paid_on, confirmed_on or timezone.localdate()


def payment_record(
    *,
    actor,
    case_id: int,
    line_id: int,
    amount,
    paid_on,
    payer_kind: str,
    reference: str = "",
    note: str = "",
    confirmed_by_worker: bool = False,
    confirmed_on=None,
) -> Payment:
    """Record wages paid to one worker. Never more than the worker is still owed; the case totals and
    state follow in the same transaction, with the case row locked."""
    amount = parse_yuan(amount, "amount", required=True)
    paid_on, confirmed_on = _payment_dates(paid_on, confirmed_by_worker, confirmed_on)
    if payer_kind not in PayerKind.values:
        raise ValidationError({"payer_kind": ["请选择支付方"]})
    with ledger_action(case_id, "record_payment", actor=actor) as step:
        case = step.case
        if payer_kind in CONSTRUCTION_PAYERS and case.project_id is None:
            raise ValidationError({"payer_kind": ["该支付方只适用于工程建设项目的欠薪案件"]})
        line = _line_of(case, line_id)
        # line.recovered is current: it only changes under this case's lock, which we hold.
        outstanding = line.amount_owed - line.recovered
        if amount > outstanding:
            raise ValidationError(
                {
                    "amount": [
                        f"超过该工人尚欠的{yuan(outstanding)}元（欠薪{yuan(line.amount_owed)}元，已追回{yuan(line.recovered)}元）"
                    ]
                }
            )
        payment = Payment(
            case=case,
            line=line,
            amount=amount,
            paid_on=paid_on,
            payer_kind=payer_kind,
            reference=(reference or "").strip(),
            note=(note or "").strip(),
            confirmed_by_worker=bool(confirmed_by_worker),
            confirmed_on=confirmed_on,
            confirmed_through=ConfirmedThrough.STAFF if confirmed_by_worker else "",
            confirmed_at=timezone.now() if confirmed_by_worker else None,
            recorded_by=actor,
        )
        payment.full_clean()
        payment.save()
        refresh_line(line.pk)
        refresh_totals(case)
        step.details.update(
            {
                "payment": payment.pk,
                "worker": line.person.name,
                "amount": str(amount),
                "paid_on": paid_on,
                "payer": payer_kind,
            }
        )
        person = line.person
        notify_worker(person, case, "recovered", amount=yuan(amount), occurrence=payment.pk)
    return payment


def payment_confirm(*, actor, case_id: int, payment_id: int, confirmed_on=None) -> Payment:
    """The worker confirmed receipt (signed the payment confirmation sheet)."""
    with case_action(ArrearsCase, case_id, "confirm_payment", actor=actor) as step:
        payment = (
            Payment.objects.filter(case=step.case, pk=parse_id(payment_id, "payment"))
            .select_related("line__person")
            .first()
        )
        if payment is None:
            raise ValidationError({"payment": ["该笔款项不属于本案"]})
        if payment.confirmed_by_worker:
            raise PreconditionFailed("该笔款项已确认")
        payment.confirmed_on = (
            parse_date(confirmed_on, "confirmed_on", window=PAST, not_before=payment.paid_on)
            or timezone.localdate()
        )
        payment.confirmed_by_worker = True
        payment.confirmed_through, payment.confirmed_at = ConfirmedThrough.STAFF, timezone.now()
        payment.full_clean()
        payment.save(
            update_fields=["confirmed_by_worker", "confirmed_on", "confirmed_through", "confirmed_at"]
        )
        step.details.update(
            {"payment": payment.pk, "worker": payment.line.person.name, "on": payment.confirmed_on}
        )
    return payment


def payment_confirm_by_worker(case: ArrearsCase, person, payment_id: int) -> dict:
    """ "已收到" on the green channel's claimant page: ``person`` confirms receiving one of their own payments.
    Runs inside the kernel's logged change (``casework.claimant.services.confirm_receipt``: the case locked);
    returns what its log entry says. Already confirmed: ``AlreadyDone`` (nothing is written twice)."""
    from casework.public.registry import AlreadyDone

    payment = Payment.objects.filter(case=case, line__person=person, pk=payment_id).first()
    if payment is None:
        raise ValidationError({"payment": ["没有找到这笔款项"]})
    if payment.confirmed_by_worker:
        raise AlreadyDone
    payment.confirmed_by_worker = True
    payment.confirmed_on = timezone.localdate()
    payment.confirmed_through, payment.confirmed_at = ConfirmedThrough.GREEN_CHANNEL, timezone.now()
    payment.save(update_fields=["confirmed_by_worker", "confirmed_on", "confirmed_through", "confirmed_at"])
    return {"payment": payment.pk, "amount": str(payment.amount), "on": payment.confirmed_on}


def lines_from_complaint(actor, case: ArrearsCase, complaint) -> ArrearsWorker | None:
    """A single complainant's own claim becomes a line (amount and months known, one worker)."""
    person = complaint.complainant
    if (
        person is None
        or not person.id_number
        or complaint.arrears_amount in (None, ZERO)
        or not complaint.arrears_months
        or complaint.workers_affected != 1
        or case.workers.filter(person=person).exists()
    ):
        return None
    line = ArrearsWorker(
        case=case,
        person=person,
        months_unpaid=min(max(int(complaint.arrears_months), 1), 120),
        amount_owed=complaint.arrears_amount,
        source=LineSource.COMPLAINT,
        added_by=actor,
    )
    line.full_clean()
    line.save()
    return line
