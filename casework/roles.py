"""Staff roles. Each role is a Django group whose name is the role's Chinese label.

Model-level permissions per role are declared by each app in its own ``roles.py`` as
``ROLE_PERMISSIONS = {Role.X: ["app_label.codename", ...]}`` and synchronised into the groups
after every migration, so the whole matrix is visible in code and never edited by hand in prod.
"""

import importlib
import logging

from django.apps import apps as global_apps
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Role(models.TextChoices):
    CLERK = "clerk", "登记员"
    INSPECTOR = "inspector", "劳动保障监察员"
    INSPECTION_HEAD = "inspection_head", "监察机构负责人"
    MEDIATOR = "mediator", "调解员"
    ARBITRATOR = "arbitrator", "仲裁员"
    ARBITRATION_CHAIR = "arbitration_chair", "仲裁委主任"
    DIRECTOR = "director", "局领导"
    AUDITOR = "auditor", "审计员（只读）"
    SYSADMIN = "sysadmin", "系统管理员"


# Roles that, when held at the prefecture bureau (州本级), oversee every county.
PREFECTURE_WIDE_ROLES = {Role.DIRECTOR, Role.AUDITOR, Role.SYSADMIN}

# Roles that need to see unmasked ID numbers and phones (every view is logged).
UNMASKED_PERSONAL_DATA_ROLES = {
    Role.CLERK,
    Role.INSPECTOR,
    Role.INSPECTION_HEAD,
    Role.MEDIATOR,
    Role.ARBITRATOR,
    Role.ARBITRATION_CHAIR,
}

ROLE_DESCRIPTIONS = {
    Role.CLERK: _("窗口登记投诉举报"),
    Role.INSPECTOR: _("受理、调查、责令改正、处罚、移送"),
    Role.INSPECTION_HEAD: _("审批立案、延期、结案"),
    Role.MEDIATOR: _("办理调解案件"),
    Role.ARBITRATOR: _("办理分配给本人的仲裁案件"),
    Role.ARBITRATION_CHAIR: _("仲裁委案件的受理、组庭、延期审批"),
    Role.DIRECTOR: _("查看结案率与超期案件"),
    Role.AUDITOR: _("只读查看"),
    Role.SYSADMIN: _("用户、节假日、参数维护"),
}

# The kernel's own model permissions.
ROLE_PERMISSIONS = {
    Role.CLERK: [
        "casework.view_employer",
        "casework.add_employer",
        "casework.change_employer",
        "casework.view_person",
        "casework.add_person",
        "casework.change_person",
    ],
    Role.INSPECTOR: [
        "casework.view_employer",
        "casework.add_employer",
        "casework.change_employer",
        "casework.view_person",
        "casework.add_person",
        "casework.change_person",
    ],
    Role.INSPECTION_HEAD: [
        "casework.view_employer",
        "casework.change_employer",
        "casework.view_person",
        "casework.change_person",
    ],
    Role.MEDIATOR: [
        "casework.view_employer",
        "casework.add_employer",
        "casework.view_person",
        "casework.add_person",
    ],
    Role.ARBITRATOR: ["casework.view_employer", "casework.view_person"],
    Role.ARBITRATION_CHAIR: [
        "casework.view_employer",
        "casework.add_employer",
        "casework.view_person",
        "casework.add_person",
    ],
    Role.DIRECTOR: ["casework.view_employer", "casework.view_person"],
    Role.AUDITOR: ["casework.view_employer", "casework.view_person"],
    Role.SYSADMIN: [
        "casework.view_jurisdiction",
        "casework.change_jurisdiction",
        "casework.view_user",
        "casework.add_user",
        "casework.change_user",
        "casework.view_holiday",
        "casework.add_holiday",
        "casework.change_holiday",
        "casework.delete_holiday",
        "casework.view_calendaryear",
        "casework.add_calendaryear",
        "casework.change_calendaryear",
        "casework.view_localholiday",
        "casework.add_localholiday",
        "casework.change_localholiday",
        "casework.delete_localholiday",
        "casework.view_setting",
        "casework.change_setting",
    ],
}


def collect_role_permissions() -> dict[Role, set[str]]:
    matrix: dict[Role, set[str]] = {role: set() for role in Role}
    for app_config in global_apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app_config.name}.roles")
        except ModuleNotFoundError:
            continue
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            matrix[Role(role)].update(perms)
    return matrix


def sync_role_groups(sender=None, using="default", **kwargs):
    """Create one group per role and give it exactly the declared permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender.name != "casework":
        return
    wanted = collect_role_permissions()
    all_codes = {code for codes in wanted.values() for code in codes}
    by_code = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
        if f"{p.content_type.app_label}.{p.codename}" in all_codes
    }
    for role, codes in wanted.items():
        group, _created = Group.objects.using(using).get_or_create(name=role.label)
        group.permissions.set([by_code[c] for c in codes if c in by_code])
