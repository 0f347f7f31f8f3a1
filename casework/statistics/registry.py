"""The registry of case series the statistics count, and the rates each series feeds.

A *case series* is one kind of case counted for settlement rates: labour-inspection complaints, mediation
cases, arbitration cases, wage-arrears cases. Each case type declares its own (its registration's ``series``,
``casework.kernel.registry``) with ``case_series``, which fills in what every type shares (the code is the
type's ``CASE_TYPE``; accepted on ``accepted_on``, closed at ``closed_at``)::

    case_series(
        ArbitrationCase, _("劳动人事争议仲裁案件"),
        final_filter=Q(outcome__in=[...]),            # ended without court proceedings
        deadline_rule="arbitration.award",            # 45 days, LDMAL Art 43
        rates=(closure_rate(_("仲裁结案率"), target_key="arbitration_closure"), finality_rate(),
               on_time_rate()),
        sort_order=10,
    )

The statistics never import the case apps: they only read the fields named here. Definitions and
targets: statutes.md §6.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .targets import target_for

# --- rates ------------------------------------------------------------------------------------------------
CLOSURE_LABEL = _("结案率")
SUCCESS_LABEL = _("调解成功率")
FINALITY_LABEL = _("仲裁终结率")
ON_TIME_LABEL = _("按期结案率")


@dataclass(frozen=True)
class RateSpec:
    """A rate = one figure ÷ another (figure codes from ``casework.statistics.figures.FIGURES``)."""

    code: str
    label: str
    numerator: str
    denominator: str
    definition: str
    target_key: str | None = None  # key in settings.SETTLEMENT_TARGETS (casework.statistics.targets)
    citation: str = ""
    # Closure-type rates can be projected to the year end from the pending cases' deadlines.
    projectable: bool = False

    @property
    def target(self) -> Decimal | None:
        return target_for(self.target_key)


def closure_rate(label=CLOSURE_LABEL, *, target_key: str | None = None, code: str = "closure") -> RateSpec:
    """Closed in the period ÷ (pending at the start + accepted in the period) — the national bulletins' form
    (statutes.md §6: 2024 arbitration 1,687,899 ÷ (33,171 + 1,685,937) = 98.2%)."""
    return RateSpec(
        code=code,
        label=label,
        numerator="closed",
        denominator="caseload",
        definition=_("结案率 = 统计期内结案数 ÷（期初未结案件数 + 统计期内受理案件数）"),
        target_key=target_key,
        citation=_("人社部统计公报口径；湘西州“十四五”人社事业发展规划专栏1"),
        projectable=True,
    )


def success_rate(
    label=SUCCESS_LABEL, *, target_key: str | None = "mediation_success", code: str = "success"
) -> RateSpec:
    """Disputes settled by mediation ÷ mediation cases concluded (statutes.md §6, form unconfirmed)."""
    return RateSpec(
        code=code,
        label=label,
        numerator="succeeded",
        denominator="closed",
        definition=_("调解成功率 = 统计期内调解成功结案数 ÷ 统计期内调解结案数（口径待上级确认）"),
        target_key=target_key,
        citation=_("湘西州“十四五”人社事业发展规划专栏1"),
    )


def finality_rate(label=FINALITY_LABEL, *, code: str = "finality") -> RateSpec:
    """Arbitration cases ending without court proceedings ÷ arbitration closures (statutes.md §6, unconfirmed)."""
    return RateSpec(
        code=code,
        label=label,
        numerator="final",
        denominator="closed",
        definition=_(
            "仲裁终结率 = 统计期内结案且未进入诉讼程序的案件数 ÷ 统计期内仲裁结案数（口径待上级确认）"
        ),
    )


def on_time_rate(label=ON_TIME_LABEL, *, code: str = "on_time") -> RateSpec:
    """Closed within the statutory period ÷ closed."""
    return RateSpec(
        code=code,
        label=label,
        numerator="closed_on_time",
        denominator="closed",
        definition=_("按期结案率 = 统计期内在法定办案期限内结案的案件数 ÷ 统计期内结案数"),
    )


# --- series -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSeries:
    """How to count one kind of case. Field names are read from ``model``; nothing else is imported.

    * ``accepted_field``: date or datetime of acceptance (受理) — the case enters the denominator then.
      Cases never accepted (refused, transferred before acceptance) are not counted at all.
    * ``closed_field``: date or datetime of closing (结案); ``closed_filter`` narrows what counts as a
      closure (a case outside it stays pending). ``base_filter`` narrows which rows belong to the series.
    * ``success_filter`` / ``final_filter``: among closures, mediation success / arbitration finality.
    * ``recovered_field`` / ``workers_field``: summed over closures (amounts recovered, workers helped).
    * ``deadline_rule``: the statutory period for closing (a rule in casework.deadlines.rules). A closure is
      late when the case's stored ``Deadline`` of that rule was met (``deadlines.meet``, which the closing
      service calls) after its due date; otherwise on time (also when the deadline was never started or was
      cancelled). Overdue = pending at the end of the period with that deadline due before then and still
      running (a suspended one is not overdue). ``on_time`` (a Q on the model, e.g. on a stored
      ``closed_on_time`` column) overrides the on-time test.
    * dates are local (Asia/Shanghai) dates: a datetime field is compared with local midnights.
    """

    code: str
    label: str
    model: type[models.Model]
    accepted_field: str
    closed_field: str = "closed_at"
    rates: tuple[RateSpec, ...] = ()
    base_filter: Q | None = None
    closed_filter: Q | None = None
    success_filter: Q | None = None
    final_filter: Q | None = None
    recovered_field: str | None = None
    workers_field: str | None = None
    deadline_rule: str | None = None
    on_time: Q | None = None
    sort_order: int = 100
    note: str = ""

    # --- what this series can show -----------------------------------------------------------------------
    @property
    def has_on_time(self) -> bool:
        return self.on_time is not None or self.deadline_rule is not None

    def figure_codes(self) -> list[str]:
        """The figures this series has, in display order."""
        codes = ["pending_start", "accepted", "caseload", "closed"]
        if self.has_on_time:
            codes += ["closed_on_time", "closed_late"]
        if self.success_filter is not None:
            codes.append("succeeded")
        if self.final_filter is not None:
            codes.append("final")
        codes.append("pending_end")
        if self.deadline_rule:
            codes.append("overdue")
        if self.recovered_field:
            codes.append("recovered")
        if self.workers_field:
            codes.append("workers")
        return codes

    @property
    def primary_rate(self) -> RateSpec | None:
        """The rate the jurisdictions are ranked by: the first one with a target, else the first."""
        with_target = [r for r in self.rates if r.target is not None]
        return (with_target or list(self.rates) or [None])[0]

    def rate(self, code: str) -> RateSpec:
        for rate in self.rates:
            if rate.code == code:
                return rate
        raise KeyError(code)

    def field_is_datetime(self, name: str) -> bool:
        return isinstance(self.model._meta.get_field(name), models.DateTimeField)

    @property
    def view_permission(self) -> str:
        return f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"

    def validate(self) -> None:
        meta = self.model._meta
        for required in ("jurisdiction", "number", "state", "next_due"):
            meta.get_field(required)
        for name in (self.accepted_field, self.closed_field):
            if not isinstance(meta.get_field(name), models.DateField):
                raise ValueError(f"{self.code}: {name} must be a date or datetime field")
        for name in (self.recovered_field, self.workers_field):
            if name:
                meta.get_field(name)
        if self.deadline_rule:
            from casework.deadlines.rules import get_rule

            get_rule(self.deadline_rule)
        available = set(self.figure_codes())
        codes = set()
        for rate in self.rates:
            missing = {rate.numerator, rate.denominator} - available
            if missing:
                raise ValueError(f"{self.code}.{rate.code}: series has no figure {sorted(missing)}")
            if rate.code in codes:
                raise ValueError(f"{self.code}: duplicate rate {rate.code}")
            codes.add(rate.code)


def case_series(model, label, *, rates: tuple[RateSpec, ...], sort_order: int, **fields) -> CaseSeries:
    """The series of a registered case type, with the defaults every type shares: coded by the type
    (``model.CASE_TYPE``), entering the caseload on ``accepted_on`` and closed at ``closed_at``. ``fields``
    are the other ``CaseSeries`` fields where the type differs (``accepted_field``, ``deadline_rule``, the
    success/finality filters, the recovered amount and workers)."""
    fields.setdefault("accepted_field", "accepted_on")
    return CaseSeries(
        code=model.CASE_TYPE, label=label, model=model, rates=rates, sort_order=sort_order, **fields
    )


_SERIES: dict[str, CaseSeries] = {}


def register_series(spec: CaseSeries) -> CaseSeries:
    """Add (or replace, when re-registered with the same model) a case series."""
    existing = _SERIES.get(spec.code)
    if existing is not None and existing.model is not spec.model:
        raise ValueError(f"case series {spec.code!r} is already registered for {existing.model.__name__}")
    spec.validate()
    _SERIES[spec.code] = spec
    _rolled_up(spec)
    return spec


def unregister_series(code: str) -> None:
    _SERIES.pop(code, None)
    from . import rollup

    rollup.forget()


def _rolled_up(spec: CaseSeries) -> None:
    """The monthly roll-up follows the series' case rows: deletes through ``pre_delete`` (saves through
    ``casework.models.Case.save``); the stored year-end projections are recomputed after changes that can move
    them (``projection_store``)."""
    from django.db.models.signals import post_delete, post_save, pre_delete

    from casework.models import Deadline

    from . import projection_store, rollup

    rollup.forget()
    pre_delete.connect(
        rollup.before_delete, sender=spec.model, dispatch_uid=f"rollup:{spec.model._meta.label}"
    )
    post_save.connect(
        projection_store.case_saved, sender=spec.model, dispatch_uid=f"projection:{spec.model._meta.label}"
    )
    post_delete.connect(
        projection_store.deadline_saved,
        sender=spec.model,
        dispatch_uid=f"projection-delete:{spec.model._meta.label}",
    )
    post_save.connect(projection_store.deadline_saved, sender=Deadline, dispatch_uid="projection:deadline")


def get_series(code: str) -> CaseSeries:
    """The series called ``code``; raises ``KeyError`` for an unknown code."""
    return _SERIES[code]


def all_series() -> list[CaseSeries]:
    order = {code: index for index, code in enumerate(_SERIES)}
    return sorted(_SERIES.values(), key=lambda s: (s.sort_order, order[s.code]))
