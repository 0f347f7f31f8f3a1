"""What the public green channel knows about case types and online application forms.

The green channel never imports a case app. Each app tells it, from its ``AppConfig.ready()``:

* which of its case models a worker may look up, and how to describe them in plain words::

      register_public_case_type(
          MediationCase,
          label="劳动争议调解",
          applicant_attr="applicant",                # FK to casework.Person
          stage_text=lambda case: MEDIATION_STAGES[case.state],
          amount_recovered=lambda case, person: None,
          timeline_labels={"register": "收到调解申请", "accept": "调解申请已受理"},
      )

  For a case with many workers (wage arrears), pass ``lookup_persons`` (who may look it up: every worker
  on the case) and ``cases_for_persons`` (the cases of a set of persons, for the phone lookup), and let
  ``amount_recovered(case, person)`` return that worker's own recovered amount.

  ``person_paths`` names, as ORM lookups from the case to ``casework.Person``, everyone who may look the
  case up by its number (default: ``applicant_attr``; wage arrears: ``("workers__person",)``). The lookup by
  case number reads them for every case type in one ``UNION ALL`` query, so it costs the same whichever
  type (if any) the number belongs to. ``select_related`` / ``prefetch_related`` name what
  ``stage_text`` and ``amount_recovered`` read, so that the progress page loads it for all cases at once.

* what the claimant page of a case shows and lets the worker do (``casework.claimant``), all optional:

  ``steps`` — the simple step bar: ``(label, states)`` pairs in order, the current step the one naming the
  case's state (default: received / in hand / closed); ``hearings(cases)`` → ``{case pk: [HearingRow]}`` for a
  list of cases in a constant number of queries; ``payments(pairs)`` → ``{(case pk, person pk): [PaymentRow]}``
  for ``(case, person)`` pairs, again set-based; ``confirm_payment(case, person, payment_id)`` records, inside
  the kernel's logged change (the case locked), that the worker received that payment and returns what the log
  entry should say, or raises ``AlreadyDone``; ``withdraw(actor=, case_id=, reason=)`` runs the type's own
  withdrawal transition when staff accept a worker's request to withdraw (none: the decision is only recorded).

* which online applications it accepts (``/green/apply/<code>/``)::

      register_application_form(
          "arbitration",
          DisputeApplicationForm,                   # casework.public.forms, or a subclass
          service=lambda *, applicant, employer, jurisdiction, data, submission_key: arbitration_apply(
              actor=None, applicant=applicant, respondent=employer, ..., green_channel=True
          ),
      )

  The service is called inside the submission's transaction with the applicant (a ``Person`` found or
  registered by ID number), the employer (``None`` unless a valid credit code was given; the name typed is
  ``data["employer_name"]``), the jurisdiction chosen (the prefecture when the worker did not know) and
  the form's cleaned data; it returns the registered case (numbered, with ``green_channel=True``). The
  green channel then attaches the photos, remembers the one-time token (a double submit returns the same
  case), sends the "registered" SMS and shows the receipt.

* which case type takes the wage complaint of the home page (``/green/complaint/``): the same call with the
  code ``COMPLAINT_FORM``, ``listed=False`` (it is not one of the applications of ``/green/apply/``) and its
  own ``template``. With none registered, that page is a 404.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import BigIntegerField, CharField, F, Subquery, Value
from django.utils.translation import gettext_lazy as _

from casework.services.case_numbers import number_pattern

# The applications the home page offers; a code with no registered form shows "暂未开通".
COMPLAINT_FORM = "complaint"  # the home page's wage complaint, not one of these
APPLICATION_KINDS: dict[str, str] = {
    "mediation": _("申请劳动争议调解"),
    "arbitration": _("申请劳动争议仲裁"),
}


class AlreadyDone(Exception):
    """Raised inside a claimant change that was done before (a second "已收到"): nothing is written again."""


@dataclass(frozen=True)
class HearingRow:
    """A hearing as the claimant page shows it: when, where, how to get there, what to bring."""

    case_pk: int
    at: Any  # an aware datetime
    place: str
    directions: str = ""
    bring: str = ""
    status: str = ""


@dataclass(frozen=True)
class PaymentRow:
    """Money recovered for the worker: one payment, and whether they confirmed receiving it."""

    pk: int
    amount: Decimal
    paid_on: Any
    payer: str
    confirmed: bool
    confirmed_on: Any = None


DEFAULT_STEPS: tuple = ((_("已登记"), ()), (_("办理中"), ()), (_("已办结"), ()))


def _default_deadline_text(deadline) -> str:
    from casework.public.plain_words import deadline_text

    return deadline_text(deadline)


@dataclass(frozen=True)
class PublicCaseType:
    model: type
    label: str
    applicant_attr: str
    stage_text: Callable[[Any], str]
    amount_recovered: Callable[[Any, Any], Decimal | None]
    timeline_labels: Mapping[str, str] = field(default_factory=dict)
    deadline_text: Callable[[Any], str] = _default_deadline_text
    lookup_persons: Callable[[Any], Iterable] | None = None
    cases_for_persons: Callable[[Any], Any] | None = None
    noun: str = _("申请")  # "您的{noun}已受理"
    person_paths: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    steps: tuple[tuple[str, tuple[str, ...]], ...] = ()
    hearings: Callable[[list], Mapping[int, list[HearingRow]]] | None = None
    payments: Callable[[list], Mapping[tuple[int, int], list[PaymentRow]]] | None = None
    confirm_payment: Callable[[Any, Any, int], dict] | None = None
    withdraw: Callable[..., Any] | None = None

    def step_bar(self, case) -> tuple[list[str], int]:
        """The step labels and the index of the current one for ``case``."""
        if not self.steps:
            labels = [str(label) for label, _states in DEFAULT_STEPS]
            return labels, (1 if case.is_open else 2)
        labels = [str(label) for label, _states in self.steps]
        state = getattr(case, "state", "")
        current = next((i for i, (_label, states) in enumerate(self.steps) if state in states), None)
        if current is None:
            current = 0 if case.is_open else len(labels) - 1
        return labels, current

    @property
    def model_label(self) -> str:
        return self.model._meta.label_lower

    def may_have_number(self, number: str) -> bool:
        """Whether ``number`` has the shape of this type's numbers (``Case.NUMBER_FORMAT``)."""
        return number_pattern(getattr(self.model, "NUMBER_FORMAT", "")).fullmatch(number) is not None

    def person_rows(self, cases, *, with_version: bool = False) -> list:
        """``(type label, case id, person id)`` querysets, one per person path, over ``cases`` (a queryset of
        this type); the person id is NULL for a case with nobody on that path (outer joins). ``with_version``
        adds ``version``: the head of the case's log chain (``audit_head``), which every change to the case moves
        (the version of the progress page's record, ``casework.public.progress_store``)."""
        label = Value(self.model_label, output_field=CharField())
        extra = {"version": F("audit_head")} if with_version else {}
        return [
            cases.order_by().values(label=label, case_pk=F("pk"), person_pk=F(f"{path}__pk"), **extra)
            for path in self.person_paths
        ]

    def person_rows_by_number(self, number: str) -> list:
        """The same rows for the case numbered ``number``, shaped to plan cheaply inside the lookup's ``UNION
        ALL``: a row straight from the case table (person: its foreign key on this path, else NULL), and for each
        path through another table, a row per person from that table, found by ``case = (SELECT id … WHERE
        number = %s)`` — no join per branch (half the planning time of one)."""
        label = Value(self.model_label, output_field=CharField())
        cases = self.model._default_manager.filter(number=number).order_by()
        direct = [p for p in self.person_paths if "__" not in p and self.model._meta.get_field(p).many_to_one]
        rows = [
            cases.values(
                label=label,
                case_pk=F("pk"),
                person_pk=F(f"{path}_id") if path else Value(None, BigIntegerField()),
            )
            for path in direct or [None]
        ]
        for path in self.person_paths:
            if path in direct:
                continue
            first, _sep, rest = path.partition("__")
            relation = self.model._meta.get_field(first)
            if relation.many_to_many:
                table = relation.remote_field.through
                to_case, to_person = relation.m2m_field_name(), relation.m2m_reverse_field_name()
                person = f"{to_person}__{rest}__pk" if rest else f"{to_person}_id"
            else:  # a reverse foreign key: rows of another table pointing at the case (arrears worker lines)
                table, to_case = relation.related_model, relation.field.name
                person = f"{rest}__pk"
            rows.append(
                table._default_manager.filter(**{to_case: Subquery(cases.values("pk"))})  # number is unique
                .order_by()
                .values(label=label, case_pk=F(f"{to_case}_id"), person_pk=F(person))
            )
        return rows

    def persons_of(self, case) -> list:
        """The persons who may look this case up (verified by their own ID number or phone)."""
        if self.lookup_persons is not None:
            return [p for p in self.lookup_persons(case) if p is not None]
        person = getattr(case, self.applicant_attr, None)
        return [person] if person is not None else []

    def cases_of(self, persons):
        """The cases of these persons (a Person queryset), for the phone-number lookup."""
        if self.cases_for_persons is not None:
            return self.cases_for_persons(persons)
        return self.model._default_manager.filter(**{f"{self.applicant_attr}__in": persons})

    def timeline_label(self, entry) -> str:
        return str(self.timeline_labels.get(entry.transition) or entry.transition_label or entry.transition)


