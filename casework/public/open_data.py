"""Open data: closed labour-inspection complaints and wage-arrears cases, anonymised, as a stored snapshot.

Modelled on the US Wage and Hour Division's public enforcement data set, cut down to what may be published
here:

* One row per group — case type × county × month closed × outcome — with the number of cases, the workers
  involved and the amount recovered. No person appears: no complainant, worker, applicant or legal
  representative, no ID number, phone or address, no case number or free text.
* A group of fewer than 3 cases is suppressed: its count reads "<3", its workers and amount are withheld
  (empty), and no employer is named in it.
* Employers are named only where the case closed with a violation finding AND it is a serious violation the
  bureau publishes under 重大劳动保障违法行为社会公布办法 (人社部令第29号, statutes.md §3): refusing to pay
  wages and transferred to the police for criminal liability (拒不支付劳动报酬，依法移送司法机关追究刑事责任).
  The rule also covers large wage arrears (克扣、无故拖欠劳动报酬数额较大); the amount that counts as large is
  the province's and is not confirmed, so those employers are not named here. Otherwise the field reads
  "（不公开）". Employers are organisations (their credit data is public), never persons.

``generate()`` writes the CSV (``casework.spreadsheets.csv_bytes``) and JSON into ``MEDIA_ROOT/open_data/``
(each file replaced atomically); the public pages serve those files and show when they were generated.
Nightly by Celery beat (``casework.tasks.generate_open_data``, ``manage.py setup_schedules``), on demand by
``manage.py generate_open_data``.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.spreadsheets import csv_bytes

SUPPRESS_BELOW = 3
NOT_DISCLOSED = "（不公开）"
DISCLOSURE_RULE = "重大劳动保障违法行为社会公布办法（人社部令第29号）"
DIRECTORY = "open_data"
CSV_NAME, JSON_NAME = "closed_cases.csv", "closed_cases.json"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    meaning: str


FIELDS = (
    Field("case_type", _("案件类别"), _("劳动保障监察投诉举报案件，或农民工欠薪案件")),
    Field("county", _("县市区"), _("办理案件的县市区人社局（或州本级、经开区）")),
    Field("month_closed", _("结案月份"), _("结案的年月（北京时间），格式 YYYY-MM")),
    Field("outcome", _("结案情形"), _("案件以何种方式办结，如追回拖欠工资、作出行政处罚、移送公安机关")),
    Field("cases", _("案件数"), _("该类别、县市区、月份、结案情形下结案的案件数；少于3件时显示“<3”")),
    Field(
        "workers",
        _("涉及劳动者人数"),
        _(
            "这些案件涉及的劳动者人数之和（投诉：投诉所涉人数；欠薪：涉及工人数）；案件数少于3件时不公布（空白）"
        ),
    ),
    Field(
        "amount_recovered",
        _("追回金额（元）"),
        _("这些案件为劳动者追回的工资等待遇之和，保留两位小数；案件数少于3件时不公布（空白）"),
    ),
    Field(
        "employers",
        _("公布的用人单位"),
        _(
            "仅列出结案认定存在违法行为、且依《重大劳动保障违法行为社会公布办法》（人社部令第29号）应予社会公布"
            "（拒不支付劳动报酬被移送公安机关）的用人单位名称，多个以“；”分隔；其余为“（不公开）”"
        ),
    ),
)
HEADER = [str(f.label) for f in FIELDS]

# Complaint outcomes that record a violation finding (casework.inspection.models.Outcome values).
VIOLATION_OUTCOMES = {
    "violation_corrected",
    "arrears_recovered",
    "penalty_imposed",
    "handling_decision",
    "police_transferred",
}
DISCLOSED_OUTCOMES = {"police_transferred"}  # 人社部令第29号: transferred for criminal liability


def _dir() -> Path:
    return Path(settings.MEDIA_ROOT) / DIRECTORY


def _month(value) -> str:
    return f"{timezone.localtime(value):%Y-%m}"


def _model(code: str):
    """A registered case type's model, through the statistics registry (the kernel imports no case app)."""
    from casework.statistics.registry import get_series

    try:
        return get_series(code).model
    except KeyError:
        return None


