"""Model permissions of the arrears app per role (synced into the role groups after migrate)."""

from casework.roles import Role

_VIEW = [
    "arrears.view_arrearscase",
    "arrears.view_arrearsworker",
    "arrears.view_payment",
    "arrears.view_constructionproject",
    "arrears.view_blacklistentry",
    "arrears.view_crimethreshold",
    "arrears.view_wagewarning",
    "arrears.view_rosterworker",
    "arrears.view_warningrule",
]

_REGISTER = [
    "arrears.add_arrearscase",
    "arrears.add_arrearsworker",
    "arrears.add_constructionproject",
    "arrears.change_constructionproject",
]
_INSPECT = _REGISTER + [
    "arrears.change_arrearscase",
    "arrears.change_arrearsworker",
    "arrears.add_payment",
    "arrears.change_payment",
    "arrears.add_blacklistentry",
    "arrears.change_wagewarning",
]

ROLE_PERMISSIONS = {
    Role.CLERK: _VIEW + _REGISTER,
    Role.INSPECTOR: _VIEW + _INSPECT,
    Role.INSPECTION_HEAD: _VIEW + _INSPECT + ["arrears.approve_arrearscase", "arrears.change_blacklistentry"],
    Role.DIRECTOR: _VIEW + ["arrears.change_blacklistentry"],
    Role.AUDITOR: list(_VIEW),
    Role.SYSADMIN: [
        "arrears.view_crimethreshold",
        "arrears.add_crimethreshold",
        "arrears.change_crimethreshold",
        "arrears.view_warningrule",
        "arrears.change_warningrule",
    ],
}
