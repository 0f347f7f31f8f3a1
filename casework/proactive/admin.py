from django.contrib import admin

from casework.proactive.models import (
    Campaign,
    ChecklistItem,
    DrawRule,
    Grid,
    GridEmployer,
    InspectorRegistryEntry,
)


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "is_active")
    list_filter = ("jurisdiction", "is_active")
    filter_horizontal = ("inspectors",)


@admin.register(GridEmployer)
class GridEmployerAdmin(admin.ModelAdmin):
    """The employer registry: an address match corrected by hand here."""

    list_display = ("employer", "grid", "size", "matched_by", "in_draw_pool")
    list_filter = ("grid__jurisdiction", "size", "in_draw_pool")
    raw_id_fields = ("employer",)
    search_fields = ("employer__name",)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "legal_basis", "is_active", "sort_order")


@admin.register(DrawRule)
class DrawRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "enabled", "days", "source")


@admin.register(InspectorRegistryEntry)
class InspectorRegistryEntryAdmin(admin.ModelAdmin):
    list_display = ("user", "certificate_number", "active")
    raw_id_fields = ("user",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "jurisdiction", "starts_on", "ends_on")
    raw_id_fields = ("targets",)
