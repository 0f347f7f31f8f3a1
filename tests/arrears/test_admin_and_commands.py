"""The admin (thresholds editable, cases read-only, account numbers masked) and the totals check command."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from arrears.models import ArrearsCase, CrimeThreshold
from arrears.services.projects import project_create

pytestmark = pytest.mark.django_db


def test_thresholds_are_edited_in_the_admin_and_cases_are_read_only(admin_client, open_case):
    threshold = CrimeThreshold.objects.get()
    url = reverse("admin:arrears_crimethreshold_change", args=[threshold.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "province": "湖南省",
            "per_worker_amount": "4000",
            "min_months": 3,
            "total_amount": "40000",
            "min_workers": 10,
            "effective_from": "2013-01-23",
            "source": "x",
        },
    )
    assert response.status_code == 200 and "5,000元至20,000元之间" in response.content.decode()
    threshold.refresh_from_db()
    assert threshold.per_worker_amount == Decimal("6000.00")
    case = open_case()
    assert admin_client.get(reverse("admin:arrears_arrearscase_changelist")).status_code == 200
    assert (
        admin_client.post(reverse("admin:arrears_arrearscase_change", args=[case.pk]), {}).status_code == 403
    )


def test_admin_masks_the_wage_account(admin_client, staff, jishou, employer):
    project = project_create(
        actor=staff["clerk"],
        jurisdiction=jishou,
        name="项目",
        location="吉首",
        subcontractor=employer,
        wage_account_number="6228480012345678901",
    )
    for url in (
        reverse("admin:arrears_constructionproject_changelist"),
        reverse("admin:arrears_constructionproject_change", args=[project.pk]),
    ):
        page = admin_client.get(url).content.decode()
        assert "6228 **** 8901" in page and "6228480012345678901" not in page


def test_verify_arrears_totals_command(open_case, add_workers, capsys):
    case = open_case()
    add_workers(case, [(3, "100.00")])
    call_command("verify_arrears_totals")
    assert "consistent" in capsys.readouterr().out
    ArrearsCase.objects.filter(pk=case.pk).update(
        total_owed=Decimal("200.00"), total_outstanding=Decimal("200.00")
    )
    with pytest.raises(CommandError):
        call_command("verify_arrears_totals")
