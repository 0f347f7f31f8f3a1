"""The claimant page of the green channel: ``/green/case/<type>/<id>/`` and its one-action screens.

The same verification as the progress page: the signed ``green_access`` cookie of a lookup names the (case,
person) pairs this browser may see (``casework.public.access``); a case it does not name is a 404, whoever's it
is. Every POST is CSRF-protected (``public_page``), rate-limited per IP, and writes through
``casework.claimant.services`` (the kernel's ``case_action``). Responses and logs carry no ID number or phone.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from casework.claimant import selectors, services
from casework.claimant.forms import MessageForm, PartyEvidenceForm, WithdrawalForm
from casework.public import access, ratelimit
from casework.public.security import client_ip, public_page
from casework.services.transitions import TransitionError

EXPIRED = "查询已超时或已退出，请重新查询。"


class _NoAccess(Exception):
    pass


def _match(request, label: str, pk: int):
    """The granted (case, person) of this browser for case ``label``/``pk``; 404 for any other case."""
    matches = access.granted_matches(request)
    if not matches:
        raise _NoAccess
    found = next((m for m in matches if m.case_type.model_label == label and m.case.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _guarded(view):
    def wrapper(request, label, pk, *args, **kwargs):
        try:
            match = _match(request, label, pk)
        except _NoAccess:
            messages.info(request, EXPIRED)
            return redirect("green:lookup")
        return view(request, match, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _limited(request, match):
    """The claimant page's writes: per IP address and per (case, person)."""
    verdict = ratelimit.hit_all(
        [
            ("claimant_ip", client_ip(request)),
            ("claimant_case", f"{match.ref.label}:{match.case.pk}:{match.person.pk}"),
        ]
    )
    if verdict.allowed:
        return None
    minutes = max(1, (verdict.retry_after + 59) // 60)
    response = render(
        request,
        "green/rate_limited.html",
        {
            "rate_limited": f"操作太频繁了，请{minutes}分钟后再试。着急的话请拨打 12333 咨询。",
            "back": _page(match),
        },
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _page(match) -> str:
    from django.urls import reverse

    return reverse("green:claimant", args=[match.case_type.model_label, match.case.pk])


def _errors(form, exc) -> None:
    if isinstance(exc, ValidationError):
        for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.message)


@public_page
@_guarded
def claimant(request, match):
    page = selectors.claimant_pages([match])[0]
    return render(request, "green/claimant.html", {"page": page, "p": page.progress, "url": _page(match)})


@public_page
@require_POST
@_guarded
def confirm_receipt(request, match, payment):
    """ "已收到" on one payment recovered for this person."""
    limited = _limited(request, match)
    if limited is not None:
        return limited
    try:
        done = services.confirm_receipt(match, payment)
    except ValidationError:
        raise Http404 from None  # not a payment of this person on this case
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已记录：您确认收到了这笔钱。" if done else "这笔钱您已经确认过收到了。")
    return redirect(_page(match))


def _one_action(request, match, *, form_class, template, perform, success):
    """A screen with one form: GET shows it, POST does it (or shows what to change), then back to the page."""
    context = {"p": {"number": match.case.number}, "url": _page(match)}
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class()})
    limited = _limited(request, match)
    if limited is not None:
        return limited
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            perform(form.cleaned_data)
        except (ValidationError, TransitionError) as exc:
            if getattr(exc, "status_code", 400) == 404:
                raise Http404 from None
            _errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(_page(match))
    return render(request, template, {**context, "form": form}, status=400)


@public_page
@require_http_methods(["GET", "POST"])
@_guarded
def add_evidence(request, match):
    return _one_action(
        request,
        match,
        form_class=PartyEvidenceForm,
        template="green/claimant_evidence.html",
        perform=lambda data: services.add_party_evidence(
            match, uploaded_file=data.get("file"), description=data.get("description", "")
        ),
        success="材料已收到，办案人员会查看。",
    )


@public_page
@require_http_methods(["GET", "POST"])
@_guarded
def message(request, match):
    return _one_action(
        request,
        match,
        form_class=MessageForm,
        template="green/claimant_message.html",
        perform=lambda data: services.send_message(match, data.get("text")),
        success="留言已送到办案单位。答复会用短信发给您，也会显示在本页。",
    )


@public_page
@require_http_methods(["GET", "POST"])
@_guarded
def withdraw(request, match):
    return _one_action(
        request,
        match,
        form_class=WithdrawalForm,
        template="green/claimant_withdraw.html",
        perform=lambda data: services.request_withdrawal(match, data.get("reason")),
        success="撤回申请已送到办案单位，决定后会告诉您。",
    )
