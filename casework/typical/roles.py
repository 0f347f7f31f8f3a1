"""Who sees the staff list of typical cases (each only those of cases they can see)."""

from casework.roles import Role

ROLE_PERMISSIONS = {
    role: ["typical.view_typicalcase"]
    for role in (
        Role.INSPECTOR,
        Role.INSPECTION_HEAD,
        Role.MEDIATOR,
        Role.ARBITRATOR,
        Role.ARBITRATION_CHAIR,
        Role.DIRECTOR,
        Role.AUDITOR,
    )
}
