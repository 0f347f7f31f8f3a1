"""Evidence files of any case: upload through the kernel's ``add_evidence`` action, download to those who see
the case."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from casework.kernel.pages import case_change
from casework.models import Evidence
from casework.selectors.visibility import can_see
from casework.services.view_audit import record_view


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("content_type"), pk=pk)
    case = evidence.case
    if case is None or not can_see(request.user, case):
        raise Http404
    record_view(request, case, "evidence", label=evidence.original_name)
    if evidence.tampered and request.GET.get("acknowledge") != "1":
        # Not served as if intact: a warning page first; the file only on purpose, marked in its name and header.
        response = render(request, "casework/evidence_tampered.html", {"evidence": evidence, "case": case})
        response["Cache-Control"] = "no-store"
        return response
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("证据文件缺失") from None
    name = evidence.original_name
    if evidence.tampered:
        name = f"【已被改动】{name}"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=evidence.mime_type)
    response["Cache-Control"] = "no-store"
    if evidence.tampered:
        response["X-Evidence-Fixity"] = evidence.fixity
    return response


@login_required
@require_POST
def case_evidence_upload(request, code: str, pk: int):
    """``POST /cases/<type>/<id>/evidence/`` (``case-evidence-upload``): a multipart ``file``, ``category``
    and ``description`` attached to any registered case type's case, then back to its page with a message.

    The kernel's ``add_evidence`` action: 404 for a case the user cannot see, refused for a role that may
    not write on this case type (auditor, director…) before the file is read, nothing stored on failure."""
    return case_change(request, code, pk, "actions", "add_evidence")


def upload_view(model, detail_url_name):
    """DEPRECATED: a case type's own upload URL; the same as ``case_evidence_upload`` for ``model``'s type
    (link templates to ``{% url 'case-evidence-upload' case.CASE_TYPE case.pk %}`` instead)."""

    @login_required
    @require_POST
    def upload(request, pk):
        return case_change(request, model.CASE_TYPE, pk, "actions", "add_evidence")

    return upload
