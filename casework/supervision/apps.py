from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "casework.supervision"
    label = "supervision"
    verbose_name = _("督办")

    def ready(self):
        from casework.demo import register_seeder

        from .demo import seed_supervision

        register_seeder(seed_supervision)
