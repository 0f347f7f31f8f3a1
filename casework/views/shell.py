from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casework.roles import Role
from casework.selectors.visibility import jurisdictions_for
from casework.work import sections_for


@login_required
def my_work(request):
    user = request.user
    roles = [role.label for role in Role if user.has_role(role) and not user.is_superuser]
    return render(
        request,
        "casework/my_work.html",
        {
            "roles": roles,
            "jurisdictions": jurisdictions_for(user),
            "sections": sections_for(request),
        },
    )
