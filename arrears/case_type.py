"""The arrears case and the credit blacklist entry: their one registration each with the kernel.

Everything the app plugs in is declared here — menu entries, demo seeding, the benchmark rows, the statistics
series, the green channel entry, party visibility, the transitions and every logged action with the roles
that may take it.
``ArrearsConfig.ready`` calls ``register()``; nothing else plugs in anywhere.
"""

from django.utils.translation import gettext_lazy as _

from arrears.models.cases import INSPECTORS, STAFF
from casework.kernel.registry import Action, CaseType, TransitionInput, register_case_type
from casework.roles import Role

WRITERS = INSPECTORS  # evidence and documents on a visible case


def _case_detail(case, request) -> dict:
    from arrears.api.serializers import ArrearsCaseDetailSerializer

    return ArrearsCaseDetailSerializer(case, context={"request": request}).data


def _entry_detail(entry, request) -> dict:
    from arrears.api.serializers import BlacklistEntryDetailSerializer

    return BlacklistEntryDetailSerializer(entry, context={"request": request}).data


def _kwargs(name, data, raw) -> dict:
    from arrears.action_forms import transition_kwargs

    return transition_kwargs(name, data)


def _open_from_intake(*, actor, intake):
    from arrears.intake_opener import open_arrears_case

    return open_arrears_case(actor=actor, intake=intake)


def _series():
    from arrears.statistics import arrears_series

    return arrears_series()


def _public() -> None:
    from arrears import public

    public.register()  # workers look up their case and recovered amount on the green channel


def _case_actions() -> tuple[Action, ...]:
    from arrears import action_forms as f
    from arrears.monitoring.handling import deposit_draw
    from arrears.services import blacklist as bl
    from arrears.services import cases as svc
    from arrears.services import ledger
    from casework.forms.assignment import AssignForm

    return (
        # LIR Art 16: investigations by at least two inspectors; the unit head assigns them.
        Action(
            "assign",
            _("指派承办监察员"),
            (Role.INSPECTION_HEAD,),
            svc.arrears_assign,
            AssignForm,
            success=_("已指派承办监察员"),
        ),
        Action(
            "attach_complaint",
            _("并入投诉"),
            STAFF,
            svc.arrears_attach_complaint,
            f.AttachComplaintForm,
            f.attach_kwargs,
            success=_("已并入投诉"),
        ),
        Action(
            "add_worker",
            _("登记欠薪工人"),
            STAFF,
            ledger.worker_add,
            f.WorkerForm,
            success=_("已登记欠薪工人"),
        ),
        Action(
            "import_workers",
            _("导入工人名单"),
            STAFF,
            ledger.workers_import,
            f.ImportForm,
            f.import_kwargs,
            success=_("已导入工人名单"),
        ),
        Action(
            "correct_worker",
            _("更正欠薪金额"),
            INSPECTORS,
            ledger.worker_update,
            f.WorkerCorrectionForm,
            f.correction_kwargs,
            success=_("已更正欠薪金额"),
        ),
        Action(
            "record_payment",
            _("登记追回工资"),
            INSPECTORS,
            ledger.payment_record,
            f.PaymentForm,
            f.payment_kwargs,
            success=_("已登记追回工资"),
        ),
        Action(
            "confirm_payment",
            _("工人确认收到工资"),
            INSPECTORS,
            ledger.payment_confirm,
            f.PaymentConfirmForm,
            f.confirm_kwargs,
            success=_("已登记工人确认收到"),
        ),
        # MWWR Art 32: the project's wage deposit pays the workers' wages (construction cases only).
        Action(
            "draw_deposit",
            _("动用工资保证金支付"),
            INSPECTORS,
            deposit_draw,
            f.DepositDrawForm,
            success=_("已动用工资保证金支付工人工资"),
        ),
        # 人社部令第45号 Art 5: the procedure starts with a written notice to the employer.
        Action(
            "blacklist_notice",
            _("启动失信名单程序（送达告知书）"),
            INSPECTORS,
            bl.blacklist_give_notice,
            f.BlacklistNoticeForm,
            success=_("已启动失信名单程序"),
        ),
    )


def _entry_actions() -> tuple[Action, ...]:
    from arrears import action_forms as f
    from arrears.services import blacklist as bl

    return (
        # 人社部令第45号: the employer's statement and defence (陈述、申辩) within the notice's period.
        Action(
            "record_defence",
            _("登记陈述申辩"),
            INSPECTORS,
            bl.blacklist_record_defence,
            f.DefenceForm,
            success=_("已登记陈述申辩"),
        ),
    )


def _register(model, *, slug: str, pages: str, visible, services, actions, **extra) -> None:
    """One of the app's two types: pages ``arrears:<pages>-detail`` / ``-list``, the unit head at its head,
    inspectors writing, transitions read with ``TransitionForm``."""
    from arrears.action_forms import TransitionForm

    register_case_type(
        CaseType(
            code=model.CASE_TYPE,
            model=model,
            api_slug=slug,
            detail_url_name=f"arrears:{pages}-detail",
            list_url_name=f"arrears:{pages}-list",
            visible=visible,
            head_roles=(Role.INSPECTION_HEAD,),
            writer_roles=WRITERS,
            transitions=TransitionInput(services, TransitionForm, _kwargs),
            actions=actions,
            **extra,
        )
    )


def register() -> None:
    from arrears import documents
    from arrears.demo import seed_arrears
    from arrears.models import ArrearsCase, BlacklistEntry
    from arrears.scale_seed import ARREARS_SEED
    from arrears.selectors.blacklist import blacklist_visible_to
    from arrears.selectors.cases import arrears_visible_to
    from arrears.selectors.parties import employers_of_visible_arrears, persons_of_visible_arrears
    from arrears.services import blacklist as blacklist_svc
    from arrears.services import cases as case_svc
    from casework.models import Employer, Person

    _register(
        ArrearsCase,
        search_text=("number", "employer__name", "project__name"),
        slug="arrears",
        pages="case",
        visible=arrears_visible_to,
        services=case_svc.TRANSITION_SERVICES,
        actions=_case_actions(),
        detail_data=_case_detail,
        series=_series,
        public=_public,
        seeders=(seed_arrears,),
        nav=(
            (_("欠薪案件"), "arrears:case-list", "arrears.view_arrearscase"),
            (_("工程项目"), "arrears:project-list", "arrears.view_constructionproject"),
            (_("欠薪风险"), "arrears:risk", "arrears.view_arrearscase"),
            (_("工资支付预警"), "arrears:monitoring-risk", "arrears.view_wagewarning"),
        ),
        parties={Person: persons_of_visible_arrears, Employer: employers_of_visible_arrears},
        scale_seed=ARREARS_SEED,  # manage.py seed_scale
        documents=documents.CASE_KINDS,
        document_list=documents.case_documents,
        document_pdf=documents.render_case_document,
        open_from_intake=(_("欠薪案件"), _open_from_intake),  # casework.kernel.intake
        disclosure="enforcement",  # typical cases may name the employer (人社部令第29号)
    )
    _register(
        BlacklistEntry,
        slug="blacklist",
        pages="blacklist",
        visible=blacklist_visible_to,
        services=blacklist_svc.TRANSITION_SERVICES,
        actions=_entry_actions(),
        id_kwarg="entry_id",
        detail_data=_entry_detail,
        nav=((_("失信名单"), "arrears:blacklist-list", "arrears.view_blacklistentry"),),
        documents=documents.BLACKLIST_KINDS,
        document_list=documents.blacklist_documents,
        document_pdf=documents.render_blacklist_document,
    )
