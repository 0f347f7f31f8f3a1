"""The statutory periods of wage-arrears enforcement (欠薪治理), each with its article (statutes.md)."""

from django.utils.translation import gettext_lazy as _

from .registry import DeadlineRule, Domain, Unit, register

W, C, Y = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.YEARS

# ---- Wage arrears (欠薪治理) -------------------------------------------------------------------------

# 国务院令第310号 Art 5: the head decides within 3 days of the report whether to transfer to the police
# (and transfers within 24 hours of approval). The regulation does not say working days; APL Art 85's
# working-day rule is written for the APL's own periods. We count calendar days (rolled forward off a rest
# day) — the shorter reading, so the system never shows a later date than the strictest one.
register(
    DeadlineRule(
        name="police_transfer.decide",
        title=_("涉嫌犯罪案件移送决定期限"),
        domain=Domain.ARREARS,
        period=3,
        unit=C,
        start_event=_("机关负责人接到移送涉嫌犯罪案件书面报告之日"),
        article=_("《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条"),
        citation="State Council Decree 310 Art 5",
        note=_("按自然日计算（从严）；批准移送的，应当在24小时内向同级公安机关移送。"),
    )
)

# LIR Art 18: an order to correct (限期改正指令书) names its own time limit.
register(
    DeadlineRule(
        name="inspection.rectification",
        title=_("限期改正期限"),
        domain=Domain.INSPECTION,
        period=None,
        unit=C,
        start_event=_("限期改正指令书送达之日"),
        article=_("《劳动保障监察条例》第十八条"),
        citation="LIR Art 18",
        note=_("期限由限期改正指令书确定；逾期不改正的，依法作出行政处理或处罚决定。"),
    )
)


# LIR Art 26: an order to pay arrears sets its own time limit; unpaid by then → 50%–100% compensation.
register(
    DeadlineRule(
        name="arrears.payment_order",
        title=_("责令支付期限"),
        domain=Domain.ARREARS,
        period=None,
        unit=C,
        start_event=_("责令支付文书送达之日"),
        article=_("《劳动保障监察条例》第二十六条"),
        citation="LIR Art 26",
        note=_(
            "期限由限期整改指令书或行政处理决定书确定；逾期不支付的，责令按应付金额50%以上1倍以下加付赔偿金。"
        ),
    )
)


# 人社部令第45号 (拖欠农民工工资失信联合惩戒对象名单管理暂行办法): before a listing decision the employer is
# told in writing and may state its case and defend itself within the period the notice gives — about
# 5 working days (unconfirmed; the arrears app passes its configured period, ARREARS_BLACKLIST_DEFENCE_WORKING_DAYS).
register(
    DeadlineRule(
        name="blacklist.defence",
        title=_("失信名单陈述申辩期限"),
        domain=Domain.ARREARS,
        period=None,
        unit=W,
        start_event=_("列入失信联合惩戒名单告知书送达之日"),
        article=_("《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人社部令第45号）"),
        citation="MOHRSS Decree 45",
        note=_("期限由告知书确定（约5个工作日，待核实）；期满未提出陈述申辩的，可以作出列入决定。"),
    )
)
