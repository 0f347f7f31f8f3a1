from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from arbitration.models import ArbitrationSettings, MinimumWage
from casework.inputs import AHEAD, SMALLINT_MAX, BoundedIntegerField, WindowDateField, YuanField


class MinimumWageForm(forms.ModelForm):
    effective_from = WindowDateField(label=_("起始执行日期"), window=AHEAD)
    monthly_amount = YuanField(label=_("月最低工资标准（元）"), maximum=Decimal("999999.99"))  # the column
    tier = BoundedIntegerField(label=_("档次"), min_value=1, max_value=SMALLINT_MAX, required=False)

    class Meta:
        model = MinimumWage
        fields = ["jurisdiction", "effective_from", "monthly_amount", "tier", "confirmed", "source"]


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """Effective-dated monthly minimum wages per jurisdiction: the final-award threshold is 12 × these."""

    form = MinimumWageForm
    list_display = ("jurisdiction", "effective_from", "monthly_amount", "tier", "confirmed", "source")
    list_filter = ("jurisdiction", "confirmed", "tier")
    list_select_related = ("jurisdiction",)
    date_hierarchy = "effective_from"


class ArbitrationSettingsForm(forms.ModelForm):
    """Internal targets are never longer than the statutory periods they sit beside."""

    green_accept_working_days = BoundedIntegerField(
        label=_("绿色通道受理目标（工作日）"),
        min_value=1,
        max_value=5,  # LDMAL Art 29: 5 working days
    )
    green_close_days = BoundedIntegerField(
        label=_("绿色通道仲裁结案目标（日）"),
        min_value=1,
        max_value=45,  # LDMAL Art 43: 45 days
    )
    green_mediation_days = BoundedIntegerField(
        label=_("绿色通道调解目标（日）"),
        min_value=1,
        max_value=15,  # LDMAL Art 14: 15 days
    )

    class Meta:
        model = ArbitrationSettings
        fields = ["green_accept_working_days", "green_close_days", "green_mediation_days"]


@admin.register(ArbitrationSettings)
class ArbitrationSettingsAdmin(admin.ModelAdmin):
    """One row: the green channel's internal targets."""

    form = ArbitrationSettingsForm
    list_display = ("__str__", "green_accept_working_days", "green_close_days", "green_mediation_days")

    def has_add_permission(self, request):
        return not ArbitrationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
