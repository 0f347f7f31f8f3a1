"""Bounded property-based fuzz of every ``/api/v1/`` operation (taken from the API schema, so new endpoints are
covered without being listed here).

For each operation, hypothesis draws a caller (anonymous, auditor, director, an inspector, the arbitration
chair, an arbitrator), the path's ids (an object the caller can see, another county's, 0, a number past any
key, ``abc``, ``-1``, ``1e3``), query parameters and a body (the endpoint's valid-looking body with known
troublemakers in some of its fields, bodies that are not objects, bytes that are not JSON, forms). The
property: never a 5xx; every 4xx in the API's one error shape with a Chinese message; an anonymous caller is
told 401; an auditor's request writes nothing. Each example runs in a savepoint rolled back after it, so the
examples are independent and a failure replays from its printed draws.
"""

import os
from dataclasses import replace
from itertools import product
from urllib.parse import urlencode

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from casework.kernel.registry import case_type_by_slug, case_types
from casework.kernel.writes import write_matrix
from casework.roles import Role
from casework.services.transitions import available_transitions
from tests.api.conftest import row_counts
from tests.api.contract import Operation, anonymous_status, assert_error_shape, describe, operations
from tests.api.payloads import FILE, QUERY_TROUBLEMAKERS, TROUBLEMAKERS, bodies, encode, queries, valid_body

SLUGS = [t.api_slug for t in case_types()]


def fuzzed_operations() -> list[Operation]:
    """The schema's operations, the kernel's ``/api/v1/{slug}/…`` ones once per registered case type (a
    per-type route the kernel's shadows is the same URL: listed once)."""
    found: dict[str, Operation] = {}
    for op in operations():
        for slug in SLUGS if "{slug}" in op.path else [""]:
            concrete = replace(op, path=op.path.replace("{slug}", slug)) if slug else op
            found.setdefault(str(concrete), concrete)
    return list(found.values())


OPERATIONS = fuzzed_operations()
CALLERS = ["anonymous", "auditor", "director", "inspector", "chair", "arbitrator"]
# Who works on what: drawn more often for these resources, so more requests get past visibility and role.
WORKERS = {"arbitrations": ["chair", "arbitrator"], "mediations": ["chair"], "stats": ["director"]}
ODD_IDS = [0, 99999999999999999999, "abc", "-1", "1e3"]
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "20"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded time; the failing draws are printed
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def caller(world, who: str):
    return {
        "anonymous": None,
        "auditor": world.prefecture[Role.AUDITOR],
        "director": world.prefecture[Role.DIRECTOR],
        "inspector": world.user(Role.INSPECTOR),
        "chair": world.user(Role.ARBITRATION_CHAIR),
        "arbitrator": world.user(Role.ARBITRATOR),
    }[who]


def id_pool(world, resource: str, user) -> tuple[int, int]:
    """(an object of ``resource`` the caller's county holds, one of another county)."""
    case_type = case_type_by_slug(resource)
    here, other = world.here, world.other
    if case_type is not None and case_type.code in here.cases:
        return here.cases[case_type.code].pk, other.cases[case_type.code].pk
    if resource == "employers":
        return here.employer.pk, other.employer.pk
    if resource == "persons":
        return here.person.pk, other.person.pk
    if resource == "notifications":
        mine = world.notifications[user.pk if user else world.user(Role.INSPECTOR).pk]
        return mine.pk, world.notifications[other.staff[Role.INSPECTOR].pk].pk
    return here.cases["complaint"].pk, other.cases["complaint"].pk


def change_names(slug: str, kind: str) -> list[str]:
    case_type = case_type_by_slug(slug)
    code = case_type.code if case_type else ""
    wanted = "transition" if kind == "transitions" else "action"
    return [r.name for r in write_matrix() if r.case_type == code and r.kind == wanted] + ["nope"]


@st.composite
def path_values(draw, op, world, user) -> dict:
    values = {}
    resource = op.resource
    visible, other = id_pool(world, resource, user)
    for name in op.path_params:
        if name == "name":
            kind = "transitions" if "/transitions/" in op.path else "actions"
            values[name] = draw(st.sampled_from(change_names(resource, kind)), label="name")
        elif name == "payment_pk":
            payments = [world.here.payment.pk, world.other.payment.pk]
            values[name] = draw(st.sampled_from([*payments, *ODD_IDS]), label=name)
        else:
            values[name] = draw(st.sampled_from([visible] * 5 + [other, *ODD_IDS]), label=name)
    return values


def world_rows(world) -> list:
    """The seeded cases, parties and payments as stored (an auditor's request must leave them as they are)."""
    objects = [
        *world.here.cases.values(),
        *world.other.cases.values(),
        world.here.employer,
        world.here.person,
        world.here.payment,
    ]
    return [list(type(o)._base_manager.filter(pk=o.pk).values()) for o in objects]


