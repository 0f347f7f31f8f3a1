"""The "my work" section of unread deadline alerts (registered from CaseworkConfig.ready)."""

from django.utils.translation import gettext as _

from casework.work import register_work_section


@register_work_section
def my_alerts(request):
    from casework.selectors.notifications import latest_unread

    items = latest_unread(request.user)
    if not items:
        return None
    return {
        "title": _("未读期限提醒"),
        "template": "casework/includes/work_notifications.html",
        "items": items,
    }
