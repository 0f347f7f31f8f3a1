"""Demo employers and persons in Xiangxi (fictitious names, identifiers computed to pass their checks)."""

import datetime

from casework.models import Industry, Jurisdiction
from casework.services.parties import (
    employer_get_or_create_by_credit_code,
    person_get_or_create_by_id_number,
)
from casework.validators import credit_code_check_char, id_number_check_char

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code, inside the credit code


def demo_id_number(area: str, birth: datetime.date, sequence: int) -> str:
    """A valid GB 11643 number: area code, birth date, 3-digit sequence (odd for men), check char."""
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_number_check_char(first17)


def demo_credit_code(area: str, serial: int) -> str:
    """A valid GB 32100 code for a company (登记管理部门 9, 企业 1) registered in ``area``."""
    body = f"MA4L{serial:04d}"
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)
    )
    org_check = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    first17 = f"91{area}{body}{org_check}"
    return first17 + credit_code_check_char(first17)


def demo_employer(area: str, serial: int, **fields):
    """The demo employer whose credit code is made of ``area`` and ``serial``: registered on the first seed,
    found again (blank fields filled from ``fields``) on the next — so each seeder stays idempotent."""
    employer, _created = employer_get_or_create_by_credit_code(
        credit_code=demo_credit_code(area, serial), **fields
    )
    return employer


def demo_person(area: str, birth: datetime.date, sequence: int, **fields):
    """The demo person whose ID number is made of ``area``, ``birth`` and ``sequence`` (as ``demo_employer``)."""
    person, _created = person_get_or_create_by_id_number(
        id_number=demo_id_number(area, birth, sequence), **fields
    )
    return person


# fmt: off
# name, jurisdiction code, area code in the credit code, serial, industry, legal representative, address, phone
EMPLOYERS = [
    ("湘西州峒河建筑工程有限公司", "433101", "433101", 1021, Industry.CONSTRUCTION, "彭国华",
     "湖南省湘西州吉首市乾州街道世纪大道188号", "0743-8211001"),
    ("吉首市万溶江建设劳务有限公司", "433101", "433101", 1187, Industry.CONSTRUCTION, "田茂林",
     "湖南省湘西州吉首市石家冲街道人民北路66号", "13907431102"),
    ("湘西武陵山食品有限公司", "433100JK", "433100", 2045, Industry.MANUFACTURING, "张建新",
     "湖南省湘西州吉首市湘西经济开发区武陵山大道9号", "0743-8522003"),
    ("凤凰古城沱江人家酒店有限公司", "433123", "433123", 3306, Industry.ACCOMMODATION_CATERING, "龙玉梅",
     "湖南省湘西州凤凰县沱江镇回龙阁12号", "0743-3224004"),
    ("泸溪县白沙建筑工程有限公司", "433122", "433122", 4410, Industry.CONSTRUCTION, "向长青",
     "湖南省湘西州泸溪县白沙镇沿江路20号", "0743-4262005"),
    ("吉首市乾州商贸有限公司", "433101", "433101", 1530, Industry.WHOLESALE_RETAIL, "石小红",
     "湖南省湘西州吉首市乾州街道乾州古城路8号", "13807431106"),
]

# name, ID area, birth date, sequence, phone, hometown, address, registered in, migrant worker
PERSONS = [
    ("向秀英", "433122", datetime.date(1985, 3, 12), 42, "13974301201", "湖南省湘西州泸溪县",
     "吉首市乾州街道工地宿舍3栋", "433101", True),
    ("田光明", "433127", datetime.date(1979, 8, 3), 113, "15207431202", "湖南省湘西州永顺县",
     "吉首市石家冲街道砂子坳村", "433101", True),
    ("龙春花", "433123", datetime.date(1990, 11, 25), 64, "18974301203", "湖南省湘西州凤凰县",
     "凤凰县沱江镇虹桥路员工宿舍", "433123", True),
    ("石建军", "433124", datetime.date(1982, 5, 17), 31, "13574301204", "湖南省湘西州花垣县",
     "吉首市经开区武陵山大道9号员工宿舍", "433101", True),
    ("彭志强", "433130", datetime.date(1976, 1, 9), 15, "13874301205", "湖南省湘西州龙山县",
     "吉首市峒河街道工地板房", "433101", True),
    ("麻金凤", "433125", datetime.date(1993, 7, 21), 28, "17774301206", "湖南省湘西州保靖县",
     "泸溪县白沙镇沿江路出租屋", "433122", True),
    ("吴国平", "433126", datetime.date(1988, 2, 14), 57, "19974301207", "湖南省湘西州古丈县",
     "泸溪县白沙镇工地宿舍", "433122", True),
    ("杨小兵", "433101", datetime.date(1995, 9, 30), 79, "15574301208", "湖南省湘西州吉首市",
     "吉首市乾州街道建新路", "433101", True),
    ("符德才", "433101", datetime.date(1970, 4, 4), 91, "13307431209", "湖南省湘西州吉首市",
     "吉首市峒河街道人民南路", "433101", False),
]
# fmt: on


def seed_parties(users):
    jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
    actor = users.get("clerk")
    for name, code, area, serial, industry, legal_rep, address, phone in EMPLOYERS:
        demo_employer(
            area,
            serial,
            actor=actor,
            name=name,
            jurisdiction=jurisdictions[code],
            industry=industry,
            legal_representative=legal_rep,
            address=address,
            phone=phone,
        )
    for name, area, birth, sequence, phone, hometown, address, code, migrant in PERSONS:
        demo_person(
            area,
            birth,
            sequence,
            actor=actor,
            name=name,
            phone=phone,
            hometown=hometown,
            address=address,
            jurisdiction=jurisdictions[code],
            is_migrant_worker=migrant,
        )
