"""The helper's pages: their filings (30 days), the green channel's form filled for a worker, the worker's
consent, one filing. Thin: ``services`` writes, ``selectors`` reads; every page works without JavaScript."""

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from casework.public import services as public_services
from casework.public.registry import APPLICATION_KINDS, COMPLAINT_FORM, application_form, case_type_for

from . import selectors, services
from .access import helper_required
from .forms import ConsentCodeForm, SignedConsentForm
from .models import Helper

PAGE_SIZE = 20
SENSITIVE = ("id_number", "phone", "name", "address", "code")
RECEIPT_LINK_FOR = timedelta(hours=23)  # the green channel's receipt links last a day (GREEN_RECEIPT_MAX_AGE)


def _forms_offered() -> list[tuple[str, str]]:
    codes = [COMPLAINT_FORM, *APPLICATION_KINDS]
    return [(code, str(entry.label)) for code in codes if (entry := application_form(code)) is not None]


@helper_required
def home(request):
    page = Paginator(selectors.filings_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assisted/home.html",
        {
            "page": page,
            "forms_offered": _forms_offered(),
            "profile": Helper.objects.filter(user=request.user).first(),
        },
    )


@helper_required
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def file_form(request, code):
    """The green channel's own form of ``code``, filled for the worker; kept as a draft until they consent."""
    entry = application_form(code)
    if entry is None:
        raise Http404
    if not Helper.objects.filter(user=request.user, is_active=True).exists():
        messages.error(request, _("您的代办员登记已失效，不能再代为提交。请联系县市人社局。"))
        return redirect("assisted:home")
    context = {"entry": entry}
    if request.method != "POST":
        form = services.helper_form(entry, initial={"submission_key": public_services.new_submission_key()})
        return render(request, "assisted/file_form.html", {**context, "form": form})
    form = services.helper_form(entry, request.POST, request.FILES)
    if not form.is_valid():
        context["photos_dropped"] = bool(request.FILES.getlist("photos"))
        return render(request, "assisted/file_form.html", {**context, "form": form})
    photos = form.cleaned_data.get("photos") or []
    draft = services.draft_create(
        helper=request.user, entry=entry, raw=request.POST.dict(), cleaned=form.cleaned_data, photos=photos
    )
    if draft.phone_hash:
        _send_code(request, draft)
    return redirect("assisted:consent", token=draft.token)


def _send_code(request, draft) -> None:
    verdict = services.consent_code_send(draft=draft, helper=request.user)
    if verdict.allowed:
        messages.success(
            request, _("验证码已发到工人的手机 %(phone)s。") % {"phone": services.masked_phone(draft)}
        )
    else:
        minutes = max(1, (verdict.retry_after + 59) // 60)
        messages.error(request, _("发送太频繁了，请%(n)d分钟后再点“重新发送验证码”。") % {"n": minutes})


def _draft_or_404(request, token):
    draft = services.draft_for(request.user, token)
    if draft is None:
        raise Http404
    return draft


def _consent_page(request, draft, *, code_form=None, signed_form=None, error="", status=200):
    entry = application_form(draft.form_code)
    context = {
        "draft": draft,
        "entry": entry,
        "worker_name": draft.data.get("name", ""),
        "phone_masked": services.masked_phone(draft),
        "code_form": code_form or ConsentCodeForm(),
        "signed_form": signed_form or SignedConsentForm(),
        "error": error,
    }
    return render(request, "assisted/consent.html", context, status=status)


@helper_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def consent(request, token):
    """The worker's consent: their code (SMS) or their signed form (no phone); then the case is filed."""
    draft = services.draft_for(request.user, token)
    if draft is None and request.method == "POST":  # a second tap after the filing, or a page left too long
        messages.info(request, _("这份提交已经确认过了或已过期，请在下面的列表里查看，或重新填写。"))
        return redirect("assisted:home")
    if draft is None:
        raise Http404
    if request.method != "POST":
        return _consent_page(request, draft)
    if draft.phone_hash:
        form = ConsentCodeForm(request.POST)
        if not form.is_valid():
            return _consent_page(request, draft, code_form=form)
        try:
            filing = services.file_with_code(draft=draft, helper=request.user, code=form.cleaned_data["code"])
        except services.ConsentRefused as refused:
            return _consent_page(request, draft, error=str(refused))
    else:
        form = SignedConsentForm(request.POST, request.FILES)
        if not form.is_valid():
            return _consent_page(request, draft, signed_form=form)
        try:
            filing = services.file_with_signed_form(
                draft=draft, helper=request.user, consent_file=form.cleaned_data["consent_file"]
            )
        except services.ConsentRefused as refused:
            return _consent_page(request, draft, error=str(refused))
    messages.success(
        request,
        _("已代为提交，案件编号 %(number)s。工人会收到登记短信。") % {"number": filing.case_number},
    )
    return redirect("assisted:filing", pk=filing.pk)


@helper_required
@require_POST
def resend(request, token):
    draft = _draft_or_404(request, token)
    try:
        _send_code(request, draft)
    except services.ConsentRefused as refused:
        messages.error(request, str(refused))
    return redirect("assisted:consent", token=draft.token)


@helper_required
def filing(request, pk):
    """One of the helper's own filings, for 30 days after filing; anyone else's, or older, is a 404."""
    found = selectors.filing_of(request.user, pk)
    if found is None or found.case is None:
        raise Http404
    case = found.case
    public_type = case_type_for(case)
    receipt = None
    if timezone.now() - found.filed_at < RECEIPT_LINK_FOR:
        receipt = public_services.receipt_token(case)
    return render(
        request,
        "assisted/filing.html",
        {
            "filing": found,
            "case": case,
            "type_label": public_type.label if public_type else case.TYPE_LABEL,
            "stage": public_type.stage_text(case) if public_type else case.get_state_display(),
            "unit": case.jurisdiction,
            "receipt_token": receipt,
        },
    )
