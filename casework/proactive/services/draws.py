"""双随机、一公开 draws: announce (registries snapshot, rules, quotas hashed before any seed exists), publish
the seed (a public value), run (refused before the seed's publication), publish the results — and the
inspections the draw creates. The algorithm itself: ``casework.proactive.draw_algorithm``."""

import json
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework.calendar.workdays import add_working_days
from casework.inputs import parse_int, require_text
from casework.kernel.writes import is_read_only
from casework.models import Employer, Jurisdiction, User
from casework.proactive import draw_algorithm as algo
from casework.proactive.models import (
    Draw,
    DrawRule,
    DrawState,
    GridEmployer,
    Inspection,
    InspectorRegistryEntry,
)
from casework.proactive.services.inspections import plan_inspection
from casework.roles import Role
from casework.services.transitions import PreconditionFailed

ORGANISERS = (Role.INSPECTION_HEAD, Role.DIRECTOR)


def _may_organise(actor) -> None:
    if is_read_only(actor) or not actor.has_role(*ORGANISERS):
        raise PermissionDenied("只有监察机构负责人或局领导可以组织随机抽查")


def rules_now() -> dict:
    return {
        r.code: {"enabled": r.enabled, "days": r.days, "label": r.label, "source": r.source}
        for r in DrawRule.objects.all()
    }


def _employers(counties: set[str], rules: dict, today) -> list[dict]:
    recent = rules.get("recent_inspection", {})
    window = recent.get("days") if recent.get("enabled") else None
    last = dict(
        Inspection.objects.filter(inspected_on__isnull=False)
        .values("employer_id")
        .annotate(last=Max("inspected_on"))
        .values_list("employer_id", "last")
    )
    rows = []
    entries = GridEmployer.objects.filter(in_draw_pool=True, employer__jurisdiction__code__in=counties)
    for e in entries.select_related("employer__jurisdiction").order_by("employer_id"):
        inspected = last.get(e.employer_id)
        excluded = window is not None and inspected is not None and (today - inspected).days <= window
        rows.append(
            {
                "id": e.employer_id,
                "name": e.employer.name,
                "credit_code": e.employer.credit_code or "",
                "county": e.employer.jurisdiction.code,
                "grid": e.grid_id,
                "industry": e.employer.industry,
                "size": e.size,
                "last_inspected": inspected.isoformat() if inspected else None,
                "eligible": not excluded,
            }
        )
    return rows


