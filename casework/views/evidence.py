from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from casework.models import Evidence
from casework.selectors.visibility import can_see
from casework.services.evidence import attach_evidence
from casework.services.transitions import TransitionError


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("content_type"), pk=pk)
    case = evidence.case
    if case is None or not can_see(request.user, case):
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.mime_type,
    )


def upload_view(model, detail_url_name):
    """A POST endpoint that attaches an uploaded file to a case of ``model``."""

    @login_required
    @require_POST
    def upload(request, pk):
        case = model._default_manager.filter(pk=pk).first()
        if case is None or not can_see(request.user, case):
            raise Http404
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ValidationError({"file": ["请选择要上传的文件"]})
            attach_evidence(
                case=case,
                uploaded_file=uploaded,
                category=request.POST.get("category", ""),
                actor=request.user,
                description=request.POST.get("description", ""),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "证据材料已上传")
        return redirect(detail_url_name, pk=pk)

    return upload
