"""Personal data in generated documents: masked by default, a full-number copy only on a logged request.

Every document of every case type renders through ``casework.pdf.render_html``, whose context says
``full_numbers=False`` unless the document is rendered inside ``full_numbers()``; the templates print ID numbers,
phones and addresses of natural persons with ``{% load personal_data %}{% id_number p %}`` / ``{% phone p %}`` /
``{% address p %}``, masked unless that flag is set. So a PDF opened from a case page, bound into a case file or
rendered by a task carries ``4331**********1234`` and ``139****1234``.

A full-number copy (``?full=1`` on a document's URL, the ``masked_document`` decorator on each app's document
view) is made only of a document named in ``FULL_NUMBER_DOCUMENTS``, only for a role in
``casework.roles.UNMASKED_PERSONAL_DATA_ROLES`` (never an auditor or a director: 403), only after a purpose is
stated, and is logged like a reveal: one ``UnmaskedView`` row (who, when, the case, ``document:<slug>``, the
purpose, the path).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

# (case type code, document slug): the documents that must be producible with full numbers, because they go to
# the person whose numbers they carry, who signs or keeps them as the record of what they declared:
#   * 投诉登记表 — the complainant checks and signs the record of their complaint, identity included: a signed
#     record taken at the window stands for a written complaint, and a copy is theirs to keep;
#   * 仲裁申请登记表 / 调解申请登记表 — the applicant signs the registration of their application; its identity
#     part is what the commission serves the award or the mediation document on, and what a court enforcing them
#     identifies the party by.
# Every other document is masked in every copy: those served on the employer (payment orders, penalty
# decisions, blacklist notices) must not disclose the workers' numbers to it, and internal approval forms and the
# case file need no more than the masked form to identify a person.
FULL_NUMBER_DOCUMENTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("complaint", "registration"),
        ("arbitration", "application"),
        ("mediation", "application"),
    }
)

_FULL = ContextVar("casework_documents_full_numbers", default=False)
PURPOSE_MIN = 4


def showing_full_numbers() -> bool:
    return _FULL.get()


@contextmanager
def full_numbers():
    """Render the documents inside this block with full numbers (only ever entered by ``masked_document``)."""
    token = _FULL.set(True)
    try:
        yield
    finally:
        _FULL.reset(token)


def may_have_full_copy(case_type: str, slug: str) -> bool:
    return (case_type, slug) in FULL_NUMBER_DOCUMENTS


def _log_full_copy(user, case_type: str, pk: int, slug: str, purpose: str, path: str) -> None:
    from casework.kernel.registry import case_type as registered
    from casework.models import UnmaskedView

    entry = registered(case_type)
    UnmaskedView.objects.create(
        user=user,
        viewed_at=timezone.now(),
        content_type=ContentType.objects.get_for_model(entry.model),
        object_id=pk,
        field_name=f"document:{slug}"[:50],
        purpose=purpose[:200],
        path=path[:300],
    )


def masked_document(case_type: str):
    """Decorate a document view ``view(request, pk, doc)``: as before by default (masked); ``?full=1`` asks for
    the purpose (GET) and makes the logged full-number copy (POST)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, pk, doc, *args, **kwargs):
            if request.method != "POST" and not request.GET.get("full"):
                return view(request, pk, doc, *args, **kwargs)
            from casework.services.personal_data import may_reveal_personal_data

            if not may_have_full_copy(case_type, doc):
                raise Http404
            if not may_reveal_personal_data(request.user):
                raise PermissionDenied(_("您的岗位无权制作含完整号码的文书"))
            purpose = (request.POST.get("purpose") or "").strip()
            if request.method != "POST" or len(purpose) < PURPOSE_MIN:
                error = (
                    _("请写明用途（至少%(n)s个字）") % {"n": PURPOSE_MIN} if request.method == "POST" else ""
                )
                context = {"purpose": purpose, "error": error, "path": request.path}
                return render(
                    request, "casework/documents/full_copy.html", context, status=400 if error else 200
                )
            with full_numbers():
                response = view(request, pk, doc, *args, **kwargs)  # 404 if the case or document is not there
            if response.status_code == 200:
                _log_full_copy(request.user, case_type, pk, doc, purpose, request.path)
            response["Cache-Control"] = "no-store"
            return response

        return wrapper

    return decorate
