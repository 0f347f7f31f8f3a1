"""The statutory periods of labour-dispute arbitration and mediation (劳动人事争议仲裁、调解), each with its article
(statutes.md; ARB-RULES Art 80 for which periods count working days)."""

from django.utils.translation import gettext_lazy as _

from casework.roles import Role

from .registry import DeadlineRule, Direction, Domain, Event, Unit, register

W, C, Y = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.YEARS

# ---- Arbitration (劳动人事争议仲裁) --------------------------------------------------------------------

# LDMAL Art 29 / ARB-RULES Arts 30–31: accept or refuse within 5 (working, Art 80) days of receipt.
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
register(
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
