"""Library default messages the API must not use."""


def quiet_default_messages() -> None:
    """DRF's choice and relation messages quote the value sent (``“['1', None]” 不是合法选项``): anything a
    client sent, repr'd. Every API field says what is wrong without echoing it (from ``CaseworkConfig.ready``)."""
    from django.utils.translation import gettext_lazy as _
    from rest_framework import serializers

    quiet = {
        serializers.ChoiceField: {"invalid_choice": _("请从可选项中选择")},
        serializers.MultipleChoiceField: {
            "invalid_choice": _("请从可选项中选择"),
            "not_a_list": _("请以列表的形式提供"),
        },
        serializers.PrimaryKeyRelatedField: {
            "does_not_exist": _("记录不存在或无权使用"),
            "incorrect_type": _("请以编号指定"),
        },
        serializers.SlugRelatedField: {
            "does_not_exist": _("记录不存在或无权使用"),
            "invalid": _("格式不正确"),
        },
    }
    for field_class, messages in quiet.items():
        field_class.default_error_messages = {**field_class.default_error_messages, **messages}
