"""The reply deadlines of wage clues (线索), one rule per channel the clue came through.

No statute fixes them (statutes.md §10: each channel expects a handling conclusion, 核处结论, by a deadline of
its own): they are the bureau's rule, written down here with the channel's practice as the default and
configurable per channel in the settings::

    CLUE_REPLY_DAYS = {"hotline_12345": (3, "working_days"), "petition": (60, "calendar_days")}

Petitions (信访) default to 60 days from acceptance as the 《信访工作条例》(2022) fixes for handling a petition
(Art 32 — not yet in statutes.md, so the citation says unconfirmed). The channel codes are those of
``casework.clues.channels``.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .registry import DeadlineRule, Domain, Unit, register

W, C = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS
BUREAU_RULE = _("本局线索答复规定（可在设置 CLUE_REPLY_DAYS 中按渠道调整）")

# channel code → (title, default period, unit, article)
CHANNEL_PERIODS = {
    "national_platform": (_("全国根治欠薪线索反映平台线索答复期限"), 10, W, BUREAU_RULE),
    "linkage_centre": (_("两网化投诉联动中心转办答复期限"), 10, W, BUREAU_RULE),
    "hotline_12345": (_("12345热线工单答复期限"), 5, W, BUREAU_RULE),
    "hotline_12333": (_("12333热线转办答复期限"), 5, W, BUREAU_RULE),
    "petition": (_("信访事项办理期限"), 60, C, _("《信访工作条例》第三十二条（待确认）；本局线索答复规定")),
    "walk_in": (_("来访线索答复期限"), 5, W, BUREAU_RULE),
    "transfer": (_("外单位转办线索答复期限"), 10, W, BUREAU_RULE),
    "green_channel": (_("绿色通道线索答复期限"), 5, W, BUREAU_RULE),
}


def reply_rule_name(channel: str) -> str:
    return f"clue.reply.{channel}"


def _configured(channel: str, period: int, unit: str) -> tuple[int, str]:
    override = getattr(settings, "CLUE_REPLY_DAYS", {}).get(channel)
    if override is None:
        return period, unit
    days, unit = override if isinstance(override, tuple | list) else (override, unit)
    return int(days), unit


for _channel, (_title, _period, _unit, _article) in CHANNEL_PERIODS.items():
    _days, _days_unit = _configured(_channel, _period, _unit)
    register(
        DeadlineRule(
            name=reply_rule_name(_channel),
            title=_title,
            domain=Domain.CLUES,
            period=_days,
            unit=_days_unit,
            start_event=_("线索登记（收到）之日"),
            article=_article,
            citation="bureau rule" if _article is BUREAU_RULE else "信访工作条例 Art 32 (unconfirmed)",
            note=_("到期前应按渠道要求的格式报送核处结论。"),
        )
    )
