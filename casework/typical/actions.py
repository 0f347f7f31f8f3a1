"""The typical-case actions of a case type whose cases may be published (``CaseType.disclosure``):
推荐典型案例 — its handlers (writer roles) and head; 批准发布 / 撤回 — its unit head (the inspection head, or the
arbitration chair for mediation and arbitration)."""

from . import forms, services


def typical_actions(case_type) -> tuple:
    from casework.kernel.registry import kernel_actions

    heads = tuple(case_type.head_roles)
    proposers = tuple(dict.fromkeys((*case_type.writer_roles, *heads)))
    return kernel_actions(
        case_type,
        [
            (
                "propose_typical",
                "推荐典型案例",
                proposers,
                services.propose,
                forms.ProposeForm,
                "已推荐为典型案例，待负责人审批",
            ),
            (
                "approve_typical",
                "批准发布典型案例",
                heads,
                services.approve,
                forms.TypicalChoiceForm,
                "典型案例已发布",
            ),
            (
                "withdraw_typical",
                "撤回典型案例",
                heads,
                services.withdraw,
                forms.WithdrawForm,
                "典型案例已撤回",
            ),
        ],
    )
