"""Registering and correcting construction projects (MWWR Arts 24–34): the parties, the contract (price,
labour-cost share, dates), the wage account and its three-party agreement (Art 26), the wage deposit with its
form, required amount and relief (Art 32), the rights notice board with its date and photo (Art 34), the labour
administrator, the project's own inspectors and its other subcontractors (专业分包/劳务分包, each by its
credit code). Every change is chained in the kernel's transition log (``append_record_entry``), in the change's
transaction: who, when, which project, which fields (never their values — an account number is personal to the
project's workers' pay)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from arrears.models import ConstructionProject, ProjectChange, ProjectSubcontractor
from arrears.models.monitoring import SubcontractKind
from arrears.money import ZERO
from casework.inputs import AHEAD, PAST, parse_date, parse_yuan
from casework.roles import Role
from casework.services.audit import append_record_entry
from casework.services.evidence import check_upload
from casework.services.parties import employer_get_or_create_by_credit_code

from .common import check_may_register

PHOTO_TYPES = ("jpg", "jpeg", "png")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
INSPECTOR_ROLES = (Role.INSPECTOR, Role.INSPECTION_HEAD)

FIELDS = frozenset(
    {
        "name",
        "location",
        "jurisdiction",
        "developer",
        "main_contractor",
        "subcontractor",
        "wage_account_bank",
        "wage_account_number",
        "wage_deposit_amount",
        "wage_officer",
        "rights_notice_board",
        "started_on",
        "contract_price",
        "labour_cost_share",
        "planned_end_on",
        "completed_on",
        "deposit_form",
        "deposit_required",
        "deposit_relief",
        "deposit_relief_basis",
        "wage_account_agreement_on",
        "notice_board_on",
        "notice_board_photo",
    }
)
PAST_DATES = ("completed_on", "wage_account_agreement_on", "notice_board_on")


def _clean(values: dict) -> dict:
    unknown = set(values) - FIELDS - {"inspectors", "subcontracts"}
    if unknown:
        raise TypeError(f"ConstructionProject has no editable field(s): {', '.join(sorted(unknown))}")
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if "wage_account_number" in out:
        number = "".join((out["wage_account_number"] or "").split())
        if number and not re.fullmatch(r"[0-9]{8,32}", number):
            raise ValidationError({"wage_account_number": ["账号应为8至32位数字"]})
        out["wage_account_number"] = number
    if "wage_deposit_amount" in out:
        out["wage_deposit_amount"] = (
            parse_yuan(out["wage_deposit_amount"], "wage_deposit_amount", allow_zero=True) or ZERO
        )
    for key in ("started_on", "planned_end_on"):  # a planned start or end may lie ahead
        if key in out:
            out[key] = parse_date(out[key], key, window=AHEAD)
    for key in PAST_DATES:
        if key in out:
            out[key] = parse_date(out[key], key, window=PAST)
    for key in ("contract_price", "deposit_required"):
        if key in out:
            out[key] = parse_yuan(out[key], key, allow_zero=True)
    if out.get("deposit_required") is None and "deposit_required" in out:
        out["deposit_required"] = ZERO
    if out.get("notice_board_photo"):
        _check_photo(out["notice_board_photo"])
    return out


def _check_photo(photo) -> None:
    """A JPG or PNG of the notice board (the kernel's upload rules: type by content, size)."""
    try:
        ext, _mime = check_upload(photo, max_bytes=PHOTO_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"notice_board_photo": exc.messages}) from None
    if ext not in PHOTO_TYPES:
        raise ValidationError({"notice_board_photo": ["告示牌照片须为JPG或PNG图片"]})