_CASE_TYPES: dict[str, PublicCaseType] = {}


def register_public_case_type(
    model,
    *,
    label: str,
    applicant_attr: str,
    stage_text: Callable[[Any], str],
    amount_recovered: Callable[[Any, Any], Decimal | None] = lambda case, person: None,
    timeline_labels: Mapping[str, str] | None = None,
    deadline_text: Callable[[Any], str] | None = None,
    lookup_persons: Callable[[Any], Iterable] | None = None,
    cases_for_persons: Callable[[Any], Any] | None = None,
    noun: str | None = None,
    person_paths: Iterable[str] | None = None,
    select_related: Iterable[str] = (),
    prefetch_related: Iterable[str] = (),
    steps: Iterable[tuple[str, Iterable[str]]] = (),
    hearings: Callable[[list], Mapping[int, list[HearingRow]]] | None = None,
    payments: Callable[[list], Mapping[tuple[int, int], list[PaymentRow]]] | None = None,
    confirm_payment: Callable[[Any, Any, int], dict] | None = None,
    withdraw: Callable[..., Any] | None = None,
) -> PublicCaseType:
    """Let workers look up cases of ``model`` (a ``casework.models.Case`` subclass) on the public pages.

    Only what these callables return is ever shown: the stage in plain words, the public timeline
    entries under the labels given here, the next deadline's date, the handling unit's phone and the
    amount recovered for the verified person.
    """
    paths = tuple(person_paths or (applicant_attr,))
    for path in paths:
        _check_person_path(model, path)
    entry = PublicCaseType(
        model=model,
        label=label,
        applicant_attr=applicant_attr,
        stage_text=stage_text,
        amount_recovered=amount_recovered,
        timeline_labels=dict(timeline_labels or {}),
        deadline_text=deadline_text or _default_deadline_text,
        lookup_persons=lookup_persons,
        cases_for_persons=cases_for_persons,
        noun=noun or _("申请"),
        person_paths=paths,
        select_related=tuple(select_related),
        prefetch_related=tuple(prefetch_related),
        steps=tuple((label, tuple(states)) for label, states in steps),
        hearings=hearings,
        payments=payments,
        confirm_payment=confirm_payment,
        withdraw=withdraw,
    )
    _CASE_TYPES[entry.model_label] = entry
    for listener in _ON_CHANGE:
        listener()
    return entry


