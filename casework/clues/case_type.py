"""The clue case type's one registration with the kernel.

From it the kernel serves the transitions below — triage (``open_case``, ``attach``, ``transfer``, ``refuse``),
``reply``, ``close``, ``merge`` and ``unmerge`` — for the API (``/api/v1/clues/<id>/transitions/<name>/``) and the
pages (``case-change``), with write permission by role, the case page frame, the list, deadline alerts and links.
"""

from django.utils.translation import gettext_lazy as _

from casework.clues.models import INSPECTORS, STAFF
from casework.kernel.registry import CaseType, TransitionInput, register_case_type


def _detail_data(case, request) -> dict:
    from casework.clues.api import ClueDetailSerializer

    return ClueDetailSerializer(case, context={"request": request}).data


def _transition_kwargs(name, data, raw) -> dict:
    from casework.clues.forms import transition_kwargs

    return transition_kwargs(name, data)


def _services() -> dict:
    from casework.clues import merging
    from casework.clues import services as svc

    return {
        "open_case": svc.clue_open_case,
        "attach": svc.clue_attach,
        "transfer": svc.clue_transfer,
        "refuse": svc.clue_refuse,
        "reply": svc.clue_reply,
        "close": svc.clue_close,
        "merge": merging.clue_merge,
        "unmerge": merging.clue_unmerge,
    }


def register() -> None:
    from casework.clues.demo import seed_clues
    from casework.clues.forms import TransitionForm
    from casework.clues.models import Clue
    from casework.clues.selectors import clues_visible_to

    register_case_type(
        CaseType(
            code=Clue.CASE_TYPE,
            model=Clue,
            search_text=("number", "external_ref", "employer_name", "employer__name", "employer_credit_code"),
            api_slug="clues",
            detail_url_name="clue-detail",
            list_url_name="clue-list",
            visible=clues_visible_to,
            head_roles=INSPECTORS[1:],
            writer_roles=STAFF,
            transitions=TransitionInput(_services(), TransitionForm, _transition_kwargs),
            id_kwarg="clue_id",
            detail_data=_detail_data,
            seeders=(seed_clues,),
            nav=(
                (_("欠薪线索"), "clue-list", "clues.view_clue"),
                (_("线索统计"), "clue-stats", "clues.view_clue"),
            ),
        )
    )
