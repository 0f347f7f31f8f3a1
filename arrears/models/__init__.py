from .blacklist import BlacklistEntry, BlacklistState, Grounds
from .cases import (
    ArrearsCase,
    ArrearsCaseGroupObjectPermission,
    ArrearsCaseUserObjectPermission,
    ArrearsState,
    PoliceStatus,
)
from .ledger import ArrearsWorker, LineSource, PayerKind, Payment
from .projects import ConstructionProject
from .thresholds import CrimeThreshold

__all__ = [
    "ArrearsCase",
    "ArrearsCaseGroupObjectPermission",
    "ArrearsCaseUserObjectPermission",
    "ArrearsState",
    "ArrearsWorker",
    "BlacklistEntry",
    "BlacklistState",
    "ConstructionProject",
    "CrimeThreshold",
    "Grounds",
    "LineSource",
    "PayerKind",
    "Payment",
    "PoliceStatus",
]
