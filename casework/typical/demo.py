"""Demo data: one published typical case, from a closed case of a type whose cases may be published.
Idempotent."""

from casework.kernel.registry import case_types

from .models import TypicalCase
from .services import approve, propose

TEXT = (
    "2026年，某县一建筑工地12名农民工被拖欠工资共计18万余元。劳动保障监察机构接到投诉后当日受理，"
    "调取考勤记录和工资表，向施工总承包单位下达《劳动保障监察限期改正指令书》。总承包单位在期限内"
    "代为支付了全部工资。\n\n典型意义：工程建设领域欠薪，施工总承包单位先行清偿（《保障农民工工资支付条例》"
    "第三十条）。农民工遇到欠薪，可以通过“绿色通道”在线投诉，或拨打12333咨询。"
)


def _closed_case():
    for registered in case_types():
        if not registered.disclosure:
            continue
        model = registered.model
        closed = model._default_manager.exclude(state__in=sorted(model.OPEN_STATES))
        case = closed.filter(jurisdiction__code="433101").order_by("pk").first()
        if case is not None:
            return registered, case
    return None, None


def seed_typical_case(users):
    if TypicalCase.objects.exists():
        return
    registered, case = _closed_case()
    if case is None:
        return

    def holder(roles):
        """The first demo user holding one of ``roles`` who can see the case."""
        return next(
            u
            for u in users.values()
            if u.has_role(*roles) and not u.is_superuser and registered.visible(u).filter(pk=case.pk).exists()
        )

    head = holder(registered.head_roles)
    proposer = holder(registered.writer_roles)
    typical = propose(type(case), case.pk, actor=proposer, title="总承包单位代付农民工工资案", text=TEXT)
    approve(type(case), case.pk, actor=head, typical=typical.pk)
