"""``manage.py seed_scale``: the benchmark dataset is complete and consistent (small N, any database)."""

import io
from collections import Counter
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from arbitration.models import ArbitrationCase, MediationCase
from arrears.models import ArrearsCase
from casework.inspection.models import Complaint
from casework.models import (
    CaseNumberSequence,
    Deadline,
    DeadlineAlert,
    Jurisdiction,
    Notification,
    Person,
    StatisticsChange,
    TransitionLog,
    User,
)
from casework.roles import Role
from casework.services import alerts
from casework.statistics.periods import Period
from casework.statistics.report import build_report

pytestmark = pytest.mark.django_db

CASE_MODELS = (Complaint, ArbitrationCase, MediationCase, ArrearsCase)


def seed(*args):
    out = io.StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    seed("--cases", "400", "--batch", "150", "--seed", "7")


def test_every_case_type_over_the_counties_states_and_years(seeded):
    counts = {model: model.objects.count() for model in CASE_MODELS}
    assert counts == {Complaint: 160, ArbitrationCase: 140, MediationCase: 60, ArrearsCase: 40}
    counties = set(Jurisdiction.objects.exclude(level="prefecture").values_list("id", flat=True))
    complaints = Complaint.objects.all()
    assert set(complaints.values_list("jurisdiction_id", flat=True)) == counties
    assert len(set(complaints.values_list("year", flat=True))) >= 5
    states = set(complaints.values_list("state", flat=True))
    assert states & Complaint.OPEN_STATES and states - Complaint.OPEN_STATES
    for model in CASE_MODELS:
        numbers = list(model.objects.values_list("number", flat=True))
        assert len(numbers) == len(set(numbers))
        for jurisdiction_id, year, sequence in model.objects.values_list(
            "jurisdiction_id", "year", "sequence"
        ):
            issued = CaseNumberSequence.objects.get(
                case_type=model.CASE_TYPE, jurisdiction_id=jurisdiction_id, year=year
            ).last_value
            assert sequence <= issued  # the next case registered by hand gets a fresh number


def test_audit_chains_and_arrears_totals_verify(seeded):
    call_command("verify_audit_chain", stdout=io.StringIO())
    call_command("verify_arrears_totals", stdout=io.StringIO())
    closed = Complaint.objects.filter(state="closed").first()
    steps = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), object_id=closed.pk
    ).values_list("to_state", flat=True)
    assert list(steps)[-1] == "closed"


def test_staff_in_every_county_with_their_roles(seeded):
    for county in Jurisdiction.objects.exclude(level="prefecture"):
        roles = Counter(
            User.objects.filter(jurisdictions=county, username__startswith="scale_").values_list(
                "groups__name", flat=True
            )
        )
        for role in (
            Role.INSPECTOR,
            Role.INSPECTION_HEAD,
            Role.ARBITRATOR,
            Role.ARBITRATION_CHAIR,
            Role.MEDIATOR,
        ):
            assert roles[role.label] >= 1, (county, role)
    assert User.objects.filter(groups__name=Role.DIRECTOR.label, jurisdictions__level="prefecture").exists()


def test_handled_cases_have_assignees_of_their_county():
    seed("--cases", "300", "--seed", "3")
    handled = Complaint.objects.exclude(state__in=["registered", "not_accepted", "complaint_withdrawn"])
    assert handled.exists()
    for case in handled.prefetch_related("assignees__jurisdictions", "assignees__groups"):
        assignees = list(case.assignees.all())
        assert len(assignees) == 2
        for user in assignees:
            assert case.jurisdiction in user.jurisdictions.all()
            assert Role.INSPECTOR.label in [g.name for g in user.groups.all()]
    assert not Complaint.objects.filter(state="registered", assignees__isnull=False).exists()


