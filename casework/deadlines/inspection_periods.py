"""The statutory periods of labour inspection (劳动保障监察), each with its article (statutes.md)."""

from django.utils.translation import gettext_lazy as _

from casework.roles import Role

from .registry import DeadlineRule, Domain, Unit, register

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
