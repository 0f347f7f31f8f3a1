"""The role × change walk: every registered case type, every change of ``write_matrix()`` (transitions and
actions), every role, through the kernel's endpoint ``POST /api/v1/<api_slug>/<id>/<transitions|actions>/<name>/``.

Each user holds one role in the case's county and works on the case (assigned; an arbitrator sits on its
tribunal), so only the role decides. A role the matrix does not name is refused — 403, or 404 where the role
cannot see the case at all — before the (empty) body is read, and nothing is written. A role it names is never
refused (400 or 409 are fine: the empty body or the case's state may not fit). The auditor writes nothing.
"""

import pytest
from rest_framework.test import APIClient

from casework.kernel.registry import case_type, case_types
from casework.kernel.writes import write_matrix
from casework.models import TransitionLog
from casework.roles import READ_ONLY_ROLES, Role
from tests.api.conftest import SEEDERS, row_counts
from tests.api.contract import assert_error_shape, describe

MATRIX = write_matrix()


def stored(case) -> list[dict]:
    return list(type(case)._base_manager.filter(pk=case.pk).values())


@pytest.mark.parametrize(
    "row, role",
    [
        pytest.param(row, role, id=f"{row.case_type}-{row.name}-{role.value}")
        for row in MATRIX
        for role in Role
    ],
)
def test_only_the_roles_of_the_matrix_make_a_change(world, row, role):
    registered = case_type(row.case_type)
    case = world.here.cases[row.case_type]
    user = world.user(role)
    kind = "transitions" if row.kind == "transition" else "actions"
    url = f"/api/v1/{registered.api_slug}/{case.pk}/{kind}/{row.name}/"
    client = APIClient()
    client.force_authenticate(user)
    logs, before = TransitionLog.objects.count(), stored(case)
    counts = row_counts() if role in READ_ONLY_ROLES else None

    response = client.post(url, {}, format="json")

    request = {"method": "POST", "url": url, "body": {}, "who": role.value}
    assert response.status_code < 500, describe(response, **request)
    if response.status_code >= 400:
        assert_error_shape(response, **request)
    if role.value in row.roles:
        assert response.status_code not in (401, 403, 404), describe(response, **request)
        return
    sees = registered.visible(user).filter(pk=case.pk).exists()
    assert response.status_code == (403 if sees else 404), describe(response, **request)
    assert TransitionLog.objects.count() == logs, f"a refused change wrote a log entry: {url} as {role.value}"
    assert stored(case) == before, f"a refused change changed the case: {url} as {role.value}"
    if role in READ_ONLY_ROLES:
        assert row_counts() == counts, f"the auditor wrote: {url}"


def test_no_change_is_open_to_a_read_only_role():
    read_only = {role.value for role in READ_ONLY_ROLES}
    assert [(r.case_type, r.name) for r in MATRIX if r.roles & read_only] == []
    assert Role.AUDITOR in READ_ONLY_ROLES


def test_every_change_names_a_role_and_every_case_type_is_walked():
    assert [(r.case_type, r.name) for r in MATRIX if not r.roles] == []
    assert {r.case_type for r in MATRIX} == {t.code for t in case_types()}


def test_every_case_type_has_a_seeder():
    """A new case type needs a seeder in tests/api/conftest.py (SEEDERS) to be walked and fuzzed."""
    assert {t.code for t in case_types()} <= set(SEEDERS)
