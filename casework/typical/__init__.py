"""Typical cases (典型案例, issue 20 item 5): an anonymised account of a closed case, proposed by its handlers,
approved by the unit head, published on a public page (list, detail, JSON feed) and withdrawable.

A kernel sub-package like ``casework.supervision``: a typical case is a record about a case of any type whose
registration allows publication (``CaseType.disclosure``), and proposing, approving and withdrawing it are
logged actions on that case (``case_action``). Before it is proposed and again before it is published, its text
is scanned against the case's parties (``privacy``): no worker's name, ID number or phone, and the employer
only where 人社部令第29号 lets the bureau name it (statutes.md §3).
"""
