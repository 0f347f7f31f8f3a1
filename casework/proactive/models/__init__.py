from casework.proactive.models.draws import Draw, DrawRule, DrawState, InspectorRegistryEntry
from casework.proactive.models.grids import EmployerSize, Grid, GridEmployer
from casework.proactive.models.inspections import (
    OPEN_INSPECTION_STATES,
    Campaign,
    ChecklistItem,
    Inspection,
    InspectionKind,
    InspectionResult,
    InspectionState,
    ItemResult,
)

__all__ = [
    "OPEN_INSPECTION_STATES",
    "Campaign",
    "ChecklistItem",
    "Draw",
    "DrawRule",
    "DrawState",
    "EmployerSize",
    "Grid",
    "GridEmployer",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "InspectionState",
    "InspectorRegistryEntry",
    "ItemResult",
]