# Called whenever a case type is (re-)registered: selectors that compile SQL over every type forget it.
_ON_CHANGE: list[Callable[[], None]] = []


def on_case_types_changed(listener: Callable[[], None]) -> None:
    _ON_CHANGE.append(listener)


def _check_person_path(model, path: str) -> None:
    """``path`` must lead from ``model`` to ``casework.Person`` through relations."""
    current = model
    try:
        for name in path.split("__"):
            related = current._meta.get_field(name).related_model
            if related is None:
                raise FieldDoesNotExist(name)
            current = related
    except FieldDoesNotExist:
        current = None
    if current is None or current._meta.label_lower != "casework.person":
        raise ImproperlyConfigured(
            f"{model._meta.label}: person path {path!r} does not lead to casework.Person; pass person_paths="
        )


def public_case_types() -> list[PublicCaseType]:
    return list(_CASE_TYPES.values())


def case_type_for(model_or_case) -> PublicCaseType | None:
    label = model_or_case._meta.label_lower
    return _CASE_TYPES.get(label)


def case_type_by_label(label: str) -> PublicCaseType | None:
    return _CASE_TYPES.get(label)


@dataclass(frozen=True)
class ApplicationForm:
    code: str
    form_class: type
    service: Callable[..., Any]
    label: str
    intro: str = ""
    notify_registered: bool = True
    template: str = "green/apply_form.html"
    photo_description: str = _("网上申请时提交的材料")


_APPLICATION_FORMS: dict[str, ApplicationForm] = {}


def register_application_form(
    code: str,
    form_class: type,
    service: Callable[..., Any],
    *,
    label: str | None = None,
    intro: str = "",
    notify_registered: bool = True,
    listed: bool = True,
    template: str | None = None,
    photo_description: str | None = None,
) -> ApplicationForm:
    """Open ``/green/apply/<code>/`` with ``form_class``; ``service`` registers the case (see module doc).

    Set ``notify_registered=False`` if the service sends its own "registered" SMS; ``listed=False`` for a
    form with a page of its own (``COMPLAINT_FORM``), not offered under ``/green/apply/``.
    """
    entry = ApplicationForm(
        code=code,
        form_class=form_class,
        service=service,
        label=label or APPLICATION_KINDS.get(code, code),
        intro=intro,
        notify_registered=notify_registered,
        template=template or ApplicationForm.template,
        photo_description=photo_description or ApplicationForm.photo_description,
    )
    _APPLICATION_FORMS[code] = entry
    if listed:
        APPLICATION_KINDS.setdefault(code, entry.label)
    return entry


def application_form(code: str) -> ApplicationForm | None:
    return _APPLICATION_FORMS.get(code)


def unregister_application_form(code: str) -> None:
    """For tests (and for switching an application off)."""
    _APPLICATION_FORMS.pop(code, None)
