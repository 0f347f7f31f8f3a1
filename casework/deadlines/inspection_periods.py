"""The statutory periods of labour inspection (劳动保障监察), each with its article (statutes.md)."""

from django.utils.translation import gettext_lazy as _

from casework.roles import Role

from .registry import DeadlineRule, Direction, Domain, Unit, register

W, C, Y = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.YEARS

# ---- Labour inspection (劳动保障监察) -----------------------------------------------------------------

# LIR-IMPL Art 18: accept (or refuse in writing) within 5 working days of receiving the complaint.
register(
    DeadlineRule(
        name="inspection.accept",
        title=_("投诉受理期限"),
        domain=Domain.INSPECTION,
        period=5,
        unit=W,
        start_event=_("收到投诉之日"),
        article=_("《关于实施〈劳动保障监察条例〉若干规定》第十八条"),
        citation="LIR-IMPL Art 18",
        note=_("符合条件的应当受理并于受理当日立案；超过时效的，在同一期限内书面告知不予受理。"),
    )
)

# LIR Art 17: investigate within 60 working days of filing; the head may extend by 30 working days.
register(
    DeadlineRule(
        name="inspection.investigate",
        title=_("案件调查期限"),
        domain=Domain.INSPECTION,
        period=60,
        unit=W,
        start_event=_("立案之日"),
        article=_("《劳动保障监察条例》第十七条"),
        citation="LIR Art 17",
        extension_period=30,
        max_extensions=1,
        extension_approver=Role.INSPECTION_HEAD.value,
        note=_("情况复杂的，经劳动保障行政部门负责人批准，可以延长30个工作日。"),
    )
)

# LIR Art 20: not pursued if not discovered, reported or complained of within 2 years of the act
# (of its end, for a continuing act).
register(
    DeadlineRule(
        name="inspection.limitation",
        title=_("劳动保障监察时效"),
        domain=Domain.INSPECTION,
        period=2,
        unit=Y,
        start_event=_("违法行为发生之日；有连续或者继续状态的，自行为终了之日"),
        article=_("《劳动保障监察条例》第二十条"),
        citation="LIR Art 20",
        note=_("到期日为最后一日；逾期未被发现、举报或投诉的，不再查处。"),
    )
)

# APL Art 60: a penalty decision within 90 days of filing, unless a law, regulation or rule says otherwise.
register(
    DeadlineRule(
        name="inspection.penalty_decide",
        title=_("行政处罚决定期限"),
        domain=Domain.INSPECTION,
        period=90,
        unit=C,
        start_event=_("立案之日"),
        article=_("《行政处罚法》第六十条"),
        citation="APL Art 60",
        note=_("法律、法规、规章另有规定的，从其规定。"),
    )
)

# APL Art 61: serve the penalty decision within 7 days when the party was absent; Art 85: its
# "七日" are working days.
register(
    DeadlineRule(
        name="inspection.penalty_serve",
        title=_("处罚决定书送达期限"),
        domain=Domain.INSPECTION,
        period=7,
        unit=W,
        start_event=_("宣告行政处罚决定之日（当事人不在场的）"),
        article=_("《行政处罚法》第六十一条、第八十五条"),
        citation="APL Arts 61, 85",
    )
)

# APL 2021 Arts 44–45: the party states its case and defends itself after the prior notice. No statute
# fixes the period; the notice names it (seeded 3 working days, casework.inspection.services.penalty), and
# Art 85 makes such short periods working days.
register(
    DeadlineRule(
        name="inspection.penalty_statement",
        title=_("陈述申辩期限"),
        domain=Domain.INSPECTION,
        period=None,
        unit=W,
        start_event=_("行政处罚事先告知书送达之日"),
        article=_("《行政处罚法》第四十四条、第四十五条、第八十五条"),
        citation="APL Arts 44, 45, 85",
        note=_("期限由事先告知书载明；期间届满或当事人陈述申辩后方可作出处罚决定。"),
    )
)

# APL 2021 Art 64(1): a hearing is requested within 5 days of being told of the right; Art 85: working days.
register(
    DeadlineRule(
        name="inspection.hearing_request",
        title=_("申请听证期限"),
        domain=Domain.INSPECTION,
        period=5,
        unit=W,
        start_event=_("行政处罚事先告知书送达之日"),
        article=_("《行政处罚法》第六十四条、第八十五条"),
        citation="APL Arts 64, 85",
        note=_("拟作出较大数额罚款等处罚的，告知当事人有要求听证的权利。"),
    )
)

# APL 2021 Art 64(2): the party is notified of the hearing's time and place 7 days before it (working days,
# Art 85): the latest day the 听证通知书 may be served, counted back from the hearing.
register(
    DeadlineRule(
        name="inspection.hearing_notice",
        title=_("听证通知期限"),
        domain=Domain.INSPECTION,
        period=7,
        unit=W,
        direction=Direction.BACKWARD,
        start_event=_("听证日期（倒推）"),
        article=_("《行政处罚法》第六十四条、第八十五条"),
        citation="APL Arts 64, 85",
        note=_("到期日为最迟送达听证通知书之日：听证当日不计，向前倒数7个工作日。"),
    )
)

# LIR Art 26: the handling decision orders payment by a date it sets; unpaid by then, 加付赔偿金.
register(
    DeadlineRule(
        name="inspection.handling_payment",
        title=_("行政处理决定支付期限"),
        domain=Domain.INSPECTION,
        period=None,
        unit=C,
        start_event=_("行政处理决定作出之日"),
        article=_("《劳动保障监察条例》第二十六条"),
        citation="LIR Art 26",
        note=_("逾期不支付的，责令按应付金额50%以上1倍以下的标准加付赔偿金。"),
    )
)

# LIR Art 26: the additional compensation is itself ordered paid by a date.
register(
    DeadlineRule(
        name="inspection.compensation_payment",
        title=_("加付赔偿金支付期限"),
        domain=Domain.INSPECTION,
        period=None,
        unit=C,
        start_event=_("加付赔偿金决定作出之日"),
        article=_("《劳动保障监察条例》第二十六条"),
        citation="LIR Art 26",
    )
)

# 双随机、一公开: the outcome of an inspection drawn at random is published within the period the draw's rules
# set (国发〔2019〕5号: 20 working days from the inspection's end; unconfirmed for the labour field, so
# configurable — statutes.md §7). It starts when the inspection closes and runs on after the closing.
register(
    DeadlineRule(
        name="inspection.outcome_publication",
        title=_("随机抽查结果公示期限"),
        domain=Domain.INSPECTION,
        period=None,
        unit=W,
        start_event=_("检查办结之日"),
        article=_(
            "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）；期限按抽查规则配置"
        ),
        citation="国发〔2019〕5号 (statutes.md §7)",
        runs_after_closing=True,
        note=_("在公开页面公示检查结果后即为按期完成。"),
    )
)
