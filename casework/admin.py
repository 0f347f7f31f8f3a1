from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from casework.models import Jurisdiction, User


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "short_name", "level", "phone", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "code")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "job_title", "is_active", "is_staff")
    list_filter = ("groups", "jurisdictions", "is_active")
    search_fields = ("username", "full_name")
    filter_horizontal = ("groups", "user_permissions", "jurisdictions")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("岗位"),
            {"fields": ("full_name", "job_title", "office_phone", "certificate_no", "jurisdictions")},
        ),
    )


admin.site.site_header = _("湘西州劳动保障案件管理系统")
admin.site.site_title = _("系统管理")

from casework.calendar import admin as _calendar_admin  # noqa: E402,F401  registers the calendar's admin