def _set_inspectors(project: ConstructionProject, inspectors) -> None:
    """The project's own inspectors (they receive its warnings): inspectors of its jurisdiction only."""
    from casework.selectors.staff import staff_of

    wanted = {u.pk for u in inspectors}
    allowed = set(
        staff_of(project.jurisdiction, INSPECTOR_ROLES).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise ValidationError({"inspectors": ["责任监察员须为本项目所在地的监察员"]})
    project.inspectors.set(wanted)


def _subcontract_rows(project, rows, actor) -> dict:
    """The wanted subcontracts by employer pk: each row names its employer (``employer``, or ``name`` and
    ``credit_code`` — registered if new), ``kind`` and ``started_on``. A bad row is an error keyed
    ``subcontracts.<row>.<field>``; nothing is kept then (the caller's transaction rolls back)."""
    wanted, errors = {}, {}
    for i, row in enumerate(rows):
        employer = row.get("employer")
        try:
            if employer is None:
                employer, _created = employer_get_or_create_by_credit_code(
                    credit_code=row.get("credit_code") or "",
                    name=(row.get("name") or "").strip(),
                    jurisdiction=project.jurisdiction,
                    industry="construction",
                    actor=actor,
                )
            started_on = parse_date(row.get("started_on"), "started_on", window=AHEAD)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"subcontracts.{i}.{field}"] = messages
            continue
        if row.get("kind") not in SubcontractKind.values:
            errors[f"subcontracts.{i}.kind"] = ["请选择分包类型"]
        elif employer.pk in wanted:
            errors[f"subcontracts.{i}.credit_code"] = ["同一分包单位只能填写一次"]
        else:
            wanted[employer.pk] = (row["kind"], started_on)
    if errors:
        raise ValidationError(errors)
    return wanted


def _set_subcontracts(project: ConstructionProject, rows, actor) -> bool:
    """Make the project's other subcontractors exactly ``rows``: add, edit, remove. True when any changed."""
    wanted = _subcontract_rows(project, rows, actor)
    existing = {s.employer_id: s for s in project.subcontracts.all()}
    stale = [s.pk for employer_id, s in existing.items() if employer_id not in wanted]
    ProjectSubcontractor.objects.filter(pk__in=stale).delete()
    changed = bool(stale)
    for employer_id, (kind, started_on) in wanted.items():
        current = existing.get(employer_id)
        if current is None:
            current = ProjectSubcontractor(project=project, employer_id=employer_id)
        elif (current.kind, current.started_on) == (kind, started_on):
            continue
        current.kind, current.started_on = kind, started_on
        current.save()
        changed = True
    return changed


def _check_actor(actor, jurisdiction) -> None:
    check_may_register(actor, jurisdiction, "登记工程项目")


@transaction.atomic
def project_create(*, actor, jurisdiction, name: str, location: str, **values) -> ConstructionProject:
    _check_actor(actor, jurisdiction)
    subcontracts = values.pop("subcontracts", None)
    values = _clean({"name": name, "location": location, "jurisdiction": jurisdiction, **values})
    if not (values.get("main_contractor") or values.get("subcontractor") or subcontracts):
        raise ValidationError({"main_contractor": ["请至少填写施工总承包单位或分包单位"]})
    inspectors = values.pop("inspectors", None)
    project = ConstructionProject(created_by=actor, **values)
    project.full_clean()
    project.save()
    if inspectors is not None:
        _set_inspectors(project, inspectors)
    if subcontracts:
        _set_subcontracts(project, subcontracts, actor)
    given = sorted(k for k, v in values.items() if v not in (None, "", False)) + (
        ["inspectors"] if inspectors else []
    )
    append_record_entry(
        project, name=ProjectChange.REGISTER, label=ProjectChange.REGISTER.label, actor=actor,
        details={"fields": given + (["subcontracts"] if subcontracts else [])},
    )  # fmt: skip
    return project


@transaction.atomic
def project_update(*, actor, project: ConstructionProject, **changes) -> ConstructionProject:
    project = ConstructionProject.objects.select_for_update().get(pk=project.pk)
    _check_actor(actor, project.jurisdiction)
    inspectors = changes.pop("inspectors", None)
    subcontracts = changes.pop("subcontracts", None)
    changes = _clean(changes)
    changed = sorted(key for key, value in changes.items() if getattr(project, key) != value)
    for key, value in changes.items():
        setattr(project, key, value)
    project.full_clean()
    project.save()
    if inspectors is not None and {u.pk for u in inspectors} != set(
        project.inspectors.values_list("pk", flat=True)
    ):
        _set_inspectors(project, inspectors)
        changed.append("inspectors")
    if subcontracts is not None and _set_subcontracts(project, subcontracts, actor):
        changed.append("subcontracts")
    if changed:
        append_record_entry(
            project,
            name=ProjectChange.EDIT,
            label=ProjectChange.EDIT.label,
            actor=actor,
            details={"fields": changed},
        )
    return project
