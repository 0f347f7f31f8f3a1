"""Staff: the 送达回证 of an issued document, the proof of a service. Public (green channel): the page the
e-service SMS links to — ID tail check (rate-limited), then the document."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from casework.documents import electronic
from casework.documents.receipt import render_service_receipt
from casework.kernel.registry import case_type, case_type_for
from casework.models import ElectronicService, IssuedDocument, Service
from casework.public import ratelimit
from casework.public.security import client_ip, public_page
from casework.public.selectors import normalise_id_suffix
from casework.views.documents import pdf_response


def _visible_case(user, code: str, pk: int):
    registered = case_type(code)
    case = registered.visible(user).filter(pk=pk).first() if registered else None
    if case is None:
        raise Http404
    return case


def _issued(case, document_pk: int) -> IssuedDocument:
    found = IssuedDocument.objects.filter(
        pk=document_pk, content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).first()
    if found is None:
        raise Http404
    return found


@login_required
def service_receipt(request, code, pk, document):
    case = _visible_case(request.user, code, pk)
    issued = _issued(case, document)
    return pdf_response(render_service_receipt(case, issued), f"{issued.number}送达回证.pdf")


@login_required
def service_proof(request, code, pk, service):
    case = _visible_case(request.user, code, pk)
    found = Service.objects.filter(
        pk=service,
        document__content_type=ContentType.objects.get_for_model(case),
        document__object_id=case.pk,
    ).first()
    if found is None or not found.proof:
        raise Http404
    return FileResponse(found.proof.open("rb"), as_attachment=True, filename=found.proof_name or "proof")


def _e_service(token: str, *, salt=electronic.SALT, max_age=None) -> ElectronicService:
    pk = electronic.read_token(token, salt=salt, max_age=max_age)
    found = (
        ElectronicService.objects.select_related("document", "address").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if found is None:
        raise Http404
    return found


TEMPLATE = "green/e_service.html"
WRONG = "身份证号码后6位不正确，请核对后重新输入。"


@public_page
@sensitive_post_parameters("id_suffix")
@require_http_methods(["GET", "POST"])
def e_service(request, token):
    """The document named by the SMS: after the last 6 characters of the recipient's ID number, its first
    opening is recorded as the service and the document can be read."""
    try:
        found = _e_service(token)
    except Http404:
        return render(request, "green/e_service_expired.html", status=404)
    context = {"document": found.document, "token": token}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    verdict = ratelimit.hit_all([("eservice_ip", client_ip(request)), ("eservice_link", str(found.pk))])
    if not verdict.allowed:
        response = render(request, TEMPLATE, {**context, "rate_limited": _wait(verdict)}, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    tail = normalise_id_suffix(request.POST.get("id_suffix", ""))[:12]
    if not electronic.id_tail_matches(found, tail):
        electronic.record_failed_check(found)
        return render(request, TEMPLATE, {**context, "wrong": WRONG}, status=400)
    opening = electronic.open_electronic_service(found)
    return render(
        request,
        "green/e_service_document.html",
        {**context, "service": opening.service, "pdf_token": electronic.opened_token(found)},
    )


def _wait(verdict) -> str:
    minutes = max(1, (verdict.retry_after + 59) // 60)
    return f"核对次数太多了，请{minutes}分钟后再试。着急的话请拨打 12333 咨询。"


@public_page
def e_service_pdf(request, token):
    found = _e_service(token, salt=electronic.OPENED_SALT, max_age=30 * 60)
    document = found.document
    case = document.case
    registered = case_type_for(case)
    if registered is None or registered.document_pdf is None:
        raise Http404
    return pdf_response(
        registered.document_pdf(case, document.slug), f"{document.number}{document.title}.pdf"
    )
