"""``CaseType``: everything a case type tells the kernel, declared once and registered from its app's ``ready``.

    register_case_type(CaseType(
        code="arrears", model=ArrearsCase, api_slug="arrears",
        detail_url_name="arrears:case-detail", list_url_name="arrears:case-list",
        head_roles=(Role.INSPECTION_HEAD,), writer_roles=(Role.INSPECTOR, Role.INSPECTION_HEAD),
        visible=arrears_visible_to, transitions=TransitionInput(...), actions=(Action(...), ...),
        detail_data=lambda case, request: ArrearsCaseDetailSerializer(case, context={"request": request}).data,
        series=arrears_series, public=register_public, seeders=(seed_arrears,), nav=(...),
        parties={Person: persons_of_visible_arrears},
    ))

From the registration the kernel serves, with no code of the type's own: the transition and action endpoints
of the API and the pages (``casework.kernel.api``, ``casework.kernel.pages``), write permission by role
(``casework.kernel.writes``), detail links of alerts, the bell and statistics (``Case.get_absolute_url``),
the statistics series, the green channel entry, demo seeding, the menu and party visibility. The kernel
never imports a case type: it knows them only through this registry.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.urls import reverse

from casework.roles import READ_ONLY_ROLES, Role


@dataclass(frozen=True)
class Action:
    """A logged change that is not a state move (assign, record a statement, add a claim...).

    ``service(actor=..., <id_kwarg>=pk, **kwargs)`` does the change through ``case_action``; ``form`` cleans
    the input (a Django form; its ``cleaned_data`` are the kwargs unless ``to_kwargs(cleaned, raw)`` maps
    them). ``roles`` may take it: the kernel refuses anyone else before reading the input.
    """

    name: str
    label: str
    roles: tuple[Role, ...]
    service: Callable[..., Any] | None = None
    form: type | None = None
    to_kwargs: Callable[[dict, Any], dict] | None = None
    success: str = "操作成功"


def case_service(case_type, func: Callable[..., Any]) -> Callable[..., Any]:
    """An action's service for a kernel function ``func(model, pk, *, actor, **input)``: the kernel calls a
    service with the type's id keyword (``complaint_id=…``)."""

    def service(*, actor, **kwargs):
        pk = kwargs.pop(case_type.id_kwarg)
        return func(case_type.model, pk, actor=actor, **kwargs)

    return service


def kernel_actions(case_type, rows) -> tuple[Action, ...]:
    """The kernel's actions for ``case_type`` from rows ``(name, label, roles, func, form, success)``, each
    ``func(model, pk, *, actor, **input)`` called through ``case_service``."""
    return tuple(
        Action(name, label, roles, service=case_service(case_type, func), form=form, success=success)
        for name, label, roles, func, form, success in rows
    )


@dataclass(frozen=True)
class TransitionInput:
    """The state moves of a case type: ``services[name](actor=..., <id_kwarg>=pk, **to_kwargs(name, cleaned,
    raw))`` after ``form`` cleaned the input. The roles come from each django-fsm transition's
    ``permission`` (``casework.permissions.has_role``)."""

    services: dict[str, Callable[..., Any]]
    form: type
    to_kwargs: Callable[[str, dict, Any], dict]


