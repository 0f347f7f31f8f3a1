"""Issued documents and their service in the admin: read-only (they change only through the kernel's actions,
which log them); the 文号 series' counters are shown for reference."""

from django.contrib import admin

from casework.models import DocumentSequence, IssuedDocument, Service


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnly):
    list_display = ("number", "title", "case_number", "issued_on", "issued_by")
    list_filter = ("jurisdiction", "year")
    search_fields = ("number", "case_number", "title")


@admin.register(Service)
class ServiceAdmin(ReadOnly):
    list_display = ("document", "method", "served_on", "recipient")
    list_filter = ("method",)
    exclude = ("proof",)


@admin.register(DocumentSequence)
class DocumentSequenceAdmin(ReadOnly):
    list_display = ("kind", "jurisdiction", "year", "last_value")
