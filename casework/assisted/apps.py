from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistedConfig(AppConfig):
    name = "casework.assisted"
    label = "assisted"
    verbose_name = _("代为提交")

    def ready(self):
        from casework.demo import register_seeder

        from .demo import seed_helpers

        register_seeder(seed_helpers)
