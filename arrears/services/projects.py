"""Registering and correcting construction projects (MWWR Arts 26–34)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from arrears.models import ConstructionProject
from arrears.money import ZERO
from casework.inputs import AHEAD, parse_date, parse_yuan

from .common import check_may_register

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
        if number and not re.fullmatch(r"[0-9]{8,32}", number):
            raise ValidationError({"wage_account_number": ["账号应为8至32位数字"]})
        out["wage_account_number"] = number
    if "wage_deposit_amount" in out:
        out["wage_deposit_amount"] = (
            parse_yuan(out["wage_deposit_amount"], "wage_deposit_amount", allow_zero=True) or ZERO
        )
    if "started_on" in out:  # a planned start may lie ahead
        out["started_on"] = parse_date(out["started_on"], "started_on", window=AHEAD)
    return out


def _check_actor(actor, jurisdiction) -> None:
    check_may_register(actor, jurisdiction, "登记工程项目")


@transaction.atomic
def project_create(*, actor, jurisdiction, name: str, location: str, **values) -> ConstructionProject:
    _check_actor(actor, jurisdiction)
    values = _clean({"name": name, "location": location, "jurisdiction": jurisdiction, **values})
    if not (values.get("main_contractor") or values.get("subcontractor")):
        raise ValidationError({"main_contractor": ["请至少填写施工总承包单位或分包单位"]})
    project = ConstructionProject(created_by=actor, **values)
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, actor, project: ConstructionProject, **changes) -> ConstructionProject:
    project = ConstructionProject.objects.select_for_update().get(pk=project.pk)
    _check_actor(actor, project.jurisdiction)
    changes = _clean(changes)
    for key, value in changes.items():
        setattr(project, key, value)
    project.full_clean()
    project.save()
    return project
