"""Model permissions of the mediation and arbitration roles (synchronised into the role groups).

The arbitrator role has **no** model-wide view permission on arbitration or mediation cases: an
arbitrator sees exactly the cases whose tribunal (or review) they sit on, through the object permissions
granted in ``arbitration.services.tribunal``. ``view_arbitration_pages`` only opens the menu and list.
The chair sees all of the commission's cases (in their jurisdictions); mediators see mediation cases.
"""

from casework.roles import Role

ARBITRATION_READ = [
    "arbitration.view_arbitrationcase",
    "arbitration.view_mediationcase",
    "arbitration.view_arbitration_pages",
]

ROLE_PERMISSIONS = {
    Role.MEDIATOR: [
        "arbitration.view_mediationcase",
        "arbitration.add_mediationcase",
        "arbitration.change_mediationcase",
    ],
    Role.ARBITRATOR: ["arbitration.view_arbitration_pages"],
    Role.ARBITRATION_CHAIR: [
        *ARBITRATION_READ,
        "arbitration.add_arbitrationcase",
        "arbitration.change_arbitrationcase",
        "arbitration.add_mediationcase",
        "arbitration.change_mediationcase",
        "arbitration.view_minimumwage",
    ],
    Role.DIRECTOR: ARBITRATION_READ,
    Role.AUDITOR: ARBITRATION_READ,
    Role.SYSADMIN: [
        "arbitration.view_minimumwage",
        "arbitration.add_minimumwage",
        "arbitration.change_minimumwage",
        "arbitration.view_arbitrationsettings",
        "arbitration.change_arbitrationsettings",
    ],
}
