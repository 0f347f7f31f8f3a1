"""The working-day calendar (issue item 2): the holiday table's seeding and working-day counting.

Public API (see ``workdays``): ``is_working_day``, ``next_working_day``, ``add_working_days``,
``add_calendar_days``, ``add_years``, ``working_days_between``, ``WorkCalendar``, ``get_calendar``,
``calendar_scope``.
"""
