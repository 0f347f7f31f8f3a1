"""Model permissions of the clue app per role (synced into the role groups after migrate)."""

from casework.roles import Role

_VIEW = ["clues.view_clue", "clues.view_replyoutcome"]
_WRITE = ["clues.add_clue", "clues.change_clue"]

ROLE_PERMISSIONS = {
    Role.CLERK: _VIEW + _WRITE,
    Role.INSPECTOR: _VIEW + _WRITE,
    Role.INSPECTION_HEAD: _VIEW + _WRITE,
    Role.DIRECTOR: list(_VIEW),
    Role.AUDITOR: list(_VIEW),
    Role.SYSADMIN: ["clues.view_replyoutcome", "clues.add_replyoutcome", "clues.change_replyoutcome"],
}
