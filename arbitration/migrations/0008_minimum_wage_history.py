"""Seed Hunan's monthly minimum wages for every Xiangxi jurisdiction back to 2015 (statutes.md §5), so that an
arbitration case received before 2025-09-01 can be tested for a final award (LDMAL Art 47).

Hunan's provincial adjustments since 2015 (monthly standard, yuan, by tier):

| from       | tiers                      | notice (as recalled; see below)                               |
|------------|----------------------------|---------------------------------------------------------------|
| 2015-01-01 | 1390 / 1250 / 1130 / 1030  | 湖南省人民政府关于调整全省最低工资标准的通知（湘政发〔2014〕号待核） |
| 2017-07-01 | 1580 / 1430 / 1280 / 1130  | 湖南省人民政府关于调整全省最低工资标准的通知（2017年，文号待核）     |
| 2019-10-01 | 1700 / 1540 / 1380 / 1220  | 湖南省人民政府关于调整全省最低工资标准的通知（2019年，文号待核）     |
| 2022-04-01 | 1930 / 1740 / 1550         | 湖南省人民政府关于调整全省最低工资标准的通知（2022年，文号待核）     |
| 2025-09-01 | 2200 / 2000 / 1800         | seeded by 0002 (unconfirmed there too)                         |

VERIFICATION: the figures above could NOT be verified against the official notices from this environment
(the stored public pages searched held no copy of the Hunan notices); they are the commonly published figures
as recalled. Nor is the tier of each Xiangxi county confirmed: under the four-tier scheme 吉首市 (a county-level
city) is taken as tier 3 and the seven counties and the development zone as tier 4; under the three-tier
scheme of 2022, 吉首市 tier 2 and the others tier 3 (as 0002 assumes for 2025). Every row is therefore seeded
``confirmed=False`` with its source saying so; an administrator checks each notice and confirms or corrects
the row under 月最低工资标准 in the admin. A date before 2015-01-01 has no row: the case page and the award say
so, naming the date and the admin page (arbitration.finality.missing_minimum_wage).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CITY = ("433100", "433101")  # the prefecture bureau and 吉首市
OTHERS = ("433122", "433123", "433124", "433125", "433126", "433127", "433130", "433100JK")

# effective date → (city amount, city tier, others amount, others tier, source)
HISTORY = {
    date(2015, 1, 1): (1130, 3, 1030, 4, "湖南省2015年1月1日起调整最低工资标准（四档：1390/1250/1130/1030元）"),
    date(2017, 7, 1): (1280, 3, 1130, 4, "湖南省2017年7月1日起调整最低工资标准（四档：1580/1430/1280/1130元）"),
    date(2019, 10, 1): (1380, 3, 1220, 4, "湖南省2019年10月1日起调整最低工资标准（四档：1700/1540/1380/1220元）"),
    date(2022, 4, 1): (1740, 2, 1550, 3, "湖南省2022年4月1日起调整最低工资标准（三档：1930/1740/1550元）"),
}
UNVERIFIED = "；数额及湘西各县市档次未经核实，请对照原文件确认"


def seed(apps, schema_editor):
    Jurisdiction = apps.get_model("casework", "Jurisdiction")
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    for jurisdiction in Jurisdiction.objects.filter(code__in=CITY + OTHERS):
        city = jurisdiction.code in CITY
        for effective, (city_amount, city_tier, amount, tier, source) in HISTORY.items():
            MinimumWage.objects.get_or_create(
                jurisdiction=jurisdiction,
                effective_from=effective,
                defaults={
                    "monthly_amount": Decimal(city_amount if city else amount),
                    "tier": city_tier if city else tier,
                    "confirmed": False,
                    "source": (source + UNVERIFIED)[:200],
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0007_claim_kinds_and_extension_days"),
        ("casework", "0002_seed_jurisdictions"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
