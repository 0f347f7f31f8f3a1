"""督办: the prefecture's supervision of a major case of any registered type (issue 20, item 4).

A kernel sub-package, not a case type of its own. Supervision is a condition *of* a case — it has no parties,
number, handlers or lifecycle apart from the case's own — so it is modelled as a record pointing at the case
(content type + id, like ``Deadline`` and ``TransitionLog``), and every change (mark supervised, a progress
report, lift) is a logged action *on the supervised case* through ``case_action``: the case's row lock, its
visibility, its write roles, its hash-chained log and timeline. The report schedule and the conclusion date are
deadlines on the case (``casework.deadlines.supervision_periods``), so the one alert sweep tells the case's
handlers when a report falls due and the director when it is missed. A case type of its own would have had to
copy the supervised case's visibility, handlers and jurisdiction, and split its history across two logs.
"""
