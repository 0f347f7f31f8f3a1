"""A staff case list, the same for every case type: the filters a user picks, the urgency order the list
indexes serve, and the page.

A case type declares its list once (``CaseList``: the model, how its search box finds cases, what a row
reads besides the case, its own yes/no filters) and its filter form (a ``CaseFilterForm`` with its states and
search hint); the kernel does the rest:

- ``q`` (the type's ``search``), ``state``, ``jurisdiction``, the received range, ``overdue`` (an open case
  past its next statutory deadline), ``green_channel``, ``mine`` (cases the user is assigned to);
- the order: open cases first, [collective cases,] the green channel, the nearest deadline, the newest —
  exactly ``casework.models.case.urgency_order``, which the model's ``urgency_indexes`` serve (a search is
  sorted instead: ``searched``);
- the page: ``PAGE_SIZE`` cases with ``CaseListPaginator``, the filters kept in the page links.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import keyset
from casework.forms.jurisdictions import JurisdictionChoice
from casework.inputs import ANY, WindowDateField
from casework.kernel import search_index
from casework.models import Jurisdiction
from casework.models.case import urgency_order
from casework.pagination import SEARCH_COUNT_CAP, CaseListPaginator
from casework.selectors.search import looks_like_case_number
from casework.selectors.visibility import jurisdiction_scope, visible_to

PAGE_SIZE = 25


@dataclass(frozen=True)
class CaseFilters:
    """What the user chose on a list (nothing chosen: every visible case). ``flags``: the names of the case
    type's own yes/no filters that are on (``CaseList.flags``)."""

    q: str = ""
    state: str = ""
    jurisdiction: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    green_channel: bool = False
    mine: bool = False
    flags: frozenset[str] = frozenset()


_COMMON = ("q", "state", "received_from", "received_to", "overdue", "green_channel", "mine")


