from .calendar import CalendarYear, Holiday, LocalHoliday
from .case import Case, CaseNumberSequence, Deadline, TransitionLog
from .evidence import Evidence
from .jurisdiction import Jurisdiction
from .links import CaseLink, LinkKind
from .notifications import AlertLevel, DeadlineAlert, Notification, NotificationPreference
from .parties import Employer, Industry, Person
from .personal_data import UnmaskedView
from .public import PublicLookupLog, PublicOneTimeCode, PublicSubmission
from .statistics import SettlementStatistics, StatisticsChange
from .users import User

__all__ = [
    "AlertLevel",
    "CalendarYear",
    "Case",
    "CaseLink",
    "CaseNumberSequence",
    "Deadline",
    "DeadlineAlert",
    "Employer",
    "Evidence",
    "Holiday",
    "Industry",
    "Jurisdiction",
    "LinkKind",
    "LocalHoliday",
    "Notification",
    "NotificationPreference",
    "Person",
    "PublicLookupLog",
    "PublicOneTimeCode",
    "PublicSubmission",
    "SettlementStatistics",
    "StatisticsChange",
    "TransitionLog",
    "UnmaskedView",
    "User",
]
