"""The bureau's official statistical returns, each layout defined here as data: the mediation return
(人社统MA1), the arbitration return (人社统MA2) and the labour-inspection return (劳动保障监察).

Each layout is data: ``OfficialReturn`` of numbered ``Column`` s (``casework.statistics.returns``), each
column a condition on one series' cases and a measure; the web view, the workbook and the drill-down all
read these definitions.

Sources and what could not be verified (statutes.md §11: mark what is unconfirmed rather than guess):

* 人社统MA1 / MA2: the column headings follow the published indicator explanations of the MA1/MA2 returns
  (《MA1、MA2报表主要指标解释》: 当期受理案件总数 by kind of mediation body — 企业劳动争议调解委员会,
  乡镇（街道）劳动保障所（站）争议调解组织, 仲裁机构（案外调解）, 其他; 调解结案数 including agreements,
  settlements, failed mediations and withdrawals; 涉案金额) and the China Statistical Yearbook's table of
  labour disputes accepted and settled, which is compiled from MA2 (上期未结案件数, 当期案件受理数, 其中集体
  劳动争议, 劳动者当事人数, 结案数 by 仲裁调解 / 仲裁裁决 / 其他方式, 当期未结案件数). The current edition's
  printed form (its column numbers, the breakdown by cause of dispute, by kind of employer) could NOT be
  verified; columns this system cannot fill (cause of dispute, kind of employer) are left out rather than
  guessed. Column numbers here are this system's.
* 劳动保障监察: the labour-inspection return's current form (人社统LS family) could NOT be verified; the
  layout follows the nearest published figures (the ministry's bulletins: 举报投诉案件 accepted and closed,
  wages recovered and the workers they were recovered for; the yearbook's 劳动保障监察情况) and this system's
  own handling outcomes (LIR Arts 17–19, 26; statutes.md §2–3).

Every definition is written into the return's notes (web view and workbook) with this caveat.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .returns import Column, OfficialReturn


# --- the column builder -----------------------------------------------------------------------------------
def col(label, base: str, definition, **options) -> dict:
    """One column of a group: its heading, the settlement figure it starts from (``base``), its definition and
    any of ``Column``'s options (``where``, ``measure``, ``money``; ``series`` where it differs)."""
    return {"label": label, "base": base, "definition": definition, **options}


def numbered(series: str, *groups) -> tuple[Column, ...]:
    """The columns of a return, numbered from 1 in order: each group is ``(heading, col(...), …)``, every
    column of ``series`` unless it names another."""
    out: list[Column] = []
    for heading, *columns in groups:
        for spec in columns:
            out.append(Column(len(out) + 1, series=spec.pop("series", series), group=heading, **spec))
    return tuple(out)


# --- the layouts ------------------------------------------------------------------------------------------
_MEDIATION_CLOSED = _("调解结案数：统计期内调解处理完毕的案件，包括达成调解协议、未达成调解协议和申请人撤回")
_AGREED = ["agreement", "reviewed"]
_NOT_AGREED = ["failed", "converted"]

MA1 = OfficialReturn(
    code="ma1",
    form_no="人社统MA1号",
    title=_("劳动人事争议调解情况"),
    columns=numbered(
        "mediation",
        (
            _("受理案件情况"),
            col(_("上期未结案件数"), "pending_start", _("统计期开始前受理、期初尚未结案")),
            col(_("当期受理案件总数"), "accepted", _("统计期内调解组织受理的案件")),
            col(
                _("劳动者当事人数（人）"),
                "accepted",
                _("当期受理案件的申请人人数之和"),
                measure="count:applicants",
            ),
        ),
        (
            _("当期受理：按调解组织分"),
            col(
                _("企业劳动争议调解委员会"),
                "accepted",
                _("当期受理，调解组织为企业调委会"),
                where=Q(body_kind="enterprise"),
            ),
            col(
                _("乡镇（街道）劳动争议调解组织"),
                "accepted",
                _("当期受理，调解组织为乡镇（街道）劳动保障所（站）调解组织"),
                where=Q(body_kind="township"),
            ),
            col(
                _("仲裁机构（案外调解）"),
                "accepted",
                _("当期受理，由仲裁委员会在立案受理前调解"),
                where=Q(body_kind="commission"),
            ),
            col(
                _("其他"),
                "accepted",
                _("当期受理，其他调解组织（人民调解委员会等）"),
                where=Q(body_kind="peoples"),
            ),
        ),
        (
            _("处理案件情况"),
            col(_("调解结案数"), "closed", _MEDIATION_CLOSED),
            col(
                _("达成调解协议"),
                "closed",
                _("当期结案，达成调解协议（含经仲裁审查出具调解书）"),
                where=Q(outcome__in=_AGREED),
            ),
            col(
                _("未达成调解协议"),
                "closed",
                _("当期结案，调解不成（含转入仲裁）"),
                where=Q(outcome__in=_NOT_AGREED),
            ),
            col(
                _("申请人撤回"),
                "closed",
                _("当期结案，申请人撤回调解申请"),
                where=Q(outcome="withdrawn"),
            ),
            col(
                _("涉案金额（元）"),
                "closed",
                _("当期结案案件的请求金额之和"),
                measure="sum:claims__amount",
                money=True,
            ),
            col(_("期末未结案件数"), "pending_end", _("截至期末已受理尚未结案")),
        ),
    ),
    note=_("调解结案数的口径见 statutes.md §11；不予受理的申请不计入。"),
)