class CaseFilterForm(JurisdictionChoice, forms.Form):
    """The filter form of a staff list. A case type subclasses it with its ``states`` and ``search_hint``
    (what the keyword finds); its own yes/no filters are further ``BooleanField``s (``CaseList.flags``)."""

    states: tuple = ()
    search_hint = ""

    q = forms.CharField(label=_("关键词"), required=False)
    state = forms.ChoiceField(label=_("状态"), required=False)
    jurisdiction = forms.ModelChoiceField(
        label=_("管辖区域"), required=False, queryset=Jurisdiction.objects.none()
    )
    received_from = WindowDateField(label=_("收到日期自"), window=ANY, required=False)
    received_to = WindowDateField(label=_("至"), window=ANY, required=False)
    overdue = forms.BooleanField(label=_("仅超期"), required=False)
    green_channel = forms.BooleanField(label=_("仅绿色通道"), required=False)
    mine = forms.BooleanField(label=_("仅我承办"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = self.search_hint
        self.fields["state"].choices = [("", _("全部")), *self.states]

    def filters(self) -> CaseFilters:
        """The choices as ``CaseFilters`` (none when the form is not valid)."""
        if not self.is_valid():
            return CaseFilters()
        data = dict(self.cleaned_data)
        jurisdiction = data.pop("jurisdiction")
        common = {name: data.pop(name) for name in _COMMON if name in data}
        flags = frozenset(name for name, on in data.items() if on)
        return CaseFilters(**common, jurisdiction=jurisdiction.pk if jurisdiction else None, flags=flags)


def assigned_to(user, model) -> QuerySet:
    """The ids of the cases of ``model`` that ``user`` is assigned to (a one-column subquery)."""
    through = model.assignees.through
    return through.objects.filter(user_id=user.pk).values(model.assignees.field.m2m_field_name())


@dataclass(frozen=True)
class CaseList:
    """A case type's staff list.

    ``search(q)``: the exact matches its search box adds for a stripped, non-empty ``q``
    (``casework.selectors.search.case_search``: a whole case number, a whole credit code, a person's whole
    name) — what ``q`` is a substring of is found by the kernel's search index, from the type's registered
    ``search_text`` (``casework.kernel.search_index``); ``related``/``prefetch``: what a row shows besides the case
    (read with the page, a constant number of queries); ``flags``: the type's own yes/no filters, by the
    filter form's field name; ``collective``: collective cases come first (the model's urgency indexes have
    the column).
    """

    model: type
    search: Callable[[str], Q]
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    flags: Mapping[str, Q] = field(default_factory=lambda: MappingProxyType({}))
    collective: bool = False

    def cases(self, user, filters: CaseFilters | None = None) -> QuerySet:
        """The cases ``user`` sees that match ``filters``, in urgency order."""
        f = filters or CaseFilters()
        q = f.q.strip()
        qs = visible_to(user, self.model.objects.all())
        found = self.search_condition(q, jurisdictions=self._scope(user, f)) if q else None
        if found is not None:
            qs = qs.filter(found.condition)
        qs = self._filtered(qs, f, user).select_related(*self.related)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        open_states = self.model.OPEN_STATES
        # few matches: collected from the search index and sorted; many: the list's index walked in order
        sort = found is not None and not found.walk
        return qs.order_by(*urgency_order(open_states, collective=self.collective, searched=sort))

    def _scope(self, user, f: CaseFilters) -> frozenset[int] | None:
        """The only jurisdictions whose cases this list can show ``user`` with ``f`` (None: not bounded)."""
        scope = jurisdiction_scope(user, self.model)
        if f.jurisdiction:
            wanted = frozenset({int(f.jurisdiction)})
            scope = wanted if scope is None else scope & wanted
        return scope

    def search_condition(self, q: str, *, jurisdictions=None) -> search_index.IndexedSearch:
        """What the search box finds for a stripped, non-empty ``q``: a whole case number exactly; otherwise
        the cases whose registered search text contains ``q`` (the search index, read in ``jurisdictions``
        only when given) or that the type's ``search`` matches exactly."""
        exact = self.search(q)
        if looks_like_case_number(q):
            return search_index.IndexedSearch(exact, walk=False)
        indexed = search_index.indexed_search(self.model, q, jurisdictions=jurisdictions)
        if indexed is None:
            return search_index.IndexedSearch(exact, walk=False)
        condition = indexed.condition | exact if exact else indexed.condition
        return search_index.IndexedSearch(condition, walk=indexed.walk)

    def searched(self, qs: QuerySet, q: str | None) -> QuerySet:
        """``qs`` narrowed to what the search box finds for ``q`` (all of it for an empty ``q``)."""
        q = (q or "").strip()
        return qs.filter(self.search_condition(q).condition) if q else qs

    def _filtered(self, qs: QuerySet, f: CaseFilters, user) -> QuerySet:
        columns = {
            "state": f.state,
            "jurisdiction_id": f.jurisdiction,
            "received_on__gte": f.received_from,
            "received_on__lte": f.received_to,
            "green_channel": f.green_channel or None,
        }
        qs = qs.filter(**{lookup: value for lookup, value in columns.items() if value})
        if f.overdue:
            qs = qs.filter(state__in=self.model.OPEN_STATES, next_due__lt=timezone.localdate())
        if f.mine:
            qs = qs.filter(pk__in=assigned_to(user, self.model))
        for name in sorted(f.flags & self.flags.keys()):
            qs = qs.filter(self.flags[name])
        return qs


def list_page(request, template: str, cases: QuerySet, form, **context) -> HttpResponse:
    """A staff list page: ``cases`` (filtered, in urgency order) a page at a time, the filter ``form``, the
    query string the page links keep (``query``), today (the overdue marks) and the type's own ``context``.

    The "下一页"/"上一页" links of an unsearched list carry the position of the page's last/first case
    (``casework.keyset``): a deep page costs what the first does. A search is counted up to
    ``SEARCH_COUNT_CAP`` and paged by number."""
    searched = bool(request.GET.get("q", "").strip())
    cap = SEARCH_COUNT_CAP if searched else None
    if not searched:
        cases = keyset.keyed(cases)
    paginator = CaseListPaginator(cases, PAGE_SIZE, count_cap=cap)
    page = keyset.list_page(
        paginator,
        cases,
        request.GET.get("page"),
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        keyset=not searched,
    )
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate(), **context},
    )
