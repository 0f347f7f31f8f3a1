"""Wiring done from ``CaseworkConfig.ready()``: cache invalidation and the calculator's menu entry."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def register() -> None:
    from casework.context_processors import NAV_ITEMS
    from casework.models import CalendarYear, Holiday, LocalHoliday

    from .workdays import clear_current_calendar

    for model in (CalendarYear, Holiday, LocalHoliday):
        post_save.connect(
            clear_current_calendar, sender=model, dispatch_uid=f"calendar-clear-save-{model.__name__}"
        )
        post_delete.connect(
            clear_current_calendar, sender=model, dispatch_uid=f"calendar-clear-delete-{model.__name__}"
        )
    if not any(url_name == "deadline-calculator" for _label, url_name, _perm in NAV_ITEMS):
        NAV_ITEMS.append((_("期限计算器"), "deadline-calculator", None))
