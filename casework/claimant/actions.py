"""The staff side of the claimant page: the kernel's common actions on every case type registered with the
green channel (``CaseType.public``), open to its writer roles (deciding a withdrawal: also its head roles)."""

from casework.claimant import services
from casework.claimant.forms import DecideWithdrawalForm, ReplyMessageForm, ReviewPartyEvidenceForm


def claimant_actions(case_type) -> tuple:
    from casework.kernel.registry import Action, case_service

    if case_type.public is None:
        return ()
    writers = tuple(case_type.writer_roles)
    deciders = writers + tuple(r for r in case_type.head_roles if r not in writers)
    return (
        Action(
            "review_party_evidence",
            "审阅当事人补充材料",
            writers,
            service=case_service(case_type, services.review_party_evidence),
            form=ReviewPartyEvidenceForm,
            success="已标记为已审阅",
        ),
        Action(
            "reply_claimant_message",
            "答复当事人留言",
            writers,
            service=case_service(case_type, services.reply_claimant_message),
            form=ReplyMessageForm,
            success="已答复，答复内容将以短信发给当事人",
        ),
        Action(
            "decide_withdrawal",
            "决定当事人撤回申请",
            deciders,
            service=case_service(case_type, services.decide_withdrawal),
            form=DecideWithdrawalForm,
            success="已对撤回申请作出决定",
        ),
    )