_ARB_OTHER = ["withdrawn", "deemed_withdrawn", "cancelled", "terminated"]
MA2 = OfficialReturn(
    code="ma2",
    form_no="人社统MA2号",
    title=_("劳动人事争议仲裁情况"),
    columns=numbered(
        "arbitration",
        (
            _("案件受理情况"),
            col(_("上期未结案件数"), "pending_start", _("统计期开始前立案受理、期初尚未结案")),
            col(_("当期案件受理数"), "accepted", _("统计期内仲裁委员会立案受理的案件")),
            col(
                _("其中：集体劳动争议"),
                "accepted",
                _("当期受理的集体劳动争议案件"),
                where=Q(collective=True),
            ),
            col(
                _("劳动者当事人数（人）"),
                "accepted",
                _("当期受理案件的申请人人数之和"),
                measure="count:applicants",
            ),
            col(
                _("其中：集体劳动争议劳动者（人）"),
                "accepted",
                _("当期受理的集体劳动争议案件的申请人人数之和"),
                where=Q(collective=True),
                measure="count:applicants",
            ),
        ),
        (
            _("案件结案情况"),
            col(_("当期案件结案数"), "closed", _("统计期内审结的案件")),
            col(_("仲裁调解"), "closed", _("当期结案，以仲裁调解书结案"), where=Q(outcome="mediation")),
            col(_("仲裁裁决"), "closed", _("当期结案，以裁决结案"), where=Q(outcome="award")),
            col(
                _("其他方式"),
                "closed",
                _("当期结案，撤回、视为撤回、撤销或终止审理"),
                where=Q(outcome__in=_ARB_OTHER),
            ),
            col(
                _("结案涉及金额（元）"),
                "closed",
                _("当期结案案件的仲裁请求金额之和"),
                measure="sum:claims__amount",
                money=True,
            ),
            col(_("当期未结案件数"), "pending_end", _("截至期末已受理尚未结案")),
        ),
    ),
    note=_("仲裁结案率 = 当期案件结案数 ÷（上期未结案件数 + 当期案件受理数）（statutes.md §6）。"),
)

_CORRECTED = ["violation_corrected", "arrears_recovered"]
_NO_FINDING = ["no_violation", "withdrawn", "outside_jurisdiction", "transferred_authority"]
LS = OfficialReturn(
    code="ls",
    form_no="劳动保障监察统计报表",
    title=_("劳动保障监察举报投诉和欠薪案件情况"),
    columns=numbered(
        "complaint",
        (
            _("举报投诉案件"),
            col(_("上期未结案件数"), "pending_start", _("统计期开始前受理、期初尚未结案的举报投诉")),
            col(_("当期受理举报投诉案件数"), "accepted", _("统计期内受理的举报投诉")),
            col(
                _("涉及劳动者人数（人）"),
                "accepted",
                _("当期受理举报投诉所涉劳动者人数之和"),
                measure="sum:workers_affected",
            ),
            col(_("当期结案数"), "closed", _("统计期内结案（含撤销立案、撤回投诉）")),
        ),
        (
            _("结案：按处理结果分"),
            col(
                _("责令改正（含追回欠薪）"),
                "closed",
                _("当期结案，违法行为已纠正或追回拖欠工资"),
                where=Q(outcome__in=_CORRECTED),
            ),
            col(
                _("行政处理决定"),
                "closed",
                _("当期结案，作出行政处理决定（LIR 第26条）"),
                where=Q(outcome="handling_decision"),
            ),
            col(_("行政处罚"), "closed", _("当期结案，作出行政处罚"), where=Q(outcome="penalty_imposed")),
            col(
                _("移送公安机关"),
                "closed",
                _("当期结案，涉嫌拒不支付劳动报酬罪移送公安"),
                where=Q(outcome="police_transferred"),
            ),
            col(
                _("查无违法、撤销或移送他部门"),
                "closed",
                _("当期结案，查无违法事实、撤销立案/撤回投诉、不属本机关管辖或移送其他部门"),
                where=Q(outcome__in=_NO_FINDING),
            ),
        ),
        (
            _("处理结果"),
            col(
                _("追发工资等待遇（元）"),
                "closed",
                _("当期结案举报投诉追回的金额之和"),
                measure="sum:recovered_amount",
                money=True,
            ),
            col(
                _("涉及劳动者（人）"),
                "closed",
                _("当期结案举报投诉追回金额所涉劳动者人数之和"),
                measure="sum:recovered_workers",
            ),
            col(
                _("罚款金额（元）"),
                "closed",
                _("当期结案举报投诉的罚款金额之和"),
                measure="sum:fine_amount",
                money=True,
            ),
            col(_("期末未结案件数"), "pending_end", _("截至期末已受理尚未结案的举报投诉")),
        ),
        (
            _("农民工欠薪案件"),
            col(_("当期立案欠薪案件数"), "accepted", _("统计期内立案的农民工欠薪案件"), series="arrears"),
            col(_("当期结案欠薪案件数"), "closed", _("统计期内结案的农民工欠薪案件"), series="arrears"),
            col(
                _("追回欠薪金额（元）"),
                "closed",
                _("当期结案欠薪案件已追回金额之和"),
                measure="sum:total_recovered",
                money=True,
                series="arrears",
            ),
            col(
                _("涉及农民工（人）"),
                "closed",
                _("当期结案欠薪案件涉及工人数之和"),
                measure="sum:worker_count",
                series="arrears",
            ),
        ),
    ),
    note=_("结案按处理结果分的各列之和等于当期结案数（未填结案情形的结案不计入分列）。"),
)

RETURNS = {r.code: r for r in (MA1, MA2, LS)}


def get_return(code: str) -> OfficialReturn:
    """The return called ``code``; ``KeyError`` for an unknown one."""
    return RETURNS[code]
