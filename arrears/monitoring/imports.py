"""Importing a project's roster, attendance and pay sheets: every row good, or nothing written.

The sheet's own checks come from ``arrears.monitoring.sheets``; here the checks against the database, reported
the same way (row number, column, Chinese reason): the worker must be on the project's roster (Art 28: no one on
site without registration), a name must match the registered person, a month must lie within the worker's time
on site, a month's pay is recorded once. Then the project's months are evaluated (``evaluate_month``), so an
import's warnings are raised at once.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from arrears.models import (
    Attendance,
    ConstructionProject,
    LabourCostTransfer,
    ProjectChange,
    ProjectSubcontractor,
    RosterWorker,
    WagePayment,
)
from arrears.monitoring import sheets
from arrears.monitoring.evaluate import evaluate_month, previous_month
from arrears.services.common import check_may_register
from casework.models import Employer, Person
from casework.services.audit import append_record_entry
from casework.services.parties import person_get_or_create_by_id_number
from casework.sheet_import import RowError, SheetRejected, parse_sheet

LABEL = {spec: {c.key: c.label for c in spec.columns} for spec in sheets.SPECS.values()}


@dataclass
class Imported:
    kind: str
    rows: int
    months: list[datetime.date] = field(default_factory=list)
    warnings: int = 0


def _locked_project(actor, project_id: int) -> ConstructionProject:
    project = ConstructionProject.objects.select_for_update().filter(pk=project_id).first()
    if project is None:
        raise ValidationError({"project": ["工程项目不存在"]})
    check_may_register(actor, project.jurisdiction, "导入实名制和工资数据")
    return project


def _parse(spec, uploaded, filename) -> tuple[list, list[RowError]]:
    """The good rows and the sheet's own errors; the database checks then run on the good rows, so one
    refusal lists every problem of the sheet. A file that cannot be read at all is refused at once."""
    parsed = parse_sheet(spec, uploaded, filename=filename)
    if parsed.errors and not parsed.rows:
        raise SheetRejected(parsed.errors)
    return parsed.rows, parsed.errors


def _log(project: ConstructionProject, actor, kind: str, rows) -> None:
    """The import chained in the project's log (in its transaction, the project row locked): which sheet, how
    many rows, which months — never a worker's data."""
    months = sorted({f"{r.month:%Y-%m}" for r in rows if getattr(r, "month", None)})
    details = {"sheet": sheets.SPECS[kind].title, "rows": len(rows), "months": months}
    append_record_entry(
        project, name=ProjectChange.IMPORT, label=ProjectChange.IMPORT.label, actor=actor, details=details
    )


def _finish(project: ConstructionProject, kind: str, count: int, months) -> Imported:
    result = Imported(kind, count, sorted(set(months)))
    for month in result.months:
        result.warnings += evaluate_month(month, project_ids=[project.pk]).total
    return result


