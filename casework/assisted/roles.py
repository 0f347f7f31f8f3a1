"""Administrators register helpers and read the filings; helpers themselves hold no model permission."""

from casework.roles import Role

ROLE_PERMISSIONS = {
    Role.SYSADMIN: [
        "assisted.view_helper",
        "assisted.add_helper",
        "assisted.change_helper",
        "assisted.view_assistedfiling",
    ],
    Role.HELPER: [],
}
