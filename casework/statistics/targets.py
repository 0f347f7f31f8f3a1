"""The plan's targets and the at-risk margin, configurable in settings.

Targets (湘西州"十四五"人力资源和社会保障事业发展规划, 专栏1; statutes.md §6): labour-dispute arbitration
closure rate 90%, labour-inspection complaint closure rate 96%, labour-dispute mediation success rate 60%.
Override with ``SETTLEMENT_TARGETS = {"arbitration_closure": "92", ...}`` (percent) and
``SETTLEMENT_AT_RISK_MARGIN`` (percentage points below the target still shown as "at risk").
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_TARGETS = {
    "arbitration_closure": Decimal("90"),
    "complaint_closure": Decimal("96"),
    "mediation_success": Decimal("60"),
}
TARGET_SOURCE = _("湘西州“十四五”人社事业发展规划专栏1")
DEFAULT_AT_RISK_MARGIN = Decimal("3")


def target_for(key: str | None) -> Decimal | None:
    """The target (percent) called ``key``, from settings or the plan's defaults; None when none is set."""
    if not key:
        return None
    configured = getattr(settings, "SETTLEMENT_TARGETS", {}) or {}
    value = configured.get(key, DEFAULT_TARGETS.get(key))
    return None if value is None else Decimal(str(value))


def at_risk_margin() -> Decimal:
    return Decimal(str(getattr(settings, "SETTLEMENT_AT_RISK_MARGIN", DEFAULT_AT_RISK_MARGIN)))
