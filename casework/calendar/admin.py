"""Administration of the working-day calendar (imported from ``casework.admin``)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from casework.calendar.services import check_schedule, enter_year_schedule, parse_schedule
from casework.calendar.workdays import WEEKDAY_NAMES
from casework.models import CalendarYear, Holiday, LocalHoliday
from casework.models.calendar import Source


class CalendarYearForm(forms.ModelForm):
    rest_days = forms.CharField(
        label=_("放假日期"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "2027-01-01 至 2027-01-03 元旦\n2027-02-06 至 2027-02-14 春节"}
        ),
        help_text=_(
            "按国务院通知逐行填写“起始日期 至 结束日期 名称”（含周末），单日可只写一个日期。填写后将替换该年全部全国安排；留空则不改动。"
        ),
    )
    workdays = forms.CharField(
        label=_("调休上班日期"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "2027-02-20 春节调休上班"}),
        help_text=_("逐行填写“日期 名称”，应为周六或周日。"),
    )

    class Meta:
        model = CalendarYear
        fields = ["year", "is_official", "note"]

    def clean(self):
        data = super().clean()
        year = data.get("year") or self.instance.year  # read-only once the row exists
        if year is None:
            return data
        try:
            data["rest_lines"] = parse_schedule(data.get("rest_days", ""), year=year)
        except ValidationError as exc:
            self.add_error("rest_days", exc)
        try:
            data["work_lines"] = parse_schedule(data.get("workdays", ""), year=year, default_name="调休上班")
        except ValidationError as exc:
            self.add_error("workdays", exc)
        if not self.errors:
            try:
                check_schedule(data.get("rest_lines", []), data.get("work_lines", []))
            except ValidationError as exc:
                self.add_error("workdays", exc)
        if data.get("is_official") and not self.errors:
            has_rows = Holiday.objects.filter(jurisdiction__isnull=True, date__year=year).exists()
            if not has_rows and not data.get("rest_lines"):
                self.add_error("rest_days", _("标记为已公布前，请先录入该年的放假日期。"))
        return data


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    form = CalendarYearForm
    list_display = ("year", "is_official", "rest_count", "workday_count", "source", "note", "updated_at")
    list_filter = ("is_official", "source")
    fields = ("year", "is_official", "note", "rest_days", "workdays")

    def get_queryset(self, request):
        def count(kind):
            rows = (
                Holiday.objects.filter(jurisdiction__isnull=True, kind=kind, date__year=OuterRef("year"))
                .order_by()
                .values("kind")
                .annotate(n=Count("id"))
                .values("n")
            )
            return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

        return (
            super().get_queryset(request).annotate(rest_count=count("rest"), workday_count=count("workday"))
        )

    @admin.display(description=_("放假天数"), ordering="rest_count")
    def rest_count(self, obj):
        return obj.rest_count

    @admin.display(description=_("调休上班天数"), ordering="workday_count")
    def workday_count(self, obj):
        return obj.workday_count

    def get_readonly_fields(self, request, obj=None):
        return ("year",) if obj else ()

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = enter_year_schedule(
            year=obj.year,
            rest_days=data.get("rest_lines", []),
            workdays=data.get("work_lines", []),
            mark_official=obj.is_official,
            note=obj.note,
        )
        obj.pk, obj.source, obj._state.adding = saved.pk, saved.source, False


class ScopeFilter(admin.SimpleListFilter):
    title = _("适用范围")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("national", _("全国")), ("local", _("地方"))]

    def queryset(self, request, queryset):
        if self.value() == "national":
            return queryset.filter(jurisdiction__isnull=True)
        if self.value() == "local":
            return queryset.filter(jurisdiction__isnull=False)
        return queryset


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "name", "scope", "source")
    list_filter = ("kind", ScopeFilter, "source", "jurisdiction")
    date_hierarchy = "date"
    search_fields = ("name",)
    list_select_related = ("jurisdiction",)
    fields = ("date", "kind", "name", "jurisdiction", "note")
    ordering = ("-date",)

    @admin.display(description=_("星期"))
    def weekday(self, obj):
        return WEEKDAY_NAMES[obj.date.weekday()]

    @admin.display(description=_("适用区域"), ordering="jurisdiction")
    def scope(self, obj):
        return obj.jurisdiction or _("全国")

    def save_model(self, request, obj, form, change):
        obj.source = Source.ADMIN  # so that ``sync_holidays`` never overwrites an administrator's row
        super().save_model(request, obj, form, change)


@admin.register(LocalHoliday)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "month", "day", "days", "first_year", "last_year", "is_active")
    list_filter = ("is_active", "jurisdiction")
    list_select_related = ("jurisdiction",)
