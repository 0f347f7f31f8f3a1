"""Which employers and persons a staff member may see, and searching them.

Base rule (casework.selectors.visibility.visible_to): staff see the employers and persons registered
in their jurisdictions; the prefecture's directors, auditors and administrators see all of them.

Hook for case apps: a party to a case the user can see must be visible too, even when registered in
another county (a worker from 泸溪 complaining in 吉首). A case app registers, in its ``ready()``::

    register_party_visibility(Person, lambda user: Person.objects.filter(
        complaints__in=complaints_visible_to(user)))

Each function returns a queryset of the party model; the visible set is the union of the base rule
and every registered function. They widen visibility only — narrowing belongs in
``restrict_visibility`` on the model.

``parties_visible_to`` is the one rule: the lists, the detail pages, the API and the "显示完整号码" reveal
(``casework.services.personal_data``) all ask it — a single record through ``party_visible`` — so a page
that opens and a reveal on it can never disagree about whether the user may see the record.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from casework import validators
from casework.models import Employer, Person
from casework.selectors.visibility import visible_to

PartyVisibility = Callable[[object], QuerySet]
_WIDENERS: dict[type, list[PartyVisibility]] = {Employer: [], Person: []}


def register_party_visibility(model: type, func: PartyVisibility) -> PartyVisibility:
    """Make ``func(user)``'s parties visible to ``user`` as well (idempotent)."""
    wideners = _WIDENERS.setdefault(model, [])
    if func not in wideners:
        wideners.append(func)
    return func


def parties_visible_to(user, model) -> QuerySet:
    """The records of ``model`` (a party) ``user`` may see: the base rule widened by the case apps."""
    base = visible_to(user, model.objects.all())
    wideners = _WIDENERS.get(model, [])
    if not wideners or user is None or not user.is_authenticated or not user.is_active:
        return base
    condition = Q(pk__in=base.values("pk"))
    for func in wideners:
        condition |= Q(pk__in=func(user).values("pk"))
    return model.objects.filter(condition)


def party_visible(user, record) -> bool:
    """Whether ``user`` may see this one party record: the list's rule, asked for one row."""
    return parties_visible_to(user, type(record)).filter(pk=record.pk).exists()


def employers_visible_to(user) -> QuerySet[Employer]:
    return parties_visible_to(user, Employer).select_related("jurisdiction")


def persons_visible_to(user) -> QuerySet[Person]:
    return parties_visible_to(user, Person).select_related("jurisdiction")


def employer_name_or_code(q: str) -> Q:
    """An employer whose name contains ``q`` or whose credit code is ``q`` (in full, however it was typed)."""
    condition = Q(name__icontains=q)
    code = validators.normalise_credit_code(q)
    if len(code) == 18:
        condition |= Q(credit_code=code)
    return condition


def employers_with_code(q: str) -> QuerySet:
    """The ids of the employers whose credit code is ``q`` in full (none when ``q`` is not a whole code): the
    exact half of a list's search by employer, the name half being the search index's
    (``casework.kernel.search_index``)."""
    code = validators.normalise_credit_code(q)
    if len(code) != 18:
        return Employer.objects.none().values("pk")
    return Employer.objects.filter(credit_code=code).values("pk")


def employers_found(q: str) -> QuerySet:
    """The ids of the employers a case list's search finds by ``q``, for ``case_search``'s ``related``."""
    return Employer.objects.filter(employer_name_or_code(q)).values("pk")


def search_employers(queryset: QuerySet[Employer], q: str | None) -> QuerySet[Employer]:
    """Name or legal representative containing ``q``, or exactly this credit code or phone."""
    q = (q or "").strip()
    if not q:
        return queryset
    condition = employer_name_or_code(q) | Q(legal_representative__icontains=q)
    phone = validators.normalise_phone(q)
    if phone and any(char.isdigit() for char in phone):
        condition |= Q(phone=phone)
    return queryset.filter(condition)


def search_persons(queryset: QuerySet[Person], q: str | None) -> QuerySet[Person]:
    """Name containing ``q``, or exactly this ID number or mobile number.

    Numbers match only in full: a fragment of an ID number finds nobody, so the search cannot be used
    to piece numbers together.
    """
    q = (q or "").strip()
    if not q:
        return queryset
    condition = Q(name__icontains=q)
    number = validators.normalise_id_number(q)
    if len(number) == 18:
        condition |= Q(id_number=number)
    phone = validators.normalise_mobile(q)
    if validators.MOBILE_RE.fullmatch(phone):
        condition |= Q(phone=phone)
    return queryset.filter(condition)
