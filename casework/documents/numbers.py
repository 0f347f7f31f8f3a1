"""Document numbers (文号): one gapless series per document kind, jurisdiction and year, e.g.
``吉人社监令〔2026〕12号`` (the jurisdiction's prefix, the authority's and the kind's code letters, the year in
〔〕, the sequence) — the format is configurable (``settings.DOCUMENT_NUMBER_FORMAT``, per kind
``settings.DOCUMENT_NUMBER_FORMATS``).

A number is taken inside the transaction that issues the document: the counter row is read ``FOR UPDATE``
(a second issuer waits for the first to commit), incremented and saved; a rolled-back issue rolls its number
back too, so the series has no gap and no duplicate.
"""

from django.db import transaction

from casework.models import DocumentSequence


def next_document_sequence(*, kind: str, jurisdiction, year: int) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document numbers must be taken inside the transaction that issues the document")
    counter, _created = DocumentSequence.objects.select_for_update().get_or_create(
        kind=kind, jurisdiction=jurisdiction, year=year
    )
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value
