"""The staff deadline calculator page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from casework.deadlines.forms import DeadlineCalculatorForm
from casework.deadlines.rules import all_rules
from casework.selectors.visibility import jurisdictions_for


@login_required
def calculator(request):
    jurisdiction = None
    if "rule" in request.GET:
        data = request.GET.copy()
        data.setdefault("extensions", "0")
        data.setdefault("paused_days", "0")
        form = DeadlineCalculatorForm(data)
        if form.is_valid():
            jurisdiction = form.cleaned_data.get("jurisdiction")
    else:
        home = jurisdictions_for(request.user).exclude(level="prefecture").first()
        form = DeadlineCalculatorForm(
            initial={"start": timezone.localdate(), "jurisdiction": home.code if home else None}
        )
    return render(
        request,
        "casework/deadline_calculator.html",
        {"form": form, "result": form.result, "jurisdiction": jurisdiction, "rules": all_rules()},
    )