# --- roster ------------------------------------------------------------------------------------------
def _employers(project, rows, errors: list[RowError]) -> dict[str, int]:
    codes = {r.credit_code for r in rows if r.credit_code}
    allowed = project.contractor_ids | set(
        ProjectSubcontractor.objects.filter(project=project).values_list("employer_id", flat=True)
    )
    found = dict(Employer.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    label = LABEL[sheets.ROSTER]["credit_code"]
    for r in rows:
        if r.credit_code and found.get(r.credit_code) not in allowed:
            errors.append(RowError(r.row, label, "该单位不是本项目登记的施工总承包或分包单位"))
    return found


def _persons(rows, errors: list[RowError], actor, jurisdiction) -> dict[str, Person]:
    """Registered persons by ID number (one query); a different name is refused; new ones are registered."""
    known = {p.id_number: p for p in Person.objects.filter(id_number__in=[r.id_number for r in rows])}
    label = LABEL[sheets.ROSTER]["name"]
    for r in rows:
        person = known.get(r.id_number)
        if person is not None and person.name != r.name:
            errors.append(RowError(r.row, label, "该身份证号码已登记为另一姓名，请核对号码和姓名"))
    if errors:
        return known
    for r in rows:
        if r.id_number not in known:
            known[r.id_number], _new = person_get_or_create_by_id_number(
                id_number=r.id_number,
                name=r.name,
                phone=r.phone,
                is_migrant_worker=True,
                jurisdiction=jurisdiction,
                actor=actor,
            )
    return known


def roster_import(*, actor, project_id: int, uploaded, filename: str | None = None) -> Imported:
    """Add the sheet's workers to the roster; a worker already on it has their details updated."""
    rows, errors = _parse(sheets.ROSTER, uploaded, filename)
    with transaction.atomic():
        project = _locked_project(actor, project_id)
        employers = _employers(project, rows, errors)
        persons = _persons(rows, errors, actor, project.jurisdiction)
        if errors:
            raise SheetRejected(sorted(errors, key=lambda e: e.row))
        existing = {
            w.person_id: w for w in RosterWorker.objects.filter(project=project, person__in=persons.values())
        }
        new, changed = [], []
        for r in rows:
            person = persons[r.id_number]
            worker = existing.get(person.pk) or RosterWorker(project=project, person=person, added_by=actor)
            worker.employer_id = employers.get(r.credit_code)
            worker.team, worker.contract_signed, worker.daily_wage = r.team, r.contract_signed, r.daily_wage
            worker.entered_on, worker.left_on, worker.settled_on = r.entered_on, r.left_on, r.settled_on
            (changed if worker.pk else new).append(worker)
        RosterWorker.objects.bulk_create(new)
        fields = ["employer", "team", "contract_signed", "daily_wage", "entered_on", "left_on", "settled_on"]
        RosterWorker.objects.bulk_update(changed, fields)
        _log(project, actor, "roster", rows)
    months = [r.left_on.replace(day=1) for r in rows if r.left_on] + [previous_month()]
    return _finish(project, "roster", len(rows), months)


# --- attendance and pay --------------------------------------------------------------------------------
def _roster_of(project, spec, rows, errors: list[RowError]) -> dict[str, RosterWorker]:
    """The roster entries of the rows' workers (one query); rows of workers not on it, or a different name,
    or a month outside the worker's time on site, are errors."""
    workers = {
        w.person.id_number: w
        for w in RosterWorker.objects.filter(
            project=project, person__id_number__in=[r.id_number for r in rows]
        ).select_related("person")
    }
    labels = LABEL[spec]
    for r in rows:
        worker = workers.get(r.id_number)
        if worker is None:
            errors.append(
                RowError(r.row, labels["id_number"], "该工人不在本项目实名制花名册中，请先导入花名册")
            )
        elif r.name and r.name != worker.person.name:
            errors.append(RowError(r.row, labels["name"], "姓名与花名册登记的不一致"))
        elif r.month < worker.entered_on.replace(day=1) or (worker.left_on and r.month > worker.left_on):
            errors.append(RowError(r.row, labels["month"], "该月份不在该工人进场至退场期间"))
    return workers


def attendance_import(*, actor, project_id: int, uploaded, filename: str | None = None) -> Imported:
    """Record each worker's attendance for the month; a month already recorded is replaced by the sheet."""
    rows, errors = _parse(sheets.ATTENDANCE, uploaded, filename)
    with transaction.atomic():
        project = _locked_project(actor, project_id)
        workers = _roster_of(project, sheets.ATTENDANCE, rows, errors)
        if errors:
            raise SheetRejected(sorted(errors, key=lambda e: e.row))
        for month in {r.month for r in rows}:
            ids = [workers[r.id_number].pk for r in rows if r.month == month]
            Attendance.objects.filter(worker_id__in=ids, month=month).delete()
        Attendance.objects.bulk_create(
            Attendance(project=project, worker=workers[r.id_number], month=r.month, days=r.days) for r in rows
        )
        _log(project, actor, "attendance", rows)
    return _finish(project, "attendance", len(rows), [r.month for r in rows])


def pay_import(*, actor, project_id: int, uploaded, filename: str | None = None) -> Imported:
    """Record the pay sheet: each worker's pay for the month, from the wage account or paid by the main
    contractor on the subcontractor's behalf (signed by the worker, Art 31). A month's pay is recorded once."""
    rows, errors = _parse(sheets.PAY, uploaded, filename)
    with transaction.atomic():
        project = _locked_project(actor, project_id)
        workers = _roster_of(project, sheets.PAY, rows, errors)
        paid = set(
            WagePayment.objects.filter(
                worker__in=[w.pk for w in workers.values()], month__in={r.month for r in rows}
            ).values_list("worker_id", "month")
        )
        for r in rows:
            worker = workers.get(r.id_number)
            if worker is not None and (worker.pk, r.month) in paid:
                errors.append(
                    RowError(r.row, LABEL[sheets.PAY]["month"], "该工人该月工资已登记，不能重复导入")
                )
        if errors:
            raise SheetRejected(sorted(errors, key=lambda e: e.row))
        WagePayment.objects.bulk_create(
            WagePayment(
                project=project,
                worker=workers[r.id_number],
                month=r.month,
                amount=r.amount,
                paid_on=r.paid_on,
                channel=r.channel,
                signed_by_worker=r.signed,
                reference=r.reference,
            )
            for r in rows
        )
        _log(project, actor, "pay", rows)
    return _finish(project, "pay", len(rows), [r.month for r in rows])


def transfer_import(*, actor, project_id: int, uploaded, filename: str | None = None) -> Imported:
    """Record the developer's labour-cost transfers into the wage account (Art 24), several months at once;
    a bank reference already recorded for the project is refused."""
    rows, errors = _parse(sheets.TRANSFER, uploaded, filename)
    with transaction.atomic():
        project = _locked_project(actor, project_id)
        recorded = set(
            LabourCostTransfer.objects.filter(
                project=project, reference__in=[r.reference for r in rows if r.reference]
            ).values_list("reference", flat=True)
        )
        label = LABEL[sheets.TRANSFER]["reference"]
        errors += [
            RowError(r.row, label, "该流水号已登记，不能重复导入") for r in rows if r.reference in recorded
        ]
        if errors:
            raise SheetRejected(sorted(errors, key=lambda e: e.row))
        LabourCostTransfer.objects.bulk_create(
            LabourCostTransfer(
                project=project,
                month=r.month,
                amount=r.amount,
                transferred_on=r.transferred_on,
                reference=r.reference,
                recorded_by=actor,
            )
            for r in rows
        )
        _log(project, actor, "transfer", rows)
    return _finish(project, "transfer", len(rows), [r.month for r in rows])


IMPORTERS = {
    "roster": roster_import,
    "attendance": attendance_import,
    "pay": pay_import,
    "transfer": transfer_import,
}
