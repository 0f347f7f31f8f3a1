"""The statutory deadline engine (issue item 3).

``rules``: the registry (``RULES``, ``get_rule``, ``all_rules``, ``DeadlineRule``, ``Unit``, ``Direction``).
``compute``: ``compute_due(rule, start, *, jurisdiction, extensions, paused_days, period,
wage_arrears_in_employment, calendar) -> DueResult``, ``pause_length``, ``DeadlineError``.
"""
