"""Admin for deadline alerts and notifications (read-only history) and staff alert preferences."""

from django.contrib import admin

from casework.models import DeadlineAlert, Notification, NotificationPreference


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeadlineAlert)
class DeadlineAlertAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "level", "due_on", "raised_on", "created_at")
    list_filter = ("level", "raised_on")
    search_fields = ("case_number",)
    date_hierarchy = "raised_on"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("title", "recipient", "kind", "level", "created_at", "read_at", "dispatched_at")
    list_filter = ("kind", "level", "dispatched_at")
    search_fields = ("title", "recipient__username", "recipient__full_name")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email_enabled", "digest_enabled", "sms_enabled")
    search_fields = ("user__username", "user__full_name")
    autocomplete_fields = ("user",)
