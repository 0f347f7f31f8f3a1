from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MY_WORK = (_("我的工作"), "my-work", None)
# The kernel's own menu entries (label, url name, permission or None), after the case types' (each type's
# ``CaseType.nav``, in the order the types registered).
NAV_ITEMS = [
    (_("用人单位"), "parties:employer-list", "casework.view_employer"),
    (_("当事人"), "parties:person-list", "casework.view_person"),
    (_("督办"), "supervision:list", "supervision.view_supervision"),
    (_("典型案例"), "typical:staff-list", "typical.view_typicalcase"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from casework.kernel.registry import case_types

    items = []
    for label, url_name, perm in [MY_WORK, *(entry for t in case_types() for entry in t.nav), *NAV_ITEMS]:
        if perm and not user.has_perm(perm):
            continue
        try:
            items.append({"label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return {"nav_items": items}


def notifications(request):
    """The bell on every staff page: its link and the unread count (one indexed COUNT query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.utils.functional import SimpleLazyObject

    from casework.selectors.notifications import unread_count

    # Lazy: pages that do not show the bell (the admin) do not pay for the query.
    return {
        "bell_url": reverse("notification-list"),
        "unread_count": SimpleLazyObject(lambda: unread_count(user)),
    }
