"""Keyset pages of a staff case list: the next (or previous) page read from where the last one ended.

A page by number is ``OFFSET (n - 1) × 25``: the database reads and throws away every case before it (page 400:
ten thousand rows). The list's "下一页" and "上一页" links carry the position of the page's last (first) case in
the list's order instead (``after`` / ``before``: ``encode``), and the next page is the first 25 cases after it.

The order is any ``order_by`` of the list (``casework.models.case.urgency_order``: open first, [collective,]
the green channel, the nearest deadline with none last, the newest id), mixed directions and ``NULLS LAST``
included, so a single row comparison cannot express "after". It is split into ranges that each follow an index:
for the last key, "the same values of the keys before it and a later value of this one", then the same for the
key before it, and so on. Each range is read in the list's order up to a page (``id = ANY(ARRAY(SELECT … LIMIT
25))`` on PostgreSQL: an index range scan that stops after 25 rows), and the page is the first 25 of those few
candidates in order — one statement, as cheap on page 400 as on page 2, and no case is skipped or shown twice
when cases are added while the user pages (a case added before the position is simply not on later pages).

A page number typed into the address (``?page=400``) is still served by ``OFFSET``; the number shown on a
keyset page is the one the link carried (``page``), exact unless cases were added or removed meanwhile.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

from casework.selectors.search import InSubquery


@dataclass(frozen=True)
class Key:
    name: str  # the annotation holding the key's value
    expression: object
    descending: bool
    nulls_last: bool
    nullable: bool

    def flipped(self) -> "Key":
        return Key(self.name, self.expression, not self.descending, not self.nulls_last, self.nullable)

    def order(self) -> OrderBy:
        if self.nulls_last:
            return OrderBy(self.expression, descending=self.descending, nulls_last=True)
        return OrderBy(self.expression, descending=self.descending, nulls_first=True)


def keys_of(cases: QuerySet) -> list[Key]:
    """The keys of ``cases``'s order (its ``order_by``), each with an annotation name ``_key<n>``."""
    model = cases.model
    keys = []
    for n, item in enumerate(cases.query.order_by):
        if isinstance(item, str):
            item = F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        if not isinstance(item, OrderBy):
            item = OrderBy(item)
        expression = item.expression
        nullable = False
        if isinstance(expression, F):
            name = "id" if expression.name == "pk" else expression.name
            nullable = model._meta.get_field(name).null
        nulls_last = item.nulls_last if (item.nulls_last or item.nulls_first) else not item.descending
        keys.append(Key(f"_key{n}", expression, item.descending, bool(nulls_last), nullable))
    return keys


def keyed(cases: QuerySet) -> QuerySet:
    """``cases`` with each of its order keys read along (``position`` of a row)."""
    return cases.annotate(**{k.name: k.expression for k in keys_of(cases)})


def position(row, keys: list[Key]) -> tuple:
    return tuple(getattr(row, k.name) for k in keys)


# --- the position in a link ---------------------------------------------------------------------------------


def encode(values: tuple) -> str:
    parts = []
    for v in values:
        if v is None:
            parts.append("n")
        elif isinstance(v, bool):
            parts.append("t" if v else "f")
        elif isinstance(v, int):
            parts.append(f"i{v}")
        elif isinstance(v, date):
            parts.append(f"d{v.isoformat()}")
        else:
            raise ValueError(f"no cursor form for {v!r}")
    return ".".join(parts)


def decode(text: str, length: int) -> tuple | None:
    """The values ``encode`` wrote, or None for anything else (a page link edited by hand: the page by number)."""
    parts = (text or "").split(".")
    if len(parts) != length:
        return None
    values = []
    try:
        for part in parts:
            kind, rest = part[:1], part[1:]
            if part in ("n", "t", "f"):
                values.append({"n": None, "t": True, "f": False}[part])
            elif kind == "i" and rest.lstrip("-").isdigit() and len(rest) < 20:
                values.append(int(rest))
            elif kind == "d":
                values.append(date.fromisoformat(rest))
            else:
                return None
    except ValueError:
        return None
    return tuple(values)


