from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from casework import admin_milestones  # noqa: F401 — registers the milestone SMS admin
from casework.admin_notifications import ReadOnlyAdmin
from casework.admin_write_matrix import install as install_write_matrix
from casework.models import Employer, Jurisdiction, Person, UnmaskedView, User
from casework.selectors.parties import search_persons


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "short_name", "document_prefix", "level", "phone", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "code")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "job_title", "certificate_no", "is_active", "is_staff")
    list_filter = ("groups", "jurisdictions", "is_active")
    search_fields = ("username", "full_name")
    filter_horizontal = ("groups", "user_permissions", "jurisdictions")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("岗位"),
            {"fields": ("full_name", "job_title", "office_phone", "certificate_no", "jurisdictions")},
        ),
    )
    actions = ["unlock_sign_in", "end_all_sessions"]

    @admin.action(description=_("解除登录锁定（清除失败登录计数）"), permissions=["change"])
    def unlock_sign_in(self, request, queryset):
        from axes.utils import reset

        cleared = sum(reset(username=user.get_username()) for user in queryset)
        self.message_user(
            request,
            _("已解除 %(n)d 个账号的登录锁定（清除 %(c)d 条失败记录）。")
            % {"n": queryset.count(), "c": cleared},
        )

    @admin.action(description=_("在所有设备上退出登录（作废会话与 API 令牌）"), permissions=["change"])
    def end_all_sessions(self, request, queryset):
        from casework.signin import sign_out_everywhere

        for user in queryset:
            sign_out_everywhere(user)
        self.message_user(request, _("已结束 %(n)d 个账号的全部登录会话。") % {"n": queryset.count()})


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "legal_representative", "jurisdiction", "industry")
    list_filter = ("jurisdiction", "industry")
    search_fields = ("name", "=credit_code", "legal_representative")
    list_select_related = ("jurisdiction",)
    readonly_fields = ("created_by", "created_at", "updated_at")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Personal data stays masked here too: full values only through the logged reveal on the staff pages."""

    list_display = ("name", "id_number_masked", "phone_masked", "jurisdiction", "is_migrant_worker")
    list_filter = ("jurisdiction", "is_migrant_worker")
    list_select_related = ("jurisdiction",)
    search_fields = ("name",)
    fields = (
        "name",
        "id_number_masked",
        "phone_masked",
        "address_masked",
        "hometown",
        "is_migrant_worker",
        "jurisdiction",
        "created_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "id_number_masked",
        "phone_masked",
        "address_masked",
        "created_by",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("身份证号码"))
    def id_number_masked(self, obj):
        return obj.id_number_masked

    @admin.display(description=_("手机号码"))
    def phone_masked(self, obj):
        return obj.phone_masked

    @admin.display(description=_("现住址"))
    def address_masked(self, obj):
        return obj.address_masked

    def get_search_results(self, request, queryset, search_term):
        # Name contains, or an exact ID number / mobile number: the same rule as the staff pages.
        return search_persons(queryset, search_term), False

    def has_add_permission(self, request):
        return False  # register persons on the staff pages, which take the ID number


@admin.register(UnmaskedView)
class UnmaskedViewAdmin(ReadOnlyAdmin):
    """The log of full-value views: read only."""

    list_display = ("viewed_at", "user", "content_type", "object_id", "field_name", "purpose", "path")
    list_filter = ("field_name", "content_type")
    list_select_related = ("user", "content_type")
    date_hierarchy = "viewed_at"


admin.site.site_header = _("湘西州劳动保障案件管理系统")
admin.site.site_title = _("系统管理")
install_write_matrix()  # 系统管理 → 写操作权限

from casework.calendar import admin as _calendar_admin  # noqa: E402,F401  registers the calendar's admin
from casework.documents import admin as _documents_admin  # noqa: E402, F401  (issued documents, service)
from casework.public import admin as _public_admin  # noqa: E402, F401  (green-channel lookup log)
