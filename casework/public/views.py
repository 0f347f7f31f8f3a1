"""The green channel's public pages (no login): complain, apply, look up progress.

Thin views: forms check the input, ``casework.public.services`` writes, ``casework.public.selectors``
reads. Every page works without JavaScript; every POST is CSRF-protected and rate-limited.
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from casework.masking import mask_phone
from casework.models.public import LookupMethod, LookupOutcome
from casework.pdf import issuing_body_for, render_pdf
from casework.public import access, lookup_log, progress_store, ratelimit, selectors, services
from casework.public.forms import CaseNumberLookupForm, CodeForm, PhoneForm
from casework.public.registry import APPLICATION_KINDS, COMPLAINT_FORM, application_form, case_type_for
from casework.public.security import client_ip, public_page
from casework.views.documents import pdf_response

SENSITIVE = ("id_number", "id_suffix", "phone", "code", "name", "address")


def _too_many(retry_after: int) -> str:
    minutes = max(1, (retry_after + 59) // 60)
    return f"操作太频繁了，请{minutes}分钟后再试。着急的话请拨打 12333 咨询。"


def _rate_limited(request, verdict, back: str = ""):
    """The one "too many" page of the green channel, whichever limit was passed."""
    context = {"rate_limited": _too_many(verdict.retry_after), "back": back or request.path}
    response = render(request, "green/rate_limited.html", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


@public_page
def home(request):
    return render(
        request,
        "green/home.html",
        {
            "applications": list(APPLICATION_KINDS.items()),
            "has_access": bool(access.granted_matches(request)),
        },
    )


# --- submissions ---------------------------------------------------------------------------------------
def _submission_page(request, *, form_class, template, context, submit):
    """GET: an empty form with a fresh one-time token. POST: validate, submit once, show the receipt."""
    if request.method != "POST":
        form = form_class(initial={"submission_key": services.new_submission_key()})
        return render(request, template, {**context, "form": form})
    existing = services.case_for_submission(request.POST.get("submission_key"))
    if existing is not None:  # a double tap or a refreshed POST: the same receipt, no second case
        return redirect("green:receipt", token=services.receipt_token(existing))
    form = form_class(request.POST, request.FILES)
    verdict = ratelimit.hit("submit_ip", client_ip(request))
    if not verdict.allowed:
        return _rate_limited(request, verdict)
    if form.is_valid():
        data = dict(form.cleaned_data)
        photos = data.pop("photos", [])
        try:
            case, _created = submit(data=data, photos=photos, submission_key=data["submission_key"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("green:receipt", token=services.receipt_token(case))
    if "submission_key" in form.errors:
        form.data = form.data.copy()
        form.data["submission_key"] = services.new_submission_key()
    return render(
        request,
        template,
        {**context, "form": form, "photos_dropped": bool(request.FILES.getlist("photos"))},
    )


FIELD_ALIASES = {"credit_code": "employer_credit_code", "file": "photos", "complainant": "name"}


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        name = FIELD_ALIASES.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


def _application_page(request, entry):
    def submit(**kwargs):
        return services.public_application_submit(entry=entry, **kwargs)

    return _submission_page(
        request, form_class=entry.form_class, template=entry.template, context={"entry": entry}, submit=submit
    )


@public_page
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def complaint(request):
    """The wage complaint of the home page, taken by the case type registered for it."""
    entry = application_form(COMPLAINT_FORM)
    if entry is None:
        raise Http404
    return _application_page(request, entry)


@public_page
def apply_index(request):
    kinds = [(code, label, application_form(code) is not None) for code, label in APPLICATION_KINDS.items()]
    return render(request, "green/apply_index.html", {"kinds": kinds})


@public_page
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def apply(request, code):
    if code not in APPLICATION_KINDS:
        raise Http404
    entry = application_form(code)
    if entry is None:
        from casework.models import Jurisdiction

        units = Jurisdiction.objects.filter(is_active=True).exclude(phone="")
        return render(request, "green/apply_closed.html", {"label": APPLICATION_KINDS[code], "units": units})

    return _application_page(request, entry)


# --- receipts --------------------------------------------------------------------------------------------
def _receipt_context(case) -> dict:
    case_type = case_type_for(case)
    return {
        "number": case.number,
        "type_label": case_type.label if case_type else case.TYPE_LABEL,
        "received_on": case.created_at,
        "unit_name": issuing_body_for(case.jurisdiction),
        "unit_phone": case.jurisdiction.phone,
        "noun": case_type.noun if case_type else "申请",
    }


@public_page
def receipt(request, token):
    case = services.case_from_receipt_token(token)
    if case is None:
        return render(request, "green/receipt_expired.html", status=404)
    return render(request, "green/receipt.html", {**_receipt_context(case), "token": token})


@public_page
def receipt_pdf(request, token):
    case = services.case_from_receipt_token(token)
    if case is None:
        return render(request, "green/receipt_expired.html", status=404)
    context = {
        **_receipt_context(case),
        "title": "网上投诉（申请）回执",
        "doc_number": case.number,
        "issuing_body": issuing_body_for(case.jurisdiction),
    }
    return pdf_response(render_pdf("green/receipt_pdf.html", context), f"{case.number}回执.pdf")


# --- lookup ------------------------------------------------------------------------------------------
NOT_FOUND = "没有查到。请核对案件编号和身份证号码后6位是否填对。"


@functools.cache
def _progress_url(script_prefix: str) -> str:
    return reverse("green:progress")


def progress_url() -> str:
    """Where a successful lookup (by case number or by phone) goes; worked out once per script prefix."""
    return _progress_url(get_script_prefix())


@public_page
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def lookup(request):
    template = "green/lookup.html"
    if request.method != "POST":
        return render(request, template, {"form": CaseNumberLookupForm()})
    ip = client_ip(request)
    typed = (request.POST.get("case_number") or "").strip()[:60]
    number = selectors.normalise_case_number(typed)
    # Verify first, then count and log in one call (one Redis round trip where the log is buffered): a refused
    # lookup shows the limit page whatever the verification said, and is logged as refused.
    values = CaseNumberLookupForm.valid_values(request.POST)
    result = None
    if values is None:
        outcome = LookupOutcome.INVALID
    else:
        result = selectors.verify_case_number(*values)
        if result.granted is not None:
            outcome = LookupOutcome.FOUND
        else:  # the log tells staff which part was wrong; the visitor gets the same page either way
            outcome = LookupOutcome.MISMATCH if result.case_exists else LookupOutcome.NOT_FOUND
    verdict = lookup_log.count_and_log(
        [("lookup_ip", ip), ("lookup_case", number)],
        ip=ip,
        method=LookupMethod.CASE_NUMBER,
        outcome=outcome,
        case_number=number,
        cases_found=1 if outcome == LookupOutcome.FOUND else 0,
    )
    if not verdict.allowed:
        return _rate_limited(request, verdict)
    if result is None:
        form = CaseNumberLookupForm(request.POST)
        form.is_valid()  # to show what is wrong
        return render(request, template, {"form": form})
    if result.granted is None:
        form = CaseNumberLookupForm(initial={"case_number": typed})
        return render(request, template, {"form": form, "not_found": NOT_FOUND})
    response = HttpResponseRedirect(progress_url())
    access.grant(response, [result.granted])
    return response


@public_page
@sensitive_post_parameters(*SENSITIVE)
@require_http_methods(["GET", "POST"])
def lookup_phone(request):
    """Step 1: the phone number. The same page, the same work and the same time whether or not it has cases:
    the code is made and sent by a Celery task, only for a phone with cases (``services.code_issue``)."""
    template = "green/lookup_phone.html"
    if request.method != "POST":
        return render(request, template, {"form": PhoneForm()})
    ip = client_ip(request)
    form = PhoneForm(request.POST)
    checks = [("code_ip", ip), ("code_ip_day", ip)]
    if form.is_valid():
        checks += [("code_phone", form.cleaned_data["phone"]), ("code_phone_day", form.cleaned_data["phone"])]
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE_REQUEST, outcome=LookupOutcome.RATE_LIMITED)
        return _rate_limited(request, verdict)
    if not form.is_valid():
        lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE_REQUEST, outcome=LookupOutcome.INVALID)
        return render(request, template, {"form": form})
    phone = form.cleaned_data["phone"]
    services.code_request(phone=phone, ip=ip)  # queued; the task logs whether a code went out
    access.remember_phone(request, phone)  # kept server-side: the page carries only the masked number
    return render(request, "green/lookup_code.html", {"form": CodeForm(), "phone_masked": mask_phone(phone)})


@public_page
@sensitive_post_parameters(*SENSITIVE)
@require_POST
def lookup_code(request):
    """Step 2: the 6-digit code → every case of that phone's person(s)."""
    template = "green/lookup_code.html"
    ip = client_ip(request)
    phone = access.remembered_phone(request)
    context = {"phone_masked": mask_phone(phone)}
    form = CodeForm(request.POST)
    verdict = ratelimit.hit("lookup_ip", ip)
    if not verdict.allowed:
        lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE, outcome=LookupOutcome.RATE_LIMITED)
        return _rate_limited(request, verdict, reverse("green:lookup-phone"))
    if not form.is_valid():
        lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE, outcome=LookupOutcome.INVALID)
        return render(request, template, {**context, "form": form})
    ok = bool(phone) and services.code_verify(phone=phone, code=form.cleaned_data["code"])
    matches = selectors.matches_for_phone(phone) if ok else []
    if not matches:
        lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE, outcome=LookupOutcome.CODE_WRONG)
        return render(
            request,
            template,
            {**context, "form": CodeForm(), "not_found": "验证码不对或已过期，请重新获取。"},
        )
    lookup_log.record(
        ip=ip, method=LookupMethod.PHONE_CODE, outcome=LookupOutcome.FOUND, cases_found=len(matches)
    )
    access.forget_phone(request)
    response = HttpResponseRedirect(progress_url())
    access.grant(response, [m.ref for m in matches])
    return response


