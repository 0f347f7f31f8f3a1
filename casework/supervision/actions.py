"""The 督办 actions every registered case type has (``CaseType.all_actions``), with their roles:

* 挂牌督办 / 解除督办 — the director and the case type's unit head (the inspection head, or the arbitration
  chair for mediation and arbitration); the prefecture's levels only from 州本级 (``services._check_seat``);
* 报送督办进展 — the handling unit: the type's writer roles and its head.
"""

from casework.roles import Role

from . import forms, services


def supervision_actions(case_type) -> tuple:
    from casework.kernel.registry import kernel_actions

    deciders = tuple(dict.fromkeys((Role.DIRECTOR, *case_type.head_roles)))
    handlers = tuple(dict.fromkeys((*case_type.writer_roles, *case_type.head_roles)))
    return kernel_actions(
        case_type,
        [
            ("supervise", "挂牌督办", deciders, services.supervise, forms.SuperviseForm, "已列入督办"),
            (
                "supervision_report",
                "报送督办进展",
                handlers,
                services.submit_report,
                forms.ReportForm,
                "督办进展已报送",
            ),
            ("lift_supervision", "解除督办", deciders, services.lift, forms.LiftForm, "已解除督办"),
        ],
    )