# --- the page ----------------------------------------------------------------------------------------------


def _equal(key: Key, value) -> Q:
    return Q(**{f"{key.name}__isnull": True}) if value is None else Q(**{key.name: value})


def _later(key: Key, value) -> list[Q]:
    """The ranges of this key's values that come after ``value``, in order."""
    if value is None:
        return [] if key.nulls_last else [Q(**{f"{key.name}__isnull": False})]
    ranges = [Q(**{f"{key.name}__lt" if key.descending else f"{key.name}__gt": value})]
    if key.nullable and key.nulls_last:
        ranges.append(Q(**{f"{key.name}__isnull": True}))
    return ranges


def ranges_after(keys: list[Key], values: tuple) -> list[Q]:
    """Conditions, each one index range, whose rows in this order are exactly the rows after ``values``."""
    out = []
    for j in reversed(range(len(keys))):
        prefix = Q()
        for i in range(j):
            prefix &= _equal(keys[i], values[i])
        out.extend(prefix & later for later in _later(keys[j], values[j]))
    return out


def rows_after(cases: QuerySet, values: tuple, size: int, *, backward: bool = False) -> list:
    """The first ``size`` rows of ``cases`` (in its order) after the position ``values`` — or, ``backward``,
    the last ``size`` rows before it, in the list's order. One statement (plus the list's prefetches)."""
    keys = keys_of(cases)
    base = cases.annotate(**{k.name: k.expression for k in keys})
    if backward:
        keys = [k.flipped() for k in keys]
    order = [k.order() for k in keys]
    condition = Q()
    for part in ranges_after(keys, values):
        condition |= Q(InSubquery(F("pk"), base.filter(part).order_by(*order).values("pk")[:size]))
    if not condition:
        return []
    rows = list(base.filter(condition).order_by(*order)[:size])
    if backward:
        rows.reverse()
    return rows


class KeysetPage(Page):
    """A list page that knows its first and last cases' positions: the links to the pages next to it."""

    def __init__(self, object_list, number, paginator, keys: list[Key] | None, *, more=None):
        super().__init__(object_list, number, paginator)
        self.keys = keys
        self._more = more  # by position: (a page before, a page after) as read, not as the count says
        self.next_cursor = self.previous_cursor = ""
        rows = list(object_list)
        if keys and rows:
            self.next_cursor = encode(position(rows[-1], keys))
            self.previous_cursor = encode(position(rows[0], keys))

    def has_next(self) -> bool:
        return self._more[1] if self._more else super().has_next()

    def has_previous(self) -> bool:
        return self._more[0] if self._more else super().has_previous()

    def next_page_number(self) -> int:
        return self.number + 1 if self._more else super().next_page_number()

    def previous_page_number(self) -> int:
        return max(1, self.number - 1) if self._more else super().previous_page_number()


def list_page(paginator, cases: QuerySet, number, *, after: str = "", before: str = "", keyset: bool = True):
    """The page a list link asks for: by position (``after``/``before``) when it carries one, else by number."""
    if not keyset:
        page = paginator.get_page(number)
        return KeysetPage(page.object_list, page.number, paginator, None)
    keys = keys_of(cases)
    cursor = after or before
    values = decode(cursor, len(keys)) if cursor else None
    if values is None:
        page = paginator.get_page(number)
        return KeysetPage(list(page.object_list), page.number, paginator, keys)
    try:
        n = max(1, min(int(number), paginator.num_pages))
    except (TypeError, ValueError):
        n = 1
    backward = bool(before) and not after
    size = paginator.per_page
    rows = rows_after(cases, values, size + 1, backward=backward)  # one more: is there a page beyond?
    beyond = len(rows) > size
    rows = rows[1:] if backward and beyond else rows[:size]
    if not rows:  # nothing there any more (cases closed or removed meanwhile): the last page by number
        page = paginator.get_page(paginator.num_pages if not backward else 1)
        return KeysetPage(list(page.object_list), page.number, paginator, keys)
    more = (beyond, True) if backward else (n > 1, beyond)
    return KeysetPage(rows, n, paginator, keys, more=more)
