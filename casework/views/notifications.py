"""The notifications page (the bell's target): list, mark one / all read, alert preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.forms.notifications import NotificationPreferenceForm
from casework.models import Notification, NotificationPreference
from casework.selectors.notifications import notifications_for
from casework.services import notifications as svc

PAGE_SIZE = 25


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/notifications/list.html", {"page": page, "query": ""})


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("notification-list")


@login_required
@require_POST
def notification_read(request, pk):
    try:
        svc.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return _back(request)


@login_required
@require_POST
def notification_read_all(request):
    count = svc.notifications_mark_all_read(user=request.user)
    messages.success(request, _("已将%(n)d条通知标为已读") % {"n": count})
    return _back(request)


@login_required
def notification_preferences(request):
    pref = NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference(
        user=request.user
    )
    initial = {
        "email_enabled": pref.email_enabled,
        "digest_enabled": pref.digest_enabled,
        "sms_enabled": pref.sms_enabled,
        "mobile": pref.mobile,
    }
    form = NotificationPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.notification_preference_update(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("提醒设置已保存"))
            return redirect("notification-preferences")
    return render(
        request,
        "casework/notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
