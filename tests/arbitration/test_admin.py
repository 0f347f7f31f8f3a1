"""The admin's inputs: minimum wages are yuan amounts and dates in their window; the green channel's
internal targets are whole numbers never longer than the statutory periods they sit beside."""

from decimal import Decimal

import pytest
from django.urls import reverse

from arbitration.models import ArbitrationSettings, MinimumWage

pytestmark = pytest.mark.django_db


def test_internal_targets_stay_within_the_statutory_periods(admin_client):
    settings = ArbitrationSettings.current()
    url = reverse("admin:arbitration_arbitrationsettings_change", args=[settings.pk])
    for field, value in (
        ("green_accept_working_days", "6"),  # more than the 5 working days to accept
        ("green_close_days", "99999"),
        ("green_mediation_days", "0"),
        ("green_close_days", "1e3"),
    ):
        data = {"green_accept_working_days": "1", "green_close_days": "30", "green_mediation_days": "7"}
        response = admin_client.post(url, {**data, field: value})
        assert response.status_code == 200 and response.context["adminform"].form.errors[field], field
    response = admin_client.post(
        url, {"green_accept_working_days": "2", "green_close_days": "20", "green_mediation_days": "10"}
    )
    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.green_accept_working_days, settings.green_close_days) == (2, 20)


@pytest.mark.parametrize("amount", ["NaN", "1e30", "-0", "1000000.00", "1,9,00"])
def test_a_minimum_wage_is_an_amount_in_yuan(amount, admin_client, jishou):
    url = reverse("admin:arbitration_minimumwage_add")
    data = {"jurisdiction": jishou.pk, "effective_from": "2026-07-01", "monthly_amount": amount, "tier": "2"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["monthly_amount"]
    response = admin_client.post(url, {**data, "monthly_amount": "2,100.00", "tier": "40000"})
    assert response.status_code == 200 and response.context["adminform"].form.errors["tier"]
    response = admin_client.post(url, {**data, "monthly_amount": "2,100.00", "effective_from": "2206-12-14"})
    assert response.status_code == 200 and response.context["adminform"].form.errors["effective_from"]
    assert admin_client.post(url, {**data, "monthly_amount": "2,100.00"}).status_code == 302
    assert MinimumWage.objects.get(
        jurisdiction=jishou, effective_from="2026-07-01"
    ).monthly_amount == Decimal("2100.00")