@public_page
def progress(request):
    """The granted cases' progress: one query, reading each case's progress record with the check of the grant
    (``progress_store``); a few more to build a record that is missing or out of date."""
    refs, nonce = access.granted_refs_unchecked(request)
    items, sms_off = progress_store.progress_for(refs, nonce=nonce) if refs else ([], True)
    if not items:
        messages.info(request, "查询已超时或已退出，请重新查询。")
        return redirect("green:lookup")
    return render(request, "green/progress.html", {"items": items, "sms_off": sms_off})


@public_page
@require_POST
def milestone_sms(request):
    """The worker turns the progress SMS off (or back on) for the person(s) this browser verified."""
    from casework.services.notify_public import set_milestone_sms

    matches = access.granted_matches(request)
    if not matches:
        messages.info(request, "查询已超时或已退出，请重新查询。")
        return redirect("green:lookup")
    receive = request.POST.get("receive") == "1"
    set_milestone_sms({m.person.pk for m in matches}, receive=receive)
    messages.success(request, "已恢复发送办理进度短信。" if receive else "以后不再给您发送办理进度短信。")
    return redirect("green:progress")


@public_page
@require_POST
def leave(request):
    messages.info(request, "已退出查询。")
    response = redirect("green:home")
    access.revoke(request, response)
    return response


def csrf_failure(request, reason=""):
    """Plain words on the public pages (cookies off, or a page left open too long); Django's page elsewhere."""
    if request.path.startswith(reverse("green:home")):
        from django.utils import translation

        with translation.override("zh-hans"):
            response = render(request, "green/csrf_failure.html", status=403)
        response["Cache-Control"] = "no-store"
        return response
    from django.views.csrf import csrf_failure as default

    return default(request, reason=reason)
