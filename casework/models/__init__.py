from .calendar import CalendarYear, Holiday, LocalHoliday
from .case import AuditedRecord, Case, CaseNumberSequence, Deadline, TransitionLog
from .claimant import ClaimantMessage, WithdrawalDecision, WithdrawalRequest
from .documents import (
    DocumentSequence,
    ElectronicService,
    IssuedDocument,
    Service,
    ServiceAddress,
    ServiceMethod,
)
from .evidence import Evidence
from .jurisdiction import Jurisdiction
from .links import CaseLink, LinkKind
from .milestones import MilestoneMessage, MilestoneText
from .notifications import AlertLevel, DeadlineAlert, Notification, NotificationPreference
from .parties import Employer, Industry, Person
from .personal_data import UnmaskedView
from .public import (
    PublicGrantRevocation,
    PublicLookupLog,
    PublicOneTimeCode,
    PublicProgressRecord,
    PublicSubmission,
)
from .search import SearchText, SearchToken
from .statistics import (
    SettlementProjection,
    SettlementRollup,
    SettlementRollupState,
    SettlementStatistics,
    StatisticsChange,
)
from .users import User
from .view_audit import CaseView

__all__ = [
    "AlertLevel",
    "CalendarYear",
    "AuditedRecord",
    "Case",
    "CaseLink",
    "CaseNumberSequence",
    "CaseView",
    "ClaimantMessage",
    "Deadline",
    "DeadlineAlert",
    "DocumentSequence",
    "ElectronicService",
    "Employer",
    "Evidence",
    "Holiday",
    "Industry",
    "IssuedDocument",
    "Jurisdiction",
    "LinkKind",
    "LocalHoliday",
    "MilestoneMessage",
    "MilestoneText",
    "Notification",
    "NotificationPreference",
    "Person",
    "PublicLookupLog",
    "PublicOneTimeCode",
    "PublicProgressRecord",
    "PublicGrantRevocation",
    "PublicSubmission",
    "SearchText",
    "SearchToken",
    "Service",
    "ServiceAddress",
    "ServiceMethod",
    "SettlementStatistics",
    "SettlementRollup",
    "SettlementProjection",
    "SettlementRollupState",
    "StatisticsChange",
    "TransitionLog",
    "UnmaskedView",
    "User",
    "WithdrawalDecision",
    "WithdrawalRequest",
]
