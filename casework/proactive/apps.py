from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProactiveConfig(AppConfig):
    """Proactive enforcement (主动监察): grids of employers (两网化), routine and special inspections as a case
    type, campaigns, and the 双随机、一公开 draws anyone can replay."""

    name = "casework.proactive"
    label = "proactive"
    verbose_name = _("主动监察")

    def ready(self):
        from casework.kernel.handlers import register_default_handlers, register_employer_watchers

        from .case_type import register
        from .services.grids import grid_inspectors_for, grid_inspectors_of

        register()
        register_default_handlers(grid_inspectors_for)  # new complaint/arrears cases → the grid's inspectors
        register_employer_watchers(grid_inspectors_of)  # warnings about its employers → the grid's inspectors
