"""One world for the API's acceptance tests: a case of every registered type in 吉首 (visible to its staff) and
another in 泸溪 (another county's), one user of every role, parties, a payment and notifications.

It is seeded once per test module, inside a transaction that is rolled back when the module ends; each test
runs in a savepoint of it (pytest-django's ``db``), so what a test writes is gone before the next one.
A case type registered without a seeder here fails ``test_every_case_type_has_a_seeder`` by name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Model

from casework.kernel.registry import case_types
from casework.models import Jurisdiction, Notification, User
from casework.roles import Role
from tests.factories import EmployerFactory, PersonFactory, make_id_number

WAGE_CLAIM = {"claim_type": "wages", "description": "2026年6月至8月工资", "amount": "15600.00"}


@dataclass
class County:
    """One county's seeded objects: its staff (one user per role) and a case of every type."""

    jurisdiction: Jurisdiction
    staff: dict[Role, User]
    employer: Model
    person: Model
    extra: list[User] = field(default_factory=list)  # a second inspector, two more arbitrators
    cases: dict[str, Model] = field(default_factory=dict)  # case type code → case
    payment: Model | None = None


@dataclass
class World:
    here: County  # 吉首: the users' own county
    other: County  # 泸溪: another county's objects
    prefecture: dict[Role, User]  # director and auditor at 州本级 (they oversee every county)
    notifications: dict[int, Model]  # user id → a notification of theirs

    def user(self, role: Role) -> User:
        return self.here.staff[role]

    def _of(self, role: Role) -> list[User]:
        return [self.here.staff[role], *(u for u in self.here.extra if u.has_role(role))]

    @property
    def inspectors(self) -> list[User]:
        return self._of(Role.INSPECTOR)

    @property
    def arbitrators(self) -> list[User]:
        return self._of(Role.ARBITRATOR)


# --- seeders: one per case type code ------------------------------------------------------------------


def seed_complaint(county: County) -> Model:
    from casework.inspection.models import ComplaintKind, ViolationType
    from casework.inspection.services import complaint_register

    return complaint_register(
        actor=county.staff[Role.CLERK],
        jurisdiction=county.jurisdiction,
        kind=ComplaintKind.COMPLAINT,
        complainant=county.person,
        employer=county.employer,
        workplace="乾州新区安置房工地",
        facts="2026年7月至9月工资未发",
        violation_types=[ViolationType.WAGE_ARREARS],
        arrears_amount="15600.00",
        arrears_months=3,
        workers_affected=1,
        received_on=date(2026, 11, 23),
    )


def seed_arrears(county: County) -> Model:
    """12 workers owed ¥5,000 each; a payment order served 3 Aug 2026 for 15 days went unpaid."""
    from arrears.services import cases, ledger

    inspector = county.staff[Role.INSPECTOR]
    case = cases.arrears_case_open(
        actor=county.staff[Role.CLERK],
        jurisdiction=county.jurisdiction,
        employer=county.employer,
        facts="拖欠农民工工资",
        opened_on=date(2026, 8, 1),
    )
    case.assignees.add(inspector)
    lines = [
        ledger.worker_add(
            actor=inspector,
            case_id=case.pk,
            name=f"工人{i}",
            id_number=make_id_number(county.jurisdiction.code, date(1980, 1, 1) + timedelta(days=i), seq=7),
            months_unpaid=2,
            amount_owed="5000.00",
        )
        for i in range(12)
    ]
    cases.arrears_order_payment(
        actor=inspector, case_id=case.pk, period=15, items="限期支付", served_on=date(2026, 8, 3)
    )
    county.payment = ledger.payment_record(
        actor=inspector,
        case_id=case.pk,
        line_id=lines[0].pk,
        amount="1000.00",
        paid_on=date(2026, 9, 1),
        payer_kind="employer",
    )
    case.refresh_from_db()
    return case


def seed_blacklist(county: County) -> Model:
    from arrears.models import Grounds
    from arrears.services.blacklist import blacklist_give_notice

    arrears_case = county.cases.get("arrears") or seed_arrears(county)
    return blacklist_give_notice(
        actor=county.staff[Role.INSPECTOR],
        case_id=arrears_case.pk,
        grounds=Grounds.THRESHOLD,
        facts="拖欠12名农民工工资逾期未付",
        noticed_on=date(2026, 9, 30),
    )


def _application(county: County, actor: User) -> dict:
    return dict(
        actor=actor,
        jurisdiction=county.jurisdiction,
        applicants=[county.person],
        respondent=county.employer,
        claims=[WAGE_CLAIM],
        facts="在乾州安置房项目务工，被拖欠工资三个月",
        received_on=date(2026, 11, 2),
    )


def seed_arbitration(county: County) -> Model:
    from arbitration.services.arbitration import arbitration_apply

    return arbitration_apply(**_application(county, county.staff[Role.ARBITRATION_CHAIR]))