def _complaint_records():
    model = _model("complaint")
    if model is None:
        return
    labels = dict(model._meta.get_field("outcome").choices)
    rows = (
        model.objects.filter(closed_at__isnull=False, accepted_on__isnull=False)
        .values(
            "jurisdiction__name",
            "jurisdiction__sort_order",
            "closed_at",
            "outcome",
            "workers_affected",
            "recovered_amount",
            "employer__name",
        )
        .order_by()
    )
    for row in rows:
        disclosed = row["outcome"] in DISCLOSED_OUTCOMES and row["outcome"] in VIOLATION_OUTCOMES
        yield {
            "case_type": "投诉举报",
            "county": row["jurisdiction__name"],
            "order": row["jurisdiction__sort_order"],
            "month_closed": _month(row["closed_at"]),
            "outcome": str(labels.get(row["outcome"], "结案")),
            "workers": row["workers_affected"] or 0,
            "amount": row["recovered_amount"] or Decimal("0"),
            "employer": row["employer__name"] if disclosed and row["employer__name"] else None,
        }


def _arrears_outcome(row) -> tuple[str, bool]:
    """(outcome label, disclosable) of a closed arrears case: every arrears case is a violation found."""
    if row["police_status"] == "transferred":
        return "移送公安机关", True
    if not row["total_outstanding"]:
        return "全部追回", False
    if row["unrecoverable_on"]:
        return "无法追回", False
    return "部分追回", False


def _arrears_records():
    model = _model("arrears")
    if model is None:
        return
    rows = (
        model.objects.filter(closed_at__isnull=False)
        .values(
            "jurisdiction__name",
            "jurisdiction__sort_order",
            "closed_at",
            "police_status",
            "total_outstanding",
            "unrecoverable_on",
            "worker_count",
            "total_recovered",
            "employer__name",
        )
        .order_by()
    )
    for row in rows:
        outcome, disclosed = _arrears_outcome(row)
        yield {
            "case_type": "农民工欠薪",
            "county": row["jurisdiction__name"],
            "order": row["jurisdiction__sort_order"],
            "month_closed": _month(row["closed_at"]),
            "outcome": outcome,
            "workers": row["worker_count"] or 0,
            "amount": row["total_recovered"] or Decimal("0"),
            "employer": row["employer__name"] if disclosed else None,
        }


def build_rows() -> list[dict]:
    """The groups, suppressed where small, ordered by month (newest first), case type and county."""
    groups: dict[tuple, dict] = defaultdict(
        lambda: {"n": 0, "workers": 0, "amount": Decimal("0"), "employers": set(), "order": 0}
    )
    for record in [*_complaint_records(), *_arrears_records()]:
        key = (record["case_type"], record["county"], record["month_closed"], record["outcome"])
        group = groups[key]
        group["n"] += 1
        group["workers"] += record["workers"]
        group["amount"] += record["amount"]
        group["order"] = record["order"]
        if record["employer"]:
            group["employers"].add(record["employer"])
    out = []
    for (case_type, county, month, outcome), g in groups.items():
        small = g["n"] < SUPPRESS_BELOW
        out.append(
            {
                "case_type": case_type,
                "county": county,
                "month_closed": month,
                "outcome": outcome,
                "cases": f"<{SUPPRESS_BELOW}" if small else g["n"],
                "workers": None if small else g["workers"],
                "amount_recovered": None if small else str(g["amount"].quantize(Decimal("0.01"))),
                "employers": "；".join(sorted(g["employers"]))
                if g["employers"] and not small
                else NOT_DISCLOSED,
                "_sort": (month, case_type, g["order"], county, outcome),
            }
        )
    out.sort(key=lambda r: r["_sort"])
    out.sort(key=lambda r: r["_sort"][0], reverse=True)  # newest month first, stable within it
    for row in out:
        del row["_sort"]
    return out


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def generate(*, now=None) -> dict:
    """Build the data set and store it (CSV and JSON); returns the JSON document."""
    now = now or timezone.now()
    rows = build_rows()
    names = [f.name for f in FIELDS]
    document = {
        "title": "湘西州已办结劳动保障监察投诉举报和农民工欠薪案件（匿名汇总）",
        "generated_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "suppression": f"案件数少于{SUPPRESS_BELOW}件的分组显示“<{SUPPRESS_BELOW}”，不公布人数和金额",
        "disclosure_rule": DISCLOSURE_RULE,
        "fields": [{"name": f.name, "label": str(f.label), "meaning": str(f.meaning)} for f in FIELDS],
        "rows": rows,
    }
    directory = _dir()
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / CSV_NAME, csv_bytes(HEADER, ([row[n] for n in names] for row in rows)))
    _write(directory / JSON_NAME, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    return document


def stored_document() -> dict | None:
    """The last generated data set, or None when none has been generated yet."""
    try:
        return json.loads((_dir() / JSON_NAME).read_bytes())
    except FileNotFoundError:
        return None


def stored_file(name: str) -> bytes | None:
    try:
        return (_dir() / name).read_bytes()
    except FileNotFoundError:
        return None