@dataclass
class CaseType:
    code: str  # the model's CASE_TYPE
    model: type[Model]
    api_slug: str  # /api/v1/<api_slug>/<id>/transitions/<name>/
    detail_url_name: str  # reverse(detail_url_name, kwargs={"pk": id})
    visible: Callable[[Any], QuerySet]  # user → the cases of this type the user may see
    list_url_name: str = ""
    head_roles: tuple[Role, ...] = ()  # unit heads: alerted for unassigned cases, approve
    writer_roles: tuple[Role, ...] = ()  # may add evidence and notes, issue documents on a visible case
    transitions: TransitionInput | None = None
    actions: tuple[Action, ...] = ()
    id_kwarg: str = "case_id"
    detail_data: Callable[[Model, Any], dict] | None = None  # (case, request) → the API's detail body
    series: Callable[[], Iterable] | None = None  # → the statistics series (CaseSeries) of the type
    public: Callable[[], None] | None = None  # registers the green-channel entry
    seeders: tuple[Callable, ...] = ()  # demo data
    nav: tuple[tuple, ...] = ()  # (label, url name, permission) menu entries
    parties: dict[type, Callable[[Any], QuerySet]] = field(
        default_factory=dict
    )  # party model → user → parties
    scale_seed: Any = None  # the type's rows for ``manage.py seed_scale``
    # Documents (casework.documents): the kinds the type issues (numbered, served), and case → the documents
    # that exist for the case now, in file order, each {"slug", "title", "url"}.
    documents: tuple = ()
    document_list: Callable[[Model], list[dict]] | None = None
    document_pdf: Callable[[Model, str], bytes] | None = None  # (case, slug) → the document rendered
    # (label, opener): a clue or an inspection's finding can open a case of this type (``casework.kernel.intake``)
    open_from_intake: tuple[str, Callable[..., Model]] | None = None
    # the attribute naming the employer a case is against (None: the type has none)
    employer_attr: str | None = "employer"
    # Typical cases (典型案例, casework.typical) drawn from the type's closed cases, and what they may name:
    # "enforcement" — the employer, as 人社部令第29号 lets a bureau publish it; "dispute" — no party at all;
    # "" — the type's cases are not published.
    disclosure: str = ""
    # The list's search box (``casework.kernel.search_index``): the values whose text it finds by substring —
    # the case's own columns and a column of a record it points to (``employer__name``). The kernel indexes
    # them and keeps the index current; the type's ``CaseList.search`` adds only its exact matches.
    search_text: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(self.model.TYPE_LABEL or self.model._meta.verbose_name)

    def detail_url(self, pk) -> str:
        return reverse(self.detail_url_name, kwargs={"pk": pk})

    def action(self, name: str) -> Action | None:
        return next((a for a in self.all_actions() if a.name == name), None)

    def all_actions(self) -> tuple[Action, ...]:
        """The type's own actions plus the kernel's common ones (evidence), open to its writer roles."""
        own = {a.name for a in self.actions}
        return self.actions + tuple(c for c in self._common_actions() if c.name not in own)

    def _common_actions(self) -> tuple[Action, ...]:
        """Evidence and 督办 (``casework.supervision.actions``) on every case type; the answers to the green
        channel's claimant page (``casework.claimant.actions``) on those registered with it; typical cases
        (``casework.typical.actions``) on those whose cases may be published (``disclosure``)."""
        from casework.claimant.actions import claimant_actions
        from casework.documents.actions import document_actions
        from casework.forms.evidence import EvidenceForm
        from casework.forms.links import LinkForm
        from casework.services.evidence import evidence_action_service
        from casework.services.links import link_action_service
        from casework.supervision.actions import supervision_actions
        from casework.typical.actions import typical_actions

        return (
            *document_actions(self),
            Action(
                "add_evidence",
                "上传证据材料",
                self.writer_roles,
                service=evidence_action_service(self),
                form=EvidenceForm,
                success="证据材料已上传",
            ),
            # A link to another case (any type) or to a police/court reference, shown on both cases.
            Action(
                "link_case",
                "关联案件",
                self.writer_roles,
                service=link_action_service(self),
                form=LinkForm,
                success="已关联案件",
            ),
            *supervision_actions(self),
            *claimant_actions(self),
            *(typical_actions(self) if self.disclosure else ()),
        )

    def validate(self) -> None:
        for action in self.all_actions():
            read_only = set(action.roles) & READ_ONLY_ROLES
            if read_only:
                raise ImproperlyConfigured(
                    f"{self.code}.{action.name}: 只读角色 {sorted(read_only)} 不能执行写操作"
                )
        if getattr(self.model, "CASE_TYPE", None) != self.code:
            raise ImproperlyConfigured(f"{self.code}: model.CASE_TYPE is {self.model.CASE_TYPE!r}")


_TYPES: dict[str, CaseType] = {}


def register_case_type(case_type: CaseType) -> CaseType:
    """Register a case type (idempotent per code) and plug it into the kernel's services."""
    case_type.validate()
    if case_type.code in _TYPES:
        return _TYPES[case_type.code]
    _TYPES[case_type.code] = case_type
    _plug_in(case_type)
    return case_type


def _plug_in(case_type: CaseType) -> None:
    from casework.demo import register_seeder
    from casework.documents.kinds import register_kinds
    from casework.kernel import search_index
    from casework.selectors.parties import register_party_visibility
    from casework.statistics.registry import register_series

    register_kinds(case_type.code, case_type.documents)
    search_index.connect(case_type.model, case_type.search_text)
    for seeder in case_type.seeders:
        register_seeder(seeder)
    for model, func in case_type.parties.items():
        register_party_visibility(model, func)
    for series in case_type.series() if case_type.series else ():
        register_series(series)
    if case_type.public is not None:
        case_type.public()


def case_types() -> list[CaseType]:
    return list(_TYPES.values())


def case_type(code: str) -> CaseType | None:
    return _TYPES.get(code)


def case_type_by_slug(slug: str) -> CaseType | None:
    return next((t for t in _TYPES.values() if t.api_slug == slug), None)


def case_type_for(model_or_case) -> CaseType | None:
    model = model_or_case if isinstance(model_or_case, type) else type(model_or_case)
    return _TYPES.get(getattr(model, "CASE_TYPE", ""))
