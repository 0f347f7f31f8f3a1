"""Statistics of clues: how many came through each channel and how they were concluded (核处结论), and the
on-time reply rate per channel and county — replied by the channel's reply deadline ÷ replied, over the clues
received in the period. Within the viewer's jurisdictions; a fixed number of queries whatever the data."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from casework.clues.models import Channel, ClueState, ReplyOutcome
from casework.clues.selectors import clues_visible_to
from casework.inputs import ANY, parse_date
from casework.models import Jurisdiction

REPLIED = [ClueState.REPLIED, ClueState.CLOSED]


@dataclass
class Rate:
    replied: int = 0
    on_time: int = 0

    @property
    def percent(self) -> str:
        return f"{self.on_time * 100 / self.replied:.1f}%" if self.replied else "—"


@dataclass
class ChannelRow:
    code: str
    label: str
    total: int = 0
    pending: int = 0
    overdue: int = 0
    outcomes: dict = field(default_factory=dict)  # outcome id → count
    rate: Rate = field(default_factory=Rate)


def clue_statistics(user, date_from: date, date_to: date) -> dict:
    clues = clues_visible_to(user).filter(received_on__gte=date_from, received_on__lte=date_to)
    today = timezone.localdate()
    by_channel = {code: ChannelRow(code, label) for code, label in Channel.choices}
    totals = clues.values("channel").annotate(
        total=Count("pk"),
        pending=Count("pk", filter=~Q(state__in=[*REPLIED, ClueState.MERGED])),
        overdue=Count("pk", filter=~Q(state__in=[*REPLIED, ClueState.MERGED]) & Q(next_due__lt=today)),
    )
    for row in totals:
        target = by_channel[row["channel"]]
        target.total, target.pending, target.overdue = row["total"], row["pending"], row["overdue"]
    for row in clues.filter(outcome__isnull=False).values("channel", "outcome").annotate(n=Count("pk")):
        by_channel[row["channel"]].outcomes[row["outcome"]] = row["n"]
    counties: dict[int, dict[str, Rate]] = {}
    replied = clues.filter(state__in=REPLIED, replied_on__isnull=False)
    rates = replied.values("channel", "jurisdiction").annotate(
        replied=Count("pk"), on_time=Count("pk", filter=Q(replied_on_time=True))
    )
    for row in rates:
        rate = Rate(row["replied"], row["on_time"])
        counties.setdefault(row["jurisdiction"], {})[row["channel"]] = rate
        channel_rate = by_channel[row["channel"]].rate
        channel_rate.replied += rate.replied
        channel_rate.on_time += rate.on_time
    outcomes = list(ReplyOutcome.objects.all())
    names = dict(Jurisdiction.objects.filter(pk__in=counties).values_list("pk", "name"))
    return {
        "channels": [
            {"row": r, "outcome_counts": [r.outcomes.get(o.pk, 0) for o in outcomes]}
            for r in by_channel.values()
        ],
        "outcomes": outcomes,
        "counties": [
            {
                "name": names.get(pk, pk),
                "rates": [per_channel.get(code, Rate()) for code, _label in Channel.choices],
            }
            for pk, per_channel in sorted(counties.items())
        ],
    }


@login_required
def clue_stats(request):
    if not request.user.has_perm("clues.view_clue"):
        raise Http404
    today = timezone.localdate()
    try:
        date_from = parse_date(request.GET.get("from"), "from", window=ANY) or date(today.year, 1, 1)
        date_to = parse_date(request.GET.get("to"), "to", window=ANY) or today
    except ValidationError:
        date_from, date_to = date(today.year, 1, 1), today
    return render(
        request,
        "clues/stats.html",
        {
            **clue_statistics(request.user, date_from, date_to),
            "date_from": date_from,
            "date_to": date_to,
            "channel_labels": [label for _code, label in Channel.choices],
        },
    )
