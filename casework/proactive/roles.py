"""Model permissions of the proactive app per role (synced into the role groups after migrate)."""

from casework.roles import Role

_VIEW = [
    "proactive.view_inspection",
    "proactive.view_grid",
    "proactive.view_gridemployer",
    "proactive.view_campaign",
    "proactive.view_checklistitem",
    "proactive.view_draw",
    "proactive.view_drawrule",
    "proactive.view_inspectorregistryentry",
]
_INSPECT = [
    "proactive.add_inspection",
    "proactive.change_inspection",
    "proactive.add_gridemployer",
    "proactive.change_gridemployer",
]
_ORGANISE = [
    "proactive.add_grid",
    "proactive.change_grid",
    "proactive.add_campaign",
    "proactive.change_campaign",
    "proactive.add_draw",
    "proactive.change_draw",
    "proactive.add_inspectorregistryentry",
    "proactive.change_inspectorregistryentry",
]

ROLE_PERMISSIONS = {
    Role.INSPECTOR: _VIEW + _INSPECT,
    Role.INSPECTION_HEAD: _VIEW + _INSPECT + _ORGANISE,
    Role.DIRECTOR: _VIEW + ["proactive.add_draw", "proactive.change_draw"],
    Role.AUDITOR: list(_VIEW),
    Role.SYSADMIN: [
        *_VIEW,
        "proactive.add_checklistitem",
        "proactive.change_checklistitem",
        "proactive.change_drawrule",
        "proactive.add_drawrule",
        "proactive.add_grid",
        "proactive.change_grid",
        "proactive.add_inspectorregistryentry",
        "proactive.change_inspectorregistryentry",
    ],
}
