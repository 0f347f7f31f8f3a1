from django.contrib.contenttypes.models import ContentType

from casework.models import TransitionLog


def timeline_for(case, *, public_only: bool = False):
    qs = TransitionLog.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)
    if public_only:
        qs = qs.filter(public=True)
    return qs.order_by("id")
