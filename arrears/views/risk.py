"""The risk view (employers and projects) and the quarterly public list export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from arrears.exports import serious_violations, serious_violations_xlsx
from arrears.forms import QuarterForm, RiskFilterForm
from arrears.selectors.risk import employer_risk, project_risk
from casework.services.view_audit import record_view
from casework.spreadsheets import download


@login_required
def risk_view(request):
    if not request.user.has_perm("arrears.view_arrearscase"):
        raise Http404
    form = RiskFilterForm(request.GET or None)
    by, q, listed = "employer", "", False
    if form.is_valid():
        by = form.cleaned_data["by"] or "employer"
        q, listed = form.cleaned_data["q"], form.cleaned_data["listed"]
    select = project_risk if by == "project" else employer_risk
    page = Paginator(select(request.user, q=q, listed_only=listed), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "arrears/risk.html", {"form": form, "page": page, "by": by, "query": query.urlencode()}
    )


def _current_quarter():
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


@login_required
def public_list(request):
    """Preview and export of the quarterly public list of serious violations (人社部令第29号)."""
    if not request.user.has_perm("arrears.view_arrearscase"):
        raise Http404
    year, quarter = _current_quarter()
    form = QuarterForm(request.GET or None, initial={"year": year, "quarter": quarter})
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    if request.GET.get("format") == "xlsx" and form.is_valid():
        record_view(
            request, None, "export", label=f"{year}年第{quarter}季度社会公布名单", case_type="arrears"
        )
        return download(
            serious_violations_xlsx(request.user, year, quarter),
            f"{year}年第{quarter}季度重大劳动保障违法行为社会公布.xlsx",
        )
    rows = serious_violations(request.user, year, quarter)
    return render(
        request, "arrears/public_list.html", {"form": form, "rows": rows, "year": year, "quarter": quarter}
    )
