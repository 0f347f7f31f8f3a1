"""Who sees the 督办 list (each only the supervisions of cases they can see: ``selectors``)."""

from casework.roles import Role

_VIEW = ["supervision.view_supervision", "supervision.view_supervisionreport"]

ROLE_PERMISSIONS = {
    Role.DIRECTOR: _VIEW,
    Role.INSPECTION_HEAD: _VIEW,
    Role.ARBITRATION_CHAIR: _VIEW,
    Role.AUDITOR: _VIEW,
}
