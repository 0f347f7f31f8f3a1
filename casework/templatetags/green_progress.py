"""``{% progress_card item %}``: one case's card on the public progress page (``green/progress.html``).

The page a worker opens after a lookup is the green channel's busiest, and the template language cost it more
than everything else the page does (the lookup's throughput is measured against a bare view doing the same
queries: ``bench/lookup_action.py``). The card is written here, as the admin writes its change list's cells:
the same markup the template wrote, every text escaped (``html.escape``, as Django's ``escape`` does), dates as
``date:"Y年n月j日"`` gives them. The green channel is Chinese only (``public_page``), so its words are written as
they are shown.
"""

from datetime import date
from html import escape

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"  # date:"Y年n月j日"


@register.simple_tag
def progress_card(item) -> SafeString:
    """The card of one ``progress_store.PublicProgress``."""
    parts = [
        '<section class="g-card g-progress" data-testid="progress">\n',
        f'  <p class="g-number">{escape(item.number)}</p>\n',
        f'  <p class="g-help">{escape(str(item.type_label))} · 登记于{_day(item.received_on)}</p>\n',
        "  <h2>现在办到哪一步</h2>\n",
        f'  <p class="g-stage" data-testid="stage">{escape(str(item.stage))}</p>\n',
    ]
    if item.amount_recovered is not None:
        parts.append(
            f'  <p class="g-money" data-testid="recovered">为您追回工资：<strong>'
            f"{escape(str(localize(item.amount_recovered)))}</strong> 元</p>\n"
        )
    parts.append("  <h2>下一个办理期限</h2>\n")
    if item.next_deadline:
        parts.append(
            f'  <p data-testid="next-deadline"><strong>{_day(item.next_deadline)}</strong>前'
            f"{escape(str(item.next_deadline_text))}</p>\n"
        )
    else:
        parts.append('  <p data-testid="next-deadline">暂无</p>\n')
    timeline = "".join(
        f'<li><span class="g-date">{_day(day)}</span> {escape(str(label))}</li>'
        for day, label in item.timeline
    )
    claimant = reverse("green:claimant", args=[item.label, item.case_pk])
    if item.unit_phone:
        phone = escape(item.unit_phone)
        tel = f'<a class="g-tel" href="tel:{phone}" data-testid="unit-phone">{phone}</a>'
    else:
        tel = '<a class="g-tel" href="tel:12333">12333</a>'
    parts += [
        "  <h2>办理经过</h2>\n",
        f'  <ol class="g-timeline" data-testid="timeline">\n    {timeline}\n  </ol>\n',
        f'  <p><a class="g-button primary" href="{escape(claimant)}" data-testid="go-claimant">'
        "查看详情：开庭、文书、追回的钱、留言</a></p>\n",
        "  <h2>有问题找谁</h2>\n",
        f"  <p>{escape(str(item.unit_name))}\u3000{tel}</p>\n",
        "</section>",
    ]
    return mark_safe("".join(parts))
