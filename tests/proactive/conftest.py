"""A county with two grids, employers registered by address, an inspector registry and the people in the test
database whose data must never appear on a public page."""

from dataclasses import dataclass

import pytest

from casework.models import Employer
from casework.proactive.models import Grid, InspectorRegistryEntry
from casework.proactive.services.grids import grid_register_county
from casework.roles import Role
from tests.factories import EmployerFactory, PersonFactory, make_credit_code


@dataclass
class Area:
    north: Grid
    south: Grid
    employers: list[Employer]
    inspectors: list
    head: object
    director: object


@pytest.fixture
def area(jishou, prefecture, make_user) -> Area:
    inspectors = [make_user(Role.INSPECTOR, jishou, full_name=f"监察员{n}") for n in range(4)]
    head = make_user(Role.INSPECTION_HEAD, jishou, full_name="杨科长")
    director = make_user(Role.DIRECTOR, prefecture, full_name="龙局长")
    north = Grid.objects.create(jurisdiction=jishou, name="乾州网格", townships="乾州街道\n石家冲街道")
    south = Grid.objects.create(jurisdiction=jishou, name="镇溪网格", townships="镇溪街道")
    north.inspectors.set(inspectors[:2])
    south.inspectors.set(inspectors[2:])
    employers = [
        EmployerFactory(
            jurisdiction=jishou,
            name=f"测试单位{n}",
            credit_code=make_credit_code(),
            address=("吉首市乾州街道" if n % 2 else "吉首市镇溪街道") + f"{n}号",
            legal_representative=f"法人代表{n}",
        )
        for n in range(8)
    ]
    grid_register_county(jishou)
    for n, user in enumerate([*inspectors, head]):
        InspectorRegistryEntry.objects.create(user=user, certificate_number=f"湘人社监{n:04d}")
    return Area(north, south, employers, inspectors, head, director)


@pytest.fixture
def people(jishou):
    """Workers in the test database: their names, ID numbers and phones must stay off public pages."""
    return [PersonFactory(jurisdiction=jishou) for _ in range(3)]
