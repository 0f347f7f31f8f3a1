"""Shared by the case-list tests: a list page's query count with few cases and with more than a page of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_counts_as_cases_grow(client, url: str, add_cases) -> tuple[list[int], str]:
    """``add_cases(n)`` adds n cases the viewer sees. Returns the page's query counts with 2 cases and with 30
    (a full page of 25 and a second page), and the last page's HTML."""
    counts, page = [], ""
    for more in (2, 28):
        add_cases(more)
        client.get(url)  # the session's first request loads more
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        counts.append(len(ctx.captured_queries))
    return counts, page
