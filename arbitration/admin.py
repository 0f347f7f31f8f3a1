from django.contrib import admin

from arbitration.models import ArbitrationSettings, MinimumWage


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """Effective-dated monthly minimum wages per jurisdiction: the final-award threshold is 12 × these."""

    list_display = ("jurisdiction", "effective_from", "monthly_amount", "tier", "confirmed", "source")
    list_filter = ("jurisdiction", "confirmed", "tier")
    list_select_related = ("jurisdiction",)
    date_hierarchy = "effective_from"


@admin.register(ArbitrationSettings)
class ArbitrationSettingsAdmin(admin.ModelAdmin):
    """One row: the green channel's internal targets."""

    list_display = ("__str__", "green_accept_working_days", "green_close_days", "green_mediation_days")

    def has_add_permission(self, request):
        return not ArbitrationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
