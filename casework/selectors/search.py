"""Query shapes shared by the staff case lists: searching by case number and party, and ``IN`` a subquery
written so that PostgreSQL can combine it with other indexed conditions.

Why the shapes matter (docs/performance.md): a condition on a joined table (``employer__name__icontains``)
inside an ``OR`` cannot use an index, and neither can ``pk IN (subquery)`` — PostgreSQL evaluates both for
every row of the case table. Written as ``employer_id = ANY(ARRAY(SELECT id FROM employer WHERE …))``, each
branch of the ``OR`` is an index scan on the case table (a ``BitmapOr``), and the substring branches use the
trigram indexes of the migrations ``*_list_urgency_and_search_indexes``.
"""

import re

from django.db.models import F, Lookup, Q, QuerySet

# A whole case number as the system issues it (``NUMBER_FORMAT``): 吉首劳监投〔2026〕0012号.
CASE_NUMBER_RE = re.compile(r"\S+〔\d{4}〕\d{4,}号")


class InSubquery(Lookup):
    """``lhs IN (subquery)``; on PostgreSQL ``lhs = ANY(ARRAY(subquery))``, which is an index condition on
    ``lhs`` (the subquery runs once, before the scan) and so can be ORed with other index conditions.

    Use it directly in ``filter()`` or in a ``Q``: ``InSubquery(F("employer_id"), employers.values("pk"))``.
    """

    lookup_name = "in_subquery"  # not registered on any field: used as an expression
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def in_subquery(field: str, queryset: QuerySet) -> InSubquery:
    """``field`` is one of the values of ``queryset`` (a one-column ``values()`` queryset)."""
    return InSubquery(F(field), queryset.order_by())


def looks_like_case_number(q: str) -> bool:
    return bool(CASE_NUMBER_RE.fullmatch(q))


def case_search(q: str, *, contains: list[str], related: list[tuple[str, QuerySet]] = ()) -> Q:
    """The condition a list's search box adds, for a stripped, non-empty ``q``.

    A whole case number is looked up exactly, on the unique index: numbers are unique and no number is
    contained in another, so the answer is the one a substring search would give. Otherwise ``q`` is
    searched for in the case's own text columns ``contains`` (case-insensitive substring: trigram indexes
    on PostgreSQL) and through ``related``: pairs of a column of the case and a one-column queryset of the
    values it may take (the employers whose name contains ``q``, the persons called ``q``…).
    """
    if looks_like_case_number(q):
        return Q(number=q)
    condition = Q()
    for column in contains:
        condition |= Q(**{f"{column}__icontains": q})
    for column, values in related:
        condition |= Q(in_subquery(column, values))
    return condition
