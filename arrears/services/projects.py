"""Registering and correcting construction projects (MWWR Arts 26–34)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from arrears.models import ConstructionProject
from arrears.models.cases import STAFF
from arrears.money import parse_yuan
from casework.services.transitions import TransitionForbidden

from .common import require_role

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
    }
)


def _clean(values: dict) -> dict:
    unknown = set(values) - FIELDS
    if unknown:
        raise TypeError(f"ConstructionProject has no editable field(s): {', '.join(sorted(unknown))}")
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if "wage_account_number" in out:
        number = "".join((out["wage_account_number"] or "").split())
        if number and not (number.isdigit() and 8 <= len(number) <= 32):
            raise ValidationError({"wage_account_number": ["账号应为8至32位数字"]})
        out["wage_account_number"] = number
    if "wage_deposit_amount" in out:
        out["wage_deposit_amount"] = parse_yuan(
            out["wage_deposit_amount"] if out["wage_deposit_amount"] not in (None, "") else "0",
            field="wage_deposit_amount",
            allow_zero=True,
        )
    return out


def _check_actor(actor, jurisdiction) -> None:
    if actor is None:
        return
    require_role(actor, STAFF, "只有登记员或监察员可以登记工程项目")
    if not (actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids):
        raise TransitionForbidden("不能登记其他管辖区域的工程项目")


@transaction.atomic
def project_create(*, actor, jurisdiction, name: str, location: str, **values) -> ConstructionProject:
    values = _clean({"name": name, "location": location, "jurisdiction": jurisdiction, **values})
    _check_actor(actor, jurisdiction)
    if not (values.get("main_contractor") or values.get("subcontractor")):
        raise ValidationError({"main_contractor": ["请至少填写施工总承包单位或分包单位"]})
    project = ConstructionProject(created_by=actor, **values)
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, actor, project: ConstructionProject, **changes) -> ConstructionProject:
    changes = _clean(changes)
    project = ConstructionProject.objects.select_for_update().get(pk=project.pk)
    _check_actor(actor, project.jurisdiction)
    for key, value in changes.items():
        setattr(project, key, value)
    project.full_clean()
    project.save()
    return project
