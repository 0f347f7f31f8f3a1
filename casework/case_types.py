"""The concrete case models of every installed app (subclasses of ``casework.models.Case``), and the models
whose changes the transition log chains (the cases and the ``AuditedRecord`` models)."""

from django.apps import apps


def case_models():
    from casework.models import Case

    return [m for m in apps.get_models() if issubclass(m, Case) and not m._meta.abstract]


def chained_models():
    """Every model with hash chains in the transition log: the case models, then the audited records (a
    construction project); ``verify_audit_chain`` and the daily digest walk these."""
    from casework.models import AuditedRecord

    records = [m for m in apps.get_models() if issubclass(m, AuditedRecord) and not m._meta.abstract]
    return [*case_models(), *records]
