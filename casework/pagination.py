"""The staff case lists' paginator: a large list's total is counted once a minute, not on every page.

The page itself is read in index order (``casework.models.case.urgency_indexes``) and costs the same at any
size; the total ("第 1 / 400 页，共 10,000 条") is a ``COUNT(*)`` that reads every visible case — 45–60 ms for
a prefecture-wide user at a million cases (docs/performance.md). A total of ``CACHE_FROM`` cases or more is
kept in the cache for ``CACHE_SECONDS``, keyed by the count's SQL (which holds the user's visibility and
filters): paging through a big list, or coming back to it, does not count it again, and a total that large may
lag a minute behind. Smaller totals — a county's filtered list — are counted every time, exactly.

A search is counted up to ``count_cap`` (``SEARCH_COUNT_CAP``) matches: a word most names contain (有限公司)
matches most cases, and counting them all would cost more than finding the page (``casework.kernel.search_index``
walks the list only until the page is full, and counting to the cap costs up to ``DENSITY`` × the cap probes).
The page then says "共 500 条以上" and offers the pages up to the cap: a user who wants more narrows the search.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

SEARCH_COUNT_CAP = 500


class CaseListPaginator(Paginator):
    CACHE_FROM = 10_000
    CACHE_SECONDS = 60

    def __init__(self, object_list, per_page, *, count_cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_cap = count_cap
        self.capped = False

    def _count_key(self) -> str:
        sql, params = self.object_list.query.get_compiler(using=self.object_list.db).as_sql()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return f"case-list-count:{digest}"

    @cached_property
    def count(self) -> int:
        if self.count_cap is not None:
            total = self.object_list.order_by()[: self.count_cap + 1].count()
            self.capped = total > self.count_cap
            return min(total, self.count_cap)
        key = self._count_key()
        total = cache.get(key)
        if total is None:
            total = super().count
            if total >= self.CACHE_FROM:
                cache.set(key, total, self.CACHE_SECONDS)
        return total
