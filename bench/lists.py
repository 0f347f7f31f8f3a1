"""The staff case lists the benchmarks request: who looks, and which pages (shared by run.py and list_queries.py).

Call after ``bench.common.setup()``. ``list_users`` creates users: run it inside a transaction that is rolled back.
"""

from urllib.parse import quote

from django.contrib.auth.models import Group

from arbitration.models import ArbitrationCase, MediationCase
from arrears.models import ArrearsCase
from casework.inspection.models import Complaint
from casework.models import Jurisdiction, User
from casework.roles import Role

# (list, URL, model, a state to filter by, the employer's / respondent's name field)
LISTS = (
    ("complaint", "/complaints/", Complaint, "investigating", "employer__name"),
    ("arbitration", "/arbitrations/", ArbitrationCase, "heard", "respondent__name"),
    ("mediation", "/mediations/", MediationCase, "in_session", "respondent__name"),
    ("arrears", "/arrears/", ArrearsCase, "payment_ordered", "employer__name"),
)
ASSIGNED = 40  # cases granted to the bench arbitrator, who sees nothing else


def make_user(username, role, *jurisdictions, superuser=False):
    user = User.objects.create_user(
        username=username, password="x", full_name="基准测试", is_superuser=superuser
    )
    if role:
        user.groups.add(Group.objects.get(name=role.label))
    if jurisdictions:
        user.jurisdictions.set(jurisdictions)
    return User.objects.get(pk=user.pk)


def county() -> Jurisdiction:
    return Jurisdiction.objects.get(code="433101")


def list_users(jishou) -> dict[str, list[tuple[str, User]]]:
    """County staff who see each list's county cases, an arbitrator who sees only assigned cases, a director."""
    from guardian.shortcuts import assign_perm

    inspector = make_user("bench_list_inspector", Role.INSPECTOR, jishou)
    chair = make_user("bench_list_chair", Role.ARBITRATION_CHAIR, jishou)
    mediator = make_user("bench_list_mediator", Role.MEDIATOR, jishou)
    arbitrator = make_user("bench_list_arbitrator", Role.ARBITRATOR, jishou)
    for case in ArbitrationCase.objects.filter(jurisdiction=jishou).order_by("-id")[:ASSIGNED]:
        assign_perm("arbitration.view_arbitrationcase", arbitrator, case)
    director = make_user("bench_list_director", Role.DIRECTOR, Jurisdiction.objects.get(code="433100"))
    return {
        "complaint": [("county inspector", inspector), ("prefecture director", director)],
        "arbitration": [
            ("county chair", chair),
            (f"county arbitrator ({ASSIGNED} assigned)", arbitrator),
            ("prefecture director", director),
        ],
        "mediation": [("county mediator", mediator), ("prefecture director", director)],
        "arrears": [("county inspector", inspector), ("prefecture director", director)],
    }


def variants(model, state: str, party: str, jishou) -> list[tuple[str, str]]:
    """First page, page 40, filtered by state, searched by a case number and by an employer's name."""
    latest = model.objects.filter(jurisdiction=jishou).order_by("-id").values("number", party).first() or {}
    return [
        ("first page", ""),
        ("page 40", "?page=40"),
        ("filtered", f"?state={state}"),
        ("searched by number", f"?q={quote(latest.get('number') or '-')}"),
        ("searched by employer", f"?q={quote(latest.get(party) or '-')}"),
    ]