def test_open_cases_have_one_running_deadline_and_no_alert(seeded):
    for model in CASE_MODELS:
        ct = ContentType.objects.get_for_model(model)
        for case in model.objects.filter(state__in=list(model.OPEN_STATES)):
            running = Deadline.objects.filter(content_type=ct, object_id=case.pk, status="open")
            assert [d.due_on for d in running] == [case.next_due]
    running_ids = Deadline.objects.filter(status="open").values("pk")
    assert not DeadlineAlert.objects.filter(deadline__in=running_ids).exists()


def test_closed_cases_have_met_deadlines_and_past_alerts_read(seeded):
    ct = ContentType.objects.get_for_model(Complaint)
    closed = Complaint.objects.exclude(state__in=list(Complaint.OPEN_STATES))
    met = Deadline.objects.filter(content_type=ct, object_id__in=closed.values("pk"), status="met")
    assert met.count() == closed.count()
    assert all(d.met_on is not None for d in met)
    past = DeadlineAlert.objects.filter(deadline__status="met")
    assert past.exists()
    notes = Notification.objects.filter(alert__in=past)
    assert notes.exists()
    assert not notes.filter(read_at=None).exists()
    assert not notes.filter(dispatched_at=None).exists()  # the sweep does not send them again


def test_the_sweep_notifies_staff(seeded):
    result = alerts.sweep(today=date.today())
    assert result.candidates > 0
    assert result.notifications > 0
    notified = User.objects.filter(notifications__alert__raised_on=date.today()).distinct()
    assert notified.exists()
    assert all(user.username.startswith("scale_") for user in notified)


def test_refuses_a_second_run_then_appends_and_resets(seeded, register):
    with pytest.raises(CommandError):
        seed("--cases", "10")
    seed("--cases", "100", "--append")
    assert sum(model.objects.count() for model in CASE_MODELS) == 500
    numbers = list(Complaint.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    call_command("verify_audit_chain", stdout=io.StringIO())

    own = register()  # a case registered through the service survives --reset
    seed("--cases", "100", "--reset")
    assert sum(model.objects.count() for model in CASE_MODELS) == 101
    assert Complaint.objects.filter(pk=own.pk).exists()
    assert Person.objects.filter(name__startswith="规模测试").count() == 20
    call_command("verify_audit_chain", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statistics cache lives on PostgreSQL")
def test_figures_cached_before_a_load_are_not_served_after_it():
    """The load switches the statistics change trigger off (one row per closed case would slow it down) and
    notes one bulk change per case table instead, so the dashboard counts the loaded cases."""
    director = User(username="bench", is_superuser=True, is_active=True)
    today = date.today()
    year = Period.year(today.year)

    def closure():
        rate = build_report(director, year, today=today).of("complaint").total.rate("closure")
        return rate.numerator, rate.denominator

    closure()  # the closed months are cached now
    changes = StatisticsChange.objects.count()
    seed("--cases", "400", "--batch", "150", "--seed", "7")
    assert StatisticsChange.objects.count() - changes == 4  # one per case table, not one per closed case
    served = closure()
    cache.clear()
    assert served == closure() != (0, 0)


def test_every_type_comes_from_the_registry_and_its_own_seed_wins(monkeypatch):
    """The command knows the case types only through the registry: a type's registered ``scale_seed`` is
    used (here one that generates no mediation cases), and a type without one (the blacklist) is skipped."""
    import dataclasses

    from casework.kernel.registry import case_type_for
    from casework.kernel.scale import scale_seeds

    codes = [case_type.code for case_type, _seed in scale_seeds()]
    assert sorted(codes) == sorted(model.CASE_TYPE for model in CASE_MODELS)
    mediation = case_type_for(MediationCase)
    discovered = dict((t.code, s) for t, s in scale_seeds())[mediation.code]
    monkeypatch.setattr(mediation, "scale_seed", dataclasses.replace(discovered, share=0.0))
    seed("--cases", "100", "--seed", "5")
    assert MediationCase.objects.count() == 0
    assert all(model.objects.exists() for model in (Complaint, ArbitrationCase, ArrearsCase))
    call_command("verify_audit_chain", stdout=io.StringIO())
