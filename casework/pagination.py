"""The staff case lists' paginator: a large list's total is counted once a minute, not on every page.

The page itself is read in index order (``casework.models.case.urgency_indexes``) and costs the same at any
size; the total ("第 1 / 400 页，共 10,000 条") is a ``COUNT(*)`` that reads every visible case — 45–60 ms for
a prefecture-wide user at a million cases (docs/performance.md). A total of ``CACHE_FROM`` cases or more is
kept in the cache for ``CACHE_SECONDS``, keyed by the count's SQL (which holds the user's visibility and
filters): paging through a big list, or coming back to it, does not count it again, and a total that large may
lag a minute behind. Smaller totals — a county's filtered list, a search — are counted every time, exactly.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CaseListPaginator(Paginator):
    CACHE_FROM = 10_000
    CACHE_SECONDS = 60

    def _count_key(self) -> str:
        sql, params = self.object_list.query.get_compiler(using=self.object_list.db).as_sql()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        return f"case-list-count:{digest}"

    @cached_property
    def count(self) -> int:
        key = self._count_key()
        total = cache.get(key)
        if total is None:
            total = super().count
            if total >= self.CACHE_FROM:
                cache.set(key, total, self.CACHE_SECONDS)
        return total
