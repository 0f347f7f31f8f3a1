from .calendar import CalendarYear, Holiday, LocalHoliday
from .jurisdiction import Jurisdiction
from .users import User

__all__ = ["CalendarYear", "Holiday", "Jurisdiction", "LocalHoliday", "User"]