def send(world, client, op, url: str, kind: str, body, who: str):
    """The request in a savepoint rolled back after it; for the auditor, what it wrote (should be nothing)."""
    with transaction.atomic():
        before = (row_counts(), world_rows(world)) if who == "auditor" else None
        if op.writes:
            payload, content_type = encode(kind, body)
            response = client.generic(op.method, url, data=payload, content_type=content_type)
        else:
            response = client.generic(op.method, url)
        after = (row_counts(), world_rows(world)) if who == "auditor" else None
        transaction.set_rollback(True)
    request = {"method": op.method, "url": url, "body": body, "who": who}
    if os.environ.get("API_FUZZ_TRACE"):
        print("TRACE", op, who, kind, response.status_code, response.content[:150].decode(errors="replace"))
    assert response.status_code < 500, describe(response, **request)
    if response.status_code >= 400:
        assert_error_shape(response, **request)
    if who == "anonymous" and anonymous_status(url) is not None:
        assert response.status_code == anonymous_status(url), describe(response, **request)
    if before is not None:
        changed = {k: (v, after[0][k]) for k, v in before[0].items() if after[0][k] != v}
        assert not changed, f"the auditor's request wrote rows {changed}\n{describe(response, **request)}"
        assert before[1] == after[1], f"the auditor's request changed a case\n{describe(response, **request)}"
    return response


def clients_for(world) -> dict[str, APIClient]:
    clients = {}
    for who in CALLERS:
        clients[who] = APIClient()
        clients[who].force_authenticate(caller(world, who))
    return clients


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_operation_holds_to_the_contract(op, world):
    clients, serial = clients_for(world), [0]
    workers = WORKERS.get(op.resource, ["inspector"])

    @FUZZ
    @given(st.data())
    def run(data):
        who = data.draw(st.sampled_from(CALLERS + workers * 3), label="caller")
        values = data.draw(path_values(op, world, caller(world, who)), label="path")
        url = op.path.format(**values)
        query = data.draw(queries(op), label="query")
        if query:
            url += "?" + urlencode(query, doseq=True)
        kind, body = "none", None
        if op.writes:
            serial[0] += 1
            kind, body = data.draw(bodies(valid_body(op, world, values, serial[0])), label="body")
        send(world, clients[who], op, url, kind, body, who)

    run()


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_every_field_takes_the_known_troublemakers(op, world):
    """Deterministically, each known troublemaker in every field of the endpoint's valid body at once, and in
    each query parameter, sent by the one who works on it: the random draws above rarely hit a given pair."""
    who = WORKERS.get(op.resource, ["inspector"])[0]
    client, user = clients_for(world)[who], caller(world, who)
    visible, _other = id_pool(world, op.resource, user)
    for name in sweep_names(op, world, user):
        values = {p: visible for p in op.path_params} | {"name": name, "payment_pk": world.here.payment.pk}
        url = op.path.format(**values)
        base = valid_body(op, world, values, 0) if op.writes else {}
        kind = "form" if FILE in base.values() else "json"
        if op.writes:
            for value in TROUBLEMAKERS:
                body = {key: FILE if was == FILE else value for key, was in base.items()}
                send(world, client, op, url, kind, body, who)
        # query parameters one at a time: one filter's 400 would hide the next one's crash
        for (key, _type), value in product(op.query, QUERY_TROUBLEMAKERS):
            send(world, client, op, f"{url}?{urlencode({key: value})}", "none", None, who)


def sweep_names(op, world, user) -> list[str]:
    """The changes the sweep sends to a change endpoint: every action the user may take (each has its own
    form), the transitions open to them now (one form for all, then their services), else one they may take."""
    if "{name}" not in op.path:
        return [""]
    case_type = case_type_by_slug(op.resource)
    kind = "transition" if "/transitions/" in op.path else "action"
    permitted = [
        r.name
        for r in write_matrix()
        if r.case_type == case_type.code and r.kind == kind and user.role_codes & r.roles
    ]
    if kind == "action":
        return permitted
    case = world.here.cases[case_type.code]
    open_now = [t["name"] for t in available_transitions(case, user) if t["name"] in permitted]
    return open_now[:3] or permitted[:1]


def test_every_operation_is_fuzzed():
    """The schema lists the case types' endpoints and the kernel's change endpoints (a broken schema would
    silently fuzz nothing)."""
    paths = {op.path for op in OPERATIONS}
    for case_type in case_types():
        assert f"/api/v1/{case_type.api_slug}/{{id}}/transitions/{{name}}/" in paths, case_type.code
        assert f"/api/v1/{case_type.api_slug}/{{id}}/actions/{{name}}/" in paths, case_type.code
    assert {"/api/v1/complaints/", "/api/v1/employers/{id}/", "/api/v1/deadlines/"} <= paths
