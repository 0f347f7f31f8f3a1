"""Assisted filing (代为提交): registered helpers file green-channel complaints and applications for workers.

A helper (trade union 工会, township labour station 乡镇劳动保障站, legal aid 法律援助, village or community
村/社区) holds an account of the ``helper`` role and a ``Helper`` record naming their unit. They fill the green
channel's own form for the worker (``casework.public``); the case is filed only after the worker consents —
a one-time code sent by SMS to the worker's own phone, or, for a worker without a phone, a photograph of a
signed consent form — through the green channel's own service, so the worker gets the usual receipt SMS. The
filing is recorded on the case (``AssistedFiling`` and a log entry: "代为提交" with the helper's name and unit
and the consent method). A helper sees only the cases they filed, for 30 days, and no staff page or API.
"""
