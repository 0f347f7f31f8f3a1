"""``/audit/views/``: who opened which case, document, evidence file or export — for auditors and heads, filtered
by user, case type, what, date range (or one case), paginated, and as an Excel file."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.inputs import ANY, WindowDateField
from casework.kernel.registry import case_types
from casework.models import User
from casework.models.view_audit import ViewKind
from casework.services.view_audit import may_read, readable_by
from casework.spreadsheets import append, new_workbook, xlsx_download

PAGE_SIZE = 50
EXPORT_MAX = 50_000


class ViewAuditFilterForm(forms.Form):
    user = forms.ModelChoiceField(label=_("查看人"), queryset=User.objects.none(), required=False)
    case_type = forms.ChoiceField(label=_("案件类型"), required=False)
    what = forms.ChoiceField(label=_("查看内容"), choices=[("", "全部"), *ViewKind.choices], required=False)
    date_from = WindowDateField(label=_("起始日期"), window=ANY, required=False)
    date_to = WindowDateField(label=_("截止日期"), window=ANY, required=False)
    case = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.order_by("username")
        self.fields["case_type"].choices = [("", "全部")] + [
            (t.code, t.model.TYPE_LABEL) for t in case_types()
        ]

    def apply(self, rows):
        if not self.is_valid():
            return rows.none()
        data = self.cleaned_data
        if data["user"]:
            rows = rows.filter(user=data["user"])
        if data["case_type"]:
            rows = rows.filter(case_type=data["case_type"])
        if data["what"]:
            rows = rows.filter(what=data["what"])
        if data["case"]:
            rows = rows.filter(object_id=data["case"])
        zone = timezone.get_current_timezone()
        if data["date_from"]:
            rows = rows.filter(at__gte=datetime.combine(data["date_from"], time.min, zone))
        if data["date_to"]:
            rows = rows.filter(at__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, zone))
        return rows


@login_required
def view_audit_list(request):
    if not may_read(request.user):
        raise Http404
    form = ViewAuditFilterForm(request.GET or {})
    rows = form.apply(readable_by(request.user))
    if request.GET.get("format") == "xlsx":
        return _xlsx(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    export = query.copy()
    export["format"] = "xlsx"
    return render(
        request,
        "casework/view_audit.html",
        {"form": form, "page": page, "query": query.urlencode(), "export_query": export.urlencode()},
    )


def _xlsx(rows):
    workbook, sheet = new_workbook("查阅记录")
    append(sheet, ["时间", "查看人", "用户名", "查看内容", "案件类型", "案件编号", "名称"])
    labels = {t.code: str(t.model.TYPE_LABEL) for t in case_types()}
    for row in rows[:EXPORT_MAX].iterator(chunk_size=2000):
        append(
            sheet,
            [
                timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                str(row.user),
                row.user.username,
                str(row.get_what_display()),
                labels.get(row.case_type, row.case_type),
                row.case_number,
                row.label,
            ],
        )
    return xlsx_download(workbook, f"查阅记录{timezone.localdate():%Y%m%d}.xlsx")
