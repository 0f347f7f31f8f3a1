from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TypicalConfig(AppConfig):
    name = "casework.typical"
    label = "typical"
    verbose_name = _("典型案例")

    def ready(self):
        from casework.demo import register_seeder

        from .demo import seed_typical_case

        register_seeder(seed_typical_case)
