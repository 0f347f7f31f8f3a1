from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CluesConfig(AppConfig):
    """Wage clues (线索) from every channel: a case type like the others, with its own tables and migrations."""

    name = "casework.clues"
    label = "clues"
    verbose_name = _("欠薪线索")

    def ready(self):
        from .case_type import register

        register()
