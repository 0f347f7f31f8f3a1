from .calendar import CalendarYear, Holiday, LocalHoliday
from .case import Case, CaseNumberSequence, Deadline, TransitionLog
from .complaint import Complaint, ComplaintGroupObjectPermission, ComplaintUserObjectPermission
from .evidence import Evidence
from .jurisdiction import Jurisdiction
from .parties import Employer, Industry, Person
from .personal_data import UnmaskedView
from .statistics import SettlementStatistics
from .users import User

__all__ = [
    "CalendarYear",
    "Case",
    "CaseNumberSequence",
    "Complaint",
    "ComplaintGroupObjectPermission",
    "ComplaintUserObjectPermission",
    "Deadline",
    "Employer",
    "Evidence",
    "Holiday",
    "Industry",
    "Jurisdiction",
    "LocalHoliday",
    "Person",
    "SettlementStatistics",
    "TransitionLog",
    "UnmaskedView",
    "User",
]
