"""Tables an administrator keeps: the legal bases findings and decisions cite, and the hearing thresholds."""

from django.contrib import admin

from casework.inspection.procedure_models import HearingThreshold, LegalBasis


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ("citation", "kind", "active", "sort_order")
    list_filter = ("kind", "active")
    search_fields = ("code", "law", "article", "text")


@admin.register(HearingThreshold)
class HearingThresholdAdmin(admin.ModelAdmin):
    """较大数额罚款 (APL 2021 Art 63), effective-dated: the prior notice gives the hearing right from these."""

    list_display = ("party_kind", "amount", "effective_from", "confirmed", "source")
    list_filter = ("party_kind", "confirmed")
