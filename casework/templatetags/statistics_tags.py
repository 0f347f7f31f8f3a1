"""``{% ranking_rows sr %}``: the rows of the dashboard's ranking table (one per jurisdiction), written in
Python as the admin writes its change list's cells (``items_for_result``).

The template language resolves each of a row's thirty-odd variables through its lookup rules, and
``format_html`` checks every argument for lazy strings; for the four series × every jurisdiction of the
prefecture that was a third of the dashboard's rendering time. The markup is the one the template wrote; every
text is escaped (``html.escape``, as Django's ``escape`` does) and every number localized as the template
localized it.
"""

from html import escape

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _number(value) -> str:
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what ``localize`` gives for an int without grouping, without its lookups
    return escape(str(localize(value)))


def _rate_cell(rate) -> str:
    if rate.rate is None:
        shown = f'<span class="muted">{escape(rate.display)}</span>'
    else:
        shown = (
            f'<a href="{escape(rate.numerator_url)}" title="{_number(rate.numerator)} ÷ '
            f'{_number(rate.denominator)}">{escape(rate.display)}</a>'
        )
        if rate.signal_label:
            shown += f' <span class="tag {escape(rate.signal_css)}">{escape(rate.signal_label)}</span>'
    return f"<td>{shown}</td>"


def _projection_cell(projection) -> str:
    shown = escape(str(projection.display))
    if projection.range_display and not projection.actual:
        shown += f' <span class="muted">({escape(str(projection.range_display))})</span>'
    if projection.signal_label and projection.rate is not None:
        shown += (
            f' <span class="tag {escape(projection.signal_css)}">{escape(projection.signal_label)}</span>'
        )
    return f"<td>{shown}</td>"


def _link_cell(figure, extra: str = "") -> str:
    return f'<td><a href="{escape(figure.url)}"{extra}>{_number(figure.value)}</a></td>'


def _row(code: str, row) -> str:
    figures = row.figures.by_code
    jurisdiction = row.jurisdiction
    cells = [
        f"<td>{_number(row.rank) if row.rank else '—'}</td><td>{escape(jurisdiction.name)}</td>",
        *(_rate_cell(rate) for rate in row.figures.rates),
        _link_cell(figures["caseload"]),
        _link_cell(figures["closed"]),
        _link_cell(figures["pending_end"], ' data-testid="pending-link"'),
    ]
    overdue = figures.get("overdue")
    if overdue:
        cells.append(_link_cell(overdue, f' class="{"overdue" if overdue.value else ""}"'))
    if row.projection:
        cells.append(_projection_cell(row.projection))
    return f'<tr data-testid="ranking-{escape(code)}-{escape(jurisdiction.code)}">{"".join(cells)}</tr>'


@register.simple_tag
def ranking_rows(sr) -> SafeString:
    """One ``<tr>`` per jurisdiction of the series report ``sr``, in its ranking order."""
    return mark_safe("\n".join(_row(sr.code, row) for row in sr.rows))
