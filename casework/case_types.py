"""The concrete case models of every installed app (subclasses of ``casework.models.Case``)."""

from django.apps import apps


def case_models():
    from casework.models import Case

    return [m for m in apps.get_models() if issubclass(m, Case) and not m._meta.abstract]
