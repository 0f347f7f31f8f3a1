from .blacklist import BlacklistEntry, BlacklistState, Grounds
from .cases import (
    ArrearsCase,
    ArrearsCaseGroupObjectPermission,
    ArrearsCaseUserObjectPermission,
    ArrearsState,
    PoliceStatus,
)
from .ledger import ArrearsWorker, LineSource, PayerKind, Payment
from .monitoring import (
    Attendance,
    DepositMovement,
    DepositMovementKind,
    LabourCostTransfer,
    PayChannel,
    ProjectSubcontractor,
    RosterWorker,
    WagePayment,
)
from .projects import ConstructionProject, DepositForm, DepositRelief, ProjectChange
from .thresholds import CrimeThreshold
from .warnings import WageWarning, WarningLevel, WarningRule, WarningState

__all__ = [
    "ArrearsCase",
    "ArrearsCaseGroupObjectPermission",
    "ArrearsCaseUserObjectPermission",
    "ArrearsState",
    "ArrearsWorker",
    "Attendance",
    "BlacklistEntry",
    "BlacklistState",
    "ConstructionProject",
    "ProjectChange",
    "CrimeThreshold",
    "DepositForm",
    "DepositMovement",
    "DepositMovementKind",
    "DepositRelief",
    "Grounds",
    "LabourCostTransfer",
    "LineSource",
    "PayChannel",
    "PayerKind",
    "Payment",
    "PoliceStatus",
    "ProjectSubcontractor",
    "RosterWorker",
    "WagePayment",
    "WageWarning",
    "WarningLevel",
    "WarningRule",
    "WarningState",
]
