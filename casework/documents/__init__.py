"""The kernel's documents (文书) for every case type: kinds declared once in a case type's registration
(``CaseType.documents``), gapless numbers (文号) issued when a document is issued, service (送达) with its proof
and the deadlines it starts, electronic service by a signed SMS link, the 送达回证 PDF and the documents card of
the case page.

    kinds.py      DocumentKind and the registry (filled by ``register_case_type``)
    numbers.py    the number series: next value under a row lock, the configurable format
    services.py   issue, record service, the service address, send and open electronic service
    selectors.py  the documents card rows of a case page
    views.py      staff: 送达回证 PDF and proof download; public: the e-service page
"""
