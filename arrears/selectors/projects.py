"""A project's change log: its entries in the kernel's transition log (``ConstructionProject`` is an
``AuditedRecord``), newest first, with the changed fields named as the forms name them."""

from django.utils.translation import gettext as _

from arrears.models import ConstructionProject
from casework.selectors.timeline import timeline_for

CHANGES_SHOWN = 20


def _field_label(name: str) -> str:
    if name == "subcontracts":
        return _("其他分包单位")
    try:
        return str(ConstructionProject._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _content(details: dict) -> str:
    """What changed, in words: the fields, the sheet and its rows, the amount and the case."""
    parts = []
    if details.get("fields"):
        parts.append("、".join(_field_label(f) for f in details["fields"]))
    if details.get("sheet"):
        parts.append(_("%(sheet)s %(rows)s行") % {"sheet": details["sheet"], "rows": details.get("rows", 0)})
    if details.get("amount"):
        parts.append(_("%(amount)s元") % {"amount": details["amount"]})
    if details.get("case"):
        parts.append(details["case"])
    return " · ".join(parts)


def project_changes(project, *, limit: int = CHANGES_SHOWN) -> list[dict]:
    """The last ``limit`` changes of ``project`` (one query): when, who, what."""
    entries = timeline_for(project).order_by("-id")[:limit]
    return [
        {"at": e.at, "actor": e.actor_name, "label": e.transition_label, "content": _content(e.details or {})}
        for e in entries
    ]
