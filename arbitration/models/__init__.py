from .arbitration import (
    ArbitrationCase,
    ArbitrationCaseGroupObjectPermission,
    ArbitrationCaseUserObjectPermission,
    ArbitrationChannel,
    ArbitrationOutcome,
    ArbitrationState,
    Procedure,
    TerminationReason,
)
from .claims import Award, ClaimDecision, ClaimItem, ClaimType, Representative
from .config import ArbitrationSettings, MinimumWage
from .mediation import (
    MediationBody,
    MediationCase,
    MediationCaseGroupObjectPermission,
    MediationCaseUserObjectPermission,
    MediationChannel,
    MediationOutcome,
    MediationState,
)
from .proceedings import Hearing, MediationSession, Suspension, TribunalMember

__all__ = [
    "ArbitrationCase",
    "ArbitrationCaseGroupObjectPermission",
    "ArbitrationCaseUserObjectPermission",
    "ArbitrationChannel",
    "ArbitrationOutcome",
    "ArbitrationSettings",
    "ArbitrationState",
    "Award",
    "ClaimDecision",
    "ClaimItem",
    "ClaimType",
    "Hearing",
    "MediationBody",
    "MediationCase",
    "MediationCaseGroupObjectPermission",
    "MediationCaseUserObjectPermission",
    "MediationChannel",
    "MediationOutcome",
    "MediationSession",
    "MediationState",
    "MinimumWage",
    "Procedure",
    "Representative",
    "Suspension",
    "TerminationReason",
    "TribunalMember",
]
