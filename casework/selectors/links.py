"""The links of a case, both ways, with the evidence shared by reference (a fixed number of queries)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from casework.models import CaseLink


def links_for(case) -> list[CaseLink]:
    kind = ContentType.objects.get_for_model(case)
    return list(
        CaseLink.objects.filter(Q(from_type=kind, from_id=case.pk) | Q(to_type=kind, to_id=case.pk))
        .select_related("created_by")
        .prefetch_related("evidence")
    )