def seed_mediation(county: County) -> Model:
    from arbitration.services.mediation import mediation_apply

    return mediation_apply(**_application(county, county.staff[Role.MEDIATOR]))


def seed_clue(county: County) -> Model:
    from casework.clues.services import clue_register

    return clue_register(
        actor=county.staff[Role.CLERK],
        jurisdiction=county.jurisdiction,
        channel="national_platform",
        external_ref=f"GZQX-{county.jurisdiction.code}-0001",
        received_on=date(2026, 11, 20),
        reporter_name=county.person.name,
        reporter_id_number=county.person.id_number,
        employer_name=county.employer.name,
        employer_credit_code=county.employer.credit_code,
        facts="钢筋班组2026年9月至10月工资未发",
        amount="15600.00",
        workers=3,
    )


def seed_routine_inspection(county: County) -> Model:
    from casework.proactive.services.inspections import inspection_plan

    return inspection_plan(
        actor=county.staff[Role.INSPECTION_HEAD],
        employer=county.employer,
        kind="patrol",
        planned_on=date.today() + timedelta(days=7),
    )


SEEDERS: dict[str, Callable[[County], Model]] = {
    "complaint": seed_complaint,
    "arrears": seed_arrears,
    "blacklist": seed_blacklist,
    "arbitration": seed_arbitration,
    "mediation": seed_mediation,
    "clue": seed_clue,
    "routine_inspection": seed_routine_inspection,
}


# --- the world --------------------------------------------------------------------------------------


def staff_user(role: Role, jurisdiction: Jurisdiction, tag: str) -> User:
    # no usable password: the tests authenticate with force_authenticate (a real hash takes ~0.5 s)
    user = User.objects.create_user(
        username=f"api_{role.value}_{tag}", password=None, full_name=f"{role.label}{tag}"
    )
    user.groups.add(Group.objects.get(name=role.label))
    user.jurisdictions.set([jurisdiction])
    return User.objects.get(pk=user.pk)  # fresh: no cached roles


def give_case(user: User, case: Model) -> None:
    """Let ``user`` work on ``case``: an arbitrator joins its tribunal (the only way they see it), anyone
    else is assigned (``assigned_with_role`` transitions need it)."""
    from arbitration.services.tribunal import CASE_PERMS, grant_case

    if user.has_role(Role.ARBITRATOR) and type(case) in CASE_PERMS:
        grant_case(user, case)
    elif hasattr(case, "assignees"):
        case.assignees.add(user)


def seed_county(code: str, tag: str) -> County:
    jurisdiction = Jurisdiction.objects.get(code=code)
    county = County(
        jurisdiction=jurisdiction,
        staff={role: staff_user(role, jurisdiction, tag) for role in Role},
        employer=EmployerFactory(jurisdiction=jurisdiction),
        person=PersonFactory(jurisdiction=jurisdiction),
        extra=[
            staff_user(role, jurisdiction, f"{tag}{n}")
            for role, n in ((Role.INSPECTOR, 2), (Role.ARBITRATOR, 2), (Role.ARBITRATOR, 3))
        ],
    )
    for case_type in case_types():
        seeder = SEEDERS.get(case_type.code)
        if seeder is not None:
            county.cases[case_type.code] = seeder(county)
    for case in county.cases.values():
        for user in county.staff.values():
            give_case(user, case)
    return county


def seed_world() -> World:
    prefecture = Jurisdiction.objects.get(code="433100")
    world = World(
        here=seed_county("433101", "js"),
        other=seed_county("433122", "lx"),
        prefecture={role: staff_user(role, prefecture, "zhou") for role in (Role.DIRECTOR, Role.AUDITOR)},
        notifications={},
    )
    users = [*world.here.staff.values(), *world.other.staff.values(), *world.prefecture.values()]
    for user in users:
        world.notifications[user.pk] = Notification.objects.create(
            recipient=user, title="期限提醒：测试", body="测试通知", url="/"
        )
    return world


def _restore_migrated_rows(migrated_data: str) -> None:
    """A transactional test that ran before this module (PostgreSQL CI) flushed the rows the data migrations
    seed; tests/conftest.py puts them back before each test — here before the module's world is seeded."""
    if Jurisdiction.objects.exists():
        return
    from tests import conftest as root

    root._restore_migrated_data._get_wrapped_function()(None, migrated_data)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, migrated_data) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        _restore_migrated_rows(migrated_data)
        try:
            yield seed_world()
        finally:
            transaction.set_rollback(True)  # the module's world goes with the module


# --- what the auditor must never change ---------------------------------------------------------------

COUNTED_APPS = (
    "casework",
    "clues",
    "supervision",
    "typical",
    "arrears",
    "arbitration",
    "proactive",
    "guardian",
    "auth",
)


def row_counts() -> dict[str, int]:
    """Rows of every model of the project's apps (case rows, transition logs, evidence, ledgers, grants…)."""
    return {
        model._meta.label: model._base_manager.count()
        for app in COUNTED_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed and not model._meta.proxy
    }
