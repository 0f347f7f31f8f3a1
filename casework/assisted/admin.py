from django.contrib import admin

from .models import AssistedFiling, Helper


@admin.register(Helper)
class HelperAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "kind", "jurisdiction", "is_active")
    list_filter = ("kind", "jurisdiction", "is_active")
    search_fields = ("user__username", "user__full_name", "unit")
    raw_id_fields = ("user",)


@admin.register(AssistedFiling)
class AssistedFilingAdmin(admin.ModelAdmin):
    """Read-only: a filing is recorded by the system when the worker consents."""

    list_display = ("case_number", "helper_name", "helper_unit", "consent", "filed_at")
    list_filter = ("helper_kind", "consent")
    search_fields = ("case_number", "helper_name", "helper_unit")
    list_select_related = ("helper",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
