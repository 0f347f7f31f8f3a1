"""The registry of statutory deadlines: every period the system tracks, with the article it comes from.

This module is the one place a statutory period is written down (style.md). Everything else — the
calculator page, the API, the stored deadlines on cases, escalation — reads it from here.

Units (statutes.md §1, ARB-RULES Art 80): in arbitration, periods of 3, 5 and 10 days are **working days**,
15 and 45 days **calendar days**. Calendar-day and year periods exclude the start day and end on the first
working day after the last day when that is a rest day (民事诉讼法 Art 85; 民法典 Arts 201–203).
Working-day periods count make-up workdays and skip holidays (see ``casework.calendar.workdays``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from casework.roles import Role


class Unit:
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    YEARS = "years"

    LABELS = {WORKING_DAYS: _("个工作日"), CALENDAR_DAYS: _("日（自然日）"), YEARS: _("年")}


class Direction:
    FORWARD = "forward"  # the due date is after the start event
    BACKWARD = "backward"  # the latest date before a fixed event (e.g. the hearing)


class Domain:
    INSPECTION = "inspection"
    ARBITRATION = "arbitration"
    MEDIATION = "mediation"
    ARREARS = "arrears"

    LABELS = {
        INSPECTION: _("劳动保障监察"),
        ARBITRATION: _("劳动人事争议仲裁"),
        MEDIATION: _("劳动争议调解"),
        ARREARS: _("欠薪治理"),
    }


@dataclass(frozen=True)
class Event:
    """A named event that restarts a period (``code`` is what a stored deadline records)."""

    code: str
    label: str


@dataclass(frozen=True)
class DeadlineRule:
    name: str  # e.g. "arbitration.award"
    title: str  # Chinese, e.g. "仲裁审理期限"
    domain: str
    period: int | None  # None: fixed by the document that starts it (an order's "X日内")
    unit: str
    start_event: str  # what starts the count (or, backwards, the event counted back from)
    article: str  # the citation shown to staff, in Chinese
    citation: str  # the same, abbreviated as in statutes.md (for code and logs)
    direction: str = Direction.FORWARD
    extension_period: int = 0  # added per approved extension, in ``unit``
    max_extensions: int = 0
    extension_approver: str = ""  # a casework.roles.Role value
    paused_by_suspension: bool = False  # days of suspension (中止) are not counted
    pause_note: str = ""
    restart_events: tuple[Event, ...] = ()  # the period starts again from the event's date
    wage_arrears_exception: bool = False  # LDMAL Art 27: no limitation while employment lasts
    note: str = ""

    @property
    def unit_label(self) -> str:
        return str(Unit.LABELS[self.unit])

    @property
    def domain_label(self) -> str:
        return str(Domain.LABELS[self.domain])

    @property
    def period_label(self) -> str:
        if self.period is None:
            return str(_("由文书确定"))
        if self.direction == Direction.BACKWARD:
            return str(_("提前%(n)s%(unit)s")) % {"n": self.period, "unit": self.unit_label}
        return f"{self.period}{self.unit_label}"

    @property
    def extension_approver_label(self) -> str:
        return Role(self.extension_approver).label if self.extension_approver else ""

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": str(self.title),
            "domain": self.domain,
            "domain_label": self.domain_label,
            "period": self.period,
            "unit": self.unit,
            "unit_label": self.unit_label,
            "direction": self.direction,
            "start_event": str(self.start_event),
            "article": str(self.article),
            "citation": self.citation,
            "extension_period": self.extension_period,
            "max_extensions": self.max_extensions,
            "extension_approver": self.extension_approver or None,
            "extension_approver_label": self.extension_approver_label or None,
            "paused_by_suspension": self.paused_by_suspension,
            "pause_note": str(self.pause_note),
            "restart_events": [{"code": e.code, "label": str(e.label)} for e in self.restart_events],
            "wage_arrears_exception": self.wage_arrears_exception,
            "note": str(self.note),
        }


RULES: dict[str, DeadlineRule] = {}


def _register(rule: DeadlineRule) -> DeadlineRule:
    if rule.name in RULES:
        raise ValueError(f"duplicate deadline rule {rule.name}")
    RULES[rule.name] = rule
    return rule


def get_rule(name: str) -> DeadlineRule:
    """The rule called ``name``; raises ``KeyError`` for an unknown name."""
    return RULES[name]


def all_rules() -> list[DeadlineRule]:
    return list(RULES.values())


W, C, Y = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.YEARS

# ---- Labour inspection (劳动保障监察) -----------------------------------------------------------------

# LIR-IMPL Art 18: accept (or refuse in writing) within 5 working days of receiving the complaint.
_register(
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
_register(
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
_register(
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
_register(
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
_register(
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

# ---- Arbitration (劳动人事争议仲裁) --------------------------------------------------------------------

# LDMAL Art 29 / ARB-RULES Arts 30–31: accept or refuse within 5 (working, Art 80) days of receipt.
_register(
    DeadlineRule(
        name="arbitration.accept",
        title=_("仲裁申请受理期限"),
        domain=Domain.ARBITRATION,
        period=5,
        unit=W,
        start_event=_("收到仲裁申请之日"),
        article=_("《劳动争议调解仲裁法》第二十九条；《劳动人事争议仲裁办案规则》第三十条、第八十条"),
        citation="LDMAL Art 29; ARB-RULES Arts 30, 80",
        note=_("材料不齐的，一次性告知需补正的全部材料（办案规则第二十九条）。"),
    )
)

# ARB-RULES Art 33: serve the application copy on the respondent within 5 days of acceptance.
_register(
    DeadlineRule(
        name="arbitration.serve",
        title=_("仲裁申请书副本送达期限"),
        domain=Domain.ARBITRATION,
        period=5,
        unit=W,
        start_event=_("受理仲裁申请之日"),
        article=_("《劳动人事争议仲裁办案规则》第三十三条、第八十条"),
        citation="ARB-RULES Arts 33, 80",
    )
)

# ARB-RULES Art 33: the respondent's defence within 10 days of receiving the copy.
_register(
    DeadlineRule(
        name="arbitration.defence",
        title=_("被申请人答辩期限"),
        domain=Domain.ARBITRATION,
        period=10,
        unit=W,
        start_event=_("被申请人收到仲裁申请书副本之日"),
        article=_("《劳动人事争议仲裁办案规则》第三十三条、第八十条"),
        citation="ARB-RULES Arts 33, 80",
        note=_("被申请人未提交答辩书的，不影响仲裁程序的进行。"),
    )
)

# ARB-RULES Art 33: send the defence copy to the applicant within 5 days of receiving it.
_register(
    DeadlineRule(
        name="arbitration.defence_copy",
        title=_("答辩书副本送达期限"),
        domain=Domain.ARBITRATION,
        period=5,
        unit=W,
        start_event=_("收到答辩书之日"),
        article=_("《劳动人事争议仲裁办案规则》第三十三条、第八十条"),
        citation="ARB-RULES Arts 33, 80",
    )
)

# ARB-RULES Art 37: form the tribunal (and tell the parties) within 5 days of acceptance.
_register(
    DeadlineRule(
        name="arbitration.tribunal",
        title=_("组成仲裁庭期限"),
        domain=Domain.ARBITRATION,
        period=5,
        unit=W,
        start_event=_("受理仲裁申请之日"),
        article=_("《劳动人事争议仲裁办案规则》第三十七条、第八十条"),
        citation="ARB-RULES Arts 37, 80",
    )
)

# ARB-RULES Art 38: notify the hearing date 5 days before the hearing. Counted backwards: the hearing day
# is not counted, and the due date is the 5th working day before it — the latest day to send the notice,
# the mirror of forward counting (counting 5 working days on from that day lands on the hearing day).
# Send it earlier when service takes time: the 5 days run to the hearing, not from the dispatch.
_register(
    DeadlineRule(
        name="arbitration.hearing_notice",
        title=_("开庭通知期限"),
        domain=Domain.ARBITRATION,
        period=5,
        unit=W,
        direction=Direction.BACKWARD,
        start_event=_("开庭日期（倒推）"),
        article=_("《劳动人事争议仲裁办案规则》第三十八条、第八十条"),
        citation="ARB-RULES Arts 38, 80",
        note=_("到期日为最迟发出开庭通知之日：开庭当日不计，向前倒数5个工作日。"),
    )
)

# ARB-RULES Art 38: a party may ask to postpone the hearing up to 3 days before it (counted like the notice).
_register(
    DeadlineRule(
        name="arbitration.postpone_request",
        title=_("延期开庭申请期限"),
        domain=Domain.ARBITRATION,
        period=3,
        unit=W,
        direction=Direction.BACKWARD,
        start_event=_("开庭日期（倒推）"),
        article=_("《劳动人事争议仲裁办案规则》第三十八条、第八十条"),
        citation="ARB-RULES Arts 38, 80",
        note=_("到期日为当事人最迟提出延期开庭申请之日：开庭当日不计，向前倒数3个工作日。"),
    )
)

# LDMAL Art 43 / ARB-RULES Art 45: award within 45 calendar days of acceptance; the chair may extend by at
# most 15 days in writing. ARB-RULES Art 46: restart on joinder, completed correction, amended claim,
# merged counterclaim or transfer; suspension (中止) and public-notice service are not counted.
_register(
    DeadlineRule(
        name="arbitration.award",
        title=_("仲裁审理期限"),
        domain=Domain.ARBITRATION,
        period=45,
        unit=C,
        start_event=_("受理仲裁申请之日"),
        article=_("《劳动争议调解仲裁法》第四十三条；《劳动人事争议仲裁办案规则》第四十五条、第四十六条"),
        citation="LDMAL Art 43; ARB-RULES Arts 45, 46",
        extension_period=15,
        max_extensions=1,
        extension_approver=Role.ARBITRATION_CHAIR.value,
        paused_by_suspension=True,
        pause_note=_("中止审理期间、公告送达期间不计入审理期限。"),
        restart_events=(
            Event("joinder", _("追加当事人或第三人")),
            Event("correction", _("申请人补正材料")),
            Event("claim_amended", _("增加、变更仲裁请求")),
            Event("counterclaim_merged", _("合并处理反申请")),
            Event("transferred", _("案件移送管辖")),
        ),
        note=_(
            "逾期未作出裁决的，当事人可以就该劳动争议事项向人民法院提起诉讼（终止审理，办案规则第四十八条）。"
        ),
    )
)

# LDMAL Art 27: 1 year from when the party knew or should have known; interrupted (restarts) by a claim, a
# request for relief or the other side agreeing to perform; suspended by force majeure. Wage arrears while
# employed: no limitation; after employment ends, 1 year from the end.
_register(
    DeadlineRule(
        name="arbitration.limitation",
        title=_("仲裁时效"),
        domain=Domain.ARBITRATION,
        period=1,
        unit=Y,
        start_event=_("当事人知道或者应当知道其权利被侵害之日；拖欠劳动报酬的，自劳动关系终止之日"),
        article=_("《劳动争议调解仲裁法》第二十七条"),
        citation="LDMAL Art 27",
        paused_by_suspension=True,
        pause_note=_("因不可抗力或者有其他正当理由不能申请仲裁的，时效中止，原因消除之日起继续计算。"),
        restart_events=(
            Event("claim", _("向对方当事人主张权利")),
            Event("relief_requested", _("向有关部门请求权利救济")),
            Event("agreed_to_perform", _("对方当事人同意履行义务")),
        ),
        wage_arrears_exception=True,
        note=_("劳动关系存续期间因拖欠劳动报酬发生争议的，不受仲裁时效限制。"),
    )
)

# ---- Mediation (劳动争议调解) -------------------------------------------------------------------------

# LDMAL Art 14: no agreement within 15 days of the mediation body receiving the application → the party
# may apply for arbitration.
_register(
    DeadlineRule(
        name="mediation.settle",
        title=_("调解期限"),
        domain=Domain.MEDIATION,
        period=15,
        unit=C,
        start_event=_("调解组织收到调解申请之日"),
        article=_("《劳动争议调解仲裁法》第十四条"),
        citation="LDMAL Art 14",
        note=_("期满未达成调解协议的，当事人可以依法申请仲裁。"),
    )
)

# ARB-RULES Art 74: the parties may jointly apply to the arbitration commission for review of a mediation
# agreement within 15 (calendar, Art 80) days of the agreement taking effect.
_register(
    DeadlineRule(
        name="mediation.review_apply",
        title=_("调解协议仲裁审查申请期限"),
        domain=Domain.MEDIATION,
        period=15,
        unit=C,
        start_event=_("调解协议生效之日"),
        article=_("《劳动人事争议仲裁办案规则》第七十四条"),
        citation="ARB-RULES Art 74",
        note=_("双方当事人共同向有管辖权的仲裁委员会提出。"),
    )
)

# ARB-RULES Art 75: the commission decides whether to accept a review application (5 working days, Art 80).
# The period is the one the task statement gives ("review 5 + 5 days"); the article's wording ("及时") is to
# be confirmed against the official text.
_register(
    DeadlineRule(
        name="mediation.review_accept",
        title=_("仲裁审查受理期限"),
        domain=Domain.MEDIATION,
        period=5,
        unit=W,
        start_event=_("收到仲裁审查申请之日"),
        article=_("《劳动人事争议仲裁办案规则》第七十五条、第八十条"),
        citation="ARB-RULES Arts 75, 80",
        note=_("决定受理的出具受理通知书；不予受理的书面告知（期限待核实）。"),
    )
)

# ARB-RULES Art 76: the designated arbitrator reviews the agreement and the commission issues a 调解书
# (5 working days from acceptance, as the task statement gives; to be confirmed like the rule above).
_register(
    DeadlineRule(
        name="mediation.review",
        title=_("仲裁审查期限"),
        domain=Domain.MEDIATION,
        period=5,
        unit=W,
        start_event=_("受理仲裁审查申请之日"),
        article=_("《劳动人事争议仲裁办案规则》第七十六条、第八十条"),
        citation="ARB-RULES Arts 76, 80",
        note=_("调解协议形式和内容合法有效的，制作调解书；否则不予制作并书面通知（期限待核实）。"),
    )
)

# ---- Wage arrears (欠薪治理) -------------------------------------------------------------------------

# 国务院令第310号 Art 5: the head decides within 3 days of the report whether to transfer to the police
# (and transfers within 24 hours of approval). The regulation does not say working days; APL Art 85's
# working-day rule is written for the APL's own periods. We count calendar days (rolled forward off a rest
# day) — the shorter reading, so the system never shows a later date than the strictest one.
_register(
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
_register(
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
_register(
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
_register(
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
