"""Filling the holiday table: the national schedule from ``chinese-calendar``, and the Xiangxi local holiday.

The functions take the model classes as arguments so that the data migration can pass its historical
models and ``manage.py sync_holidays`` the live ones; keep them to plain ORM calls.

statutes.md §1: chinese-calendar 1.11 matches the State Council notices for 2024–2026 and raises
NotImplementedError from 2027 on. Years it does not cover are entered by administrators.
"""

import datetime

# Full Chinese names; the package's own are abbreviated (“清明”, “端午”, “中秋”).
_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}

# 湘西土家族苗族自治州成立纪念日 (statutes.md §1, configurable): 20–21 September, two days off, in the
# prefecture and every unit under it. Set by the prefecture's people's congress in 2014.
XIANGXI_FOUNDING_DAYS = {
    "name": "湘西州成立纪念日",
    "month": 9,
    "day": 20,
    "days": 2,
    "first_year": 2014,
    "basis": "湘西土家族苗族自治州人民代表大会决定（2014年）；《全国年节及纪念日放假办法》第四条",
}
PREFECTURE_CODE = "433100"


def _chinese_name(english: str) -> str:
    from chinese_calendar.constants import Holiday as PackageHoliday

    if english in _CHINESE_NAMES:
        return _CHINESE_NAMES[english]
    for item in PackageHoliday:
        if item.value == english:
            return item.chinese
    return english


def package_version() -> str:
    import chinese_calendar

    return getattr(chinese_calendar, "__version__", "")


def package_years() -> list[int]:
    """Every year the installed chinese-calendar covers (2004–2026 for version 1.11)."""
    from chinese_calendar.constants import holidays

    years = {d.year for d in holidays}
    return list(range(min(years), max(years) + 1))


def package_rows() -> list[tuple[datetime.date, str, str]]:
    """``(date, kind, name)`` for every national rest day and make-up workday in the package."""
    from chinese_calendar.constants import holidays, workdays

    rows = [(day, "rest", _chinese_name(name)) for day, name in holidays.items()]
    rows += [(day, "workday", f"{_chinese_name(name)}调休上班") for day, name in workdays.items()]
    return sorted(rows)


def seed_from_package(Holiday, CalendarYear) -> dict[str, int]:
    """Bring the national rows of every package year in line with the package (idempotent).

    Rows an administrator entered or edited (source ``admin``) are left alone; package rows the package
    no longer lists are removed. Each package year is marked official unless an administrator owns its row.
    """
    rows = package_rows()
    years = package_years()
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    existing = {
        h.date: h for h in Holiday.objects.filter(jurisdiction__isnull=True, date__gte=first, date__lte=last)
    }
    wanted = {day for day, _kind, _name in rows}
    created = updated = 0
    to_create = []
    for day, kind, name in rows:
        row = existing.get(day)
        if row is None:
            to_create.append(Holiday(date=day, kind=kind, name=name, source="package"))
        elif row.source == "package" and (row.kind, row.name) != (kind, name):
            row.kind, row.name = kind, name
            row.save(update_fields=["kind", "name"])
            updated += 1
    Holiday.objects.bulk_create(to_create)
    created = len(to_create)
    stale = [h.pk for day, h in existing.items() if h.source == "package" and day not in wanted]
    Holiday.objects.filter(pk__in=stale).delete()
    note = f"chinese-calendar {package_version()}".strip()
    for year in years:
        obj, made = CalendarYear.objects.get_or_create(
            year=year, defaults={"is_official": True, "source": "package", "note": note}
        )
        if not made and obj.source == "package" and not obj.is_official:
            obj.is_official = True
            obj.note = note
            obj.save(update_fields=["is_official", "note"])
    # The next year appears in the admin as "not yet published", ready for its notice to be entered.
    CalendarYear.objects.get_or_create(
        year=years[-1] + 1,
        defaults={"is_official": False, "source": "package", "note": "国务院放假安排公布后在此录入"},
    )
    return {"created": created, "updated": updated, "removed": len(stale), "years": len(years)}


def seed_local_holidays(LocalHoliday, Jurisdiction) -> int:
    """Create the 湘西州 founding-days rule for the prefecture (and so every unit under it) if missing."""
    prefecture = Jurisdiction.objects.filter(code=PREFECTURE_CODE).first()
    if prefecture is None:
        return 0
    spec = dict(XIANGXI_FOUNDING_DAYS)
    _obj, made = LocalHoliday.objects.get_or_create(
        name=spec.pop("name"), jurisdiction=prefecture, defaults=spec
    )
    return int(made)
