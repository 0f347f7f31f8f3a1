from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from arrears.models import (
    ArrearsCase,
    BlacklistEntry,
    ConstructionProject,
    CrimeThreshold,
    ProjectSubcontractor,
    WarningRule,
)
from casework.admin_notifications import ReadOnlyAdmin


@admin.register(CrimeThreshold)
class CrimeThresholdAdmin(admin.ModelAdmin):
    """The provincial figures (法释〔2013〕3号 Art 3): add a row with a later 施行日期 when they change."""

    list_display = (
        "province",
        "effective_from",
        "per_worker_amount",
        "min_months",
        "total_amount",
        "min_workers",
        "confirmed",
    )
    list_filter = ("province", "confirmed")
    readonly_fields = ("updated_at",)


@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    """The wage-payment warning rules (arrears.monitoring.rules): level, thresholds, article, on/off."""

    list_display = ("name", "code", "level", "params", "article", "enabled", "sort_order")
    list_editable = ("level", "enabled")
    list_filter = ("level", "enabled")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        return False  # a rule is only as good as its check in code; new codes come with a migration

    def has_delete_permission(self, request, obj=None):
        return False


class SubcontractorInline(admin.TabularInline):
    model = ProjectSubcontractor
    extra = 0
    raw_id_fields = ("employer",)


@admin.register(ConstructionProject)
class ConstructionProjectAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "jurisdiction",
        "main_contractor",
        "subcontractor",
        "account_masked",
        "rights_notice_board",
    )
    list_filter = ("jurisdiction", "rights_notice_board")
    list_select_related = ("jurisdiction", "main_contractor", "subcontractor")
    search_fields = ("name", "location")
    exclude = ("wage_account_number",)
    readonly_fields = ("account_masked", "created_by", "created_at", "updated_at")
    raw_id_fields = ("developer", "main_contractor", "subcontractor")
    filter_horizontal = ("inspectors",)
    inlines = [SubcontractorInline]

    @admin.display(description=_("工资专用账户账号"))
    def account_masked(self, obj):
        return obj.wage_account_number_masked


class ReadOnlyCaseAdmin(ReadOnlyAdmin):
    """Cases change only through their services (which lock, check and log); the admin only shows them."""


@admin.register(ArrearsCase)
class ArrearsCaseAdmin(ReadOnlyCaseAdmin):
    list_display = (
        "number",
        "employer",
        "state",
        "worker_count",
        "total_owed",
        "total_recovered",
        "green_channel",
    )
    list_filter = ("jurisdiction", "state", "green_channel", "police_status")
    list_select_related = ("employer",)
    search_fields = ("number", "employer__name")


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(ReadOnlyCaseAdmin):
    list_display = ("number", "employer", "state", "listed_on", "listed_until")
    list_filter = ("jurisdiction", "state")
    list_select_related = ("employer",)
    search_fields = ("number", "employer__name")
