from django.contrib import admin

from casework.models import PublicLookupLog


@admin.register(PublicLookupLog)
class PublicLookupLogAdmin(admin.ModelAdmin):
    """Read-only: who looked up what on the green channel (IP prefix only; never ID fragments or phones)."""

    list_display = ("at", "method", "outcome", "case_number_tried", "ip_prefix", "ip_hash", "cases_found")
    list_filter = ("method", "outcome")
    search_fields = ("=case_number_tried", "=ip_hash", "ip_prefix")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
