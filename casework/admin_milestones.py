"""Admin for milestone SMS to workers: the texts (editable, checked to format) and the send log (read-only,
every number masked — casework/masking.py)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casework.admin_notifications import ReadOnlyAdmin
from casework.models import MilestoneMessage, MilestoneText
from casework.services.notify_public import MILESTONE_TEXT

SAMPLE = {"number": "湘西人社监〔2026〕1号", "noun": "投诉", "amount": "1000.00"}


class MilestoneTextForm(forms.ModelForm):
    class Meta:
        model = MilestoneText
        fields = ("code", "text")

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            text.format(**SAMPLE)
        except (KeyError, IndexError, ValueError, AttributeError):
            raise forms.ValidationError(
                _(
                    "短信内容只能使用占位符 {number}（案件编号）、{noun}（投诉/申请）、{amount}（金额），花括号要成对。"
                )
            ) from None
        return text


@admin.register(MilestoneText)
class MilestoneTextAdmin(admin.ModelAdmin):
    form = MilestoneTextForm
    list_display = ("code", "text", "default_text", "updated_at")
    search_fields = ("code", "text")

    @admin.display(description=_("默认内容"))
    def default_text(self, obj):
        return MILESTONE_TEXT.get(obj.code, "")


@admin.register(MilestoneMessage)
class MilestoneMessageAdmin(ReadOnlyAdmin):
    list_display = (
        "case_number",
        "milestone",
        "person_name",
        "phone_masked",
        "state",
        "attempts",
        "created_at",
        "sent_at",
        "gateway_reference",
    )
    list_filter = ("state", "milestone")
    search_fields = ("case_number",)
    list_select_related = ("person",)
    date_hierarchy = "created_at"
    fields = (
        "case_number",
        "milestone",
        "occurrence",
        "person_name",
        "phone_masked",
        "text",
        "state",
        "attempts",
        "last_error",
        "gateway_reference",
        "created_at",
        "claimed_at",
        "sent_at",
    )
    readonly_fields = fields

    @admin.display(description=_("收件人"))
    def person_name(self, obj):
        return obj.person.name

    @admin.display(description=_("手机号码"))
    def phone_masked(self, obj):
        return obj.phone_masked