def _inspectors(counties: set[str]) -> list[dict]:
    """Name and certificate number only: the roster is published with the draw."""
    entries = (
        InspectorRegistryEntry.objects.filter(active=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("user__jurisdictions", "user__grids")
        .order_by("user_id")
    )
    rows = []
    for e in entries:
        codes = sorted(j.code for j in e.user.jurisdictions.all() if j.code in counties)
        if codes:
            rows.append(
                {
                    "id": e.user_id,
                    "name": str(e.user),
                    "certificate": e.certificate_number,
                    "counties": codes,
                    "grids": sorted(g.pk for g in e.user.grids.all()),
                }
            )
    return rows


def registry_snapshot(quotas: dict, rules: dict, today) -> dict:
    counties = set(quotas)
    return {
        "taken_on": today.isoformat(),
        "employers": _employers(counties, rules, today),
        "inspectors": _inspectors(counties),
    }


def _quotas(raw: dict) -> dict:
    if not isinstance(raw, dict) or not raw:
        raise ValidationError({"quotas": ["请填写各县市的抽取数量"]})
    known = set(Jurisdiction.objects.filter(code__in=list(raw)).values_list("code", flat=True))
    quotas = {}
    for code, n in raw.items():
        if code not in known:
            raise ValidationError({"quotas": [f"未知的管辖区域：{code}"]})
        count = parse_int(n, "quotas", minimum=0, maximum=1000, required=True)
        if count:
            quotas[code] = count
    if not quotas:
        raise ValidationError({"quotas": ["至少一个县市的抽取数量须大于0"]})
    return quotas


@transaction.atomic
def draw_announce(*, actor, title, jurisdiction, quotas, seed_source, kind="patrol", campaign=None) -> Draw:
    """Announce a draw: the registries as they are now, the rules and the quotas, hashed and stored before
    the seed exists (so neither can be chosen to fit a known seed)."""
    _may_organise(actor)
    quotas = _quotas(quotas)
    rules = rules_now()
    snapshot = registry_snapshot(quotas, rules, timezone.localdate())
    return Draw.objects.create(
        title=require_text(title, "title", "请填写抽查名称"),
        jurisdiction=jurisdiction,
        campaign=campaign,
        kind=kind,
        algorithm=algo.ALGORITHM,
        quotas=quotas,
        rules=rules,
        snapshot=algo.canonical(snapshot),
        snapshot_sha256=algo.sha256(algo.canonical(snapshot)),
        inputs_sha256=algo.inputs_hash(
            algorithm=algo.ALGORITHM, quotas=quotas, rules=rules, snapshot=snapshot
        ),
        seed_source=require_text(seed_source, "seed_source", "请写明随机种子将取自哪个公开值"),
        announced_at=timezone.now(),
        created_by=actor,
    )


@transaction.atomic
def draw_publish_seed(*, actor, draw_id, value: str) -> Draw:
    """Record the public value (as published, with the time): the seed is its SHA-256."""
    _may_organise(actor)
    draw = Draw.objects.select_for_update().get(pk=draw_id)
    if draw.state != DrawState.ANNOUNCED:
        raise PreconditionFailed("随机种子已公布，不能更改")
    draw.seed_value = require_text(value, "value", "请填写公开值")
    draw.seed = algo.seed_of(draw.seed_value)
    draw.seed_published_at = timezone.now()
    draw.state = DrawState.SEEDED
    draw.save()
    return draw


@transaction.atomic
def draw_run(*, actor, draw_id, planned_on=None) -> Draw:
    """Run the draw from the published seed and the announced snapshot; create the inspections drawn."""
    _may_organise(actor)
    draw = Draw.objects.select_for_update().get(pk=draw_id)
    now = timezone.now()
    if draw.state == DrawState.ANNOUNCED or draw.seed_published_at is None or draw.seed_published_at >= now:
        raise PreconditionFailed("随机种子公布之前不能抽取")
    if draw.state != DrawState.SEEDED:
        raise PreconditionFailed("本次抽查已经抽取")
    snapshot = json.loads(draw.snapshot)
    result = algo.select(
        seed=draw.seed, quotas=draw.quotas, rules=draw.rules, snapshot=snapshot, algorithm=draw.algorithm
    )
    draw.result, draw.result_sha256 = result, algo.sha256(algo.canonical(result))
    draw.drawn_at, draw.state = now, DrawState.DRAWN
    draw.publish_due = add_working_days(timezone.localdate(now), draw.publication_days)
    draw.save()
    _create_inspections(draw, result, actor, planned_on or timezone.localdate(now) + timedelta(days=7))
    return draw


def _create_inspections(draw, result, actor, planned_on) -> None:
    employers = Employer.objects.in_bulk([r["employer"] for r in result])
    users = User.objects.in_bulk([u for r in result for u in r["inspectors"]])
    for row in result:
        employer = employers[row["employer"]]
        plan_inspection(
            actor=actor,
            employer=employer,
            kind=draw.kind,
            planned_on=planned_on,
            campaign=draw.campaign,
            draw=draw,
            inspectors=[users[u] for u in row["inspectors"]],
        )


@transaction.atomic
def draw_publish_results(*, actor, draw_id) -> Draw:
    _may_organise(actor)
    draw = Draw.objects.select_for_update().get(pk=draw_id)
    if draw.state != DrawState.DRAWN:
        raise PreconditionFailed("只能公开已抽取的结果")
    draw.state, draw.results_published_at = DrawState.PUBLISHED, timezone.now()
    draw.save()
    return draw


def draw_document(draw: Draw) -> dict:
    """Everything needed to replay the draw (published: no personal data beyond inspectors' names and
    certificate numbers)."""

    return {
        "id": draw.pk,
        "title": draw.title,
        "algorithm": draw.algorithm,
        "quotas": draw.quotas,
        "rules": draw.rules,
        "snapshot": json.loads(draw.snapshot),
        "snapshot_sha256": draw.snapshot_sha256,
        "inputs_sha256": draw.inputs_sha256,
        "seed_source": draw.seed_source,
        "seed_value": draw.seed_value,
        "seed": draw.seed,
        "seed_published_at": draw.seed_published_at.isoformat() if draw.seed_published_at else None,
        "announced_at": draw.announced_at.isoformat(),
        "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
        "result": draw.result,
        "result_sha256": draw.result_sha256,
    }
