from django.contrib import admin

from casework.clues.models import ReplyOutcome


@admin.register(ReplyOutcome)
class ReplyOutcomeAdmin(admin.ModelAdmin):
    """The configurable list of handling conclusions (核处结论) and their reply templates."""

    list_display = ("label", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")
    search_fields = ("label", "code")
