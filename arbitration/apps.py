from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "arbitration"
    verbose_name = _("劳动争议调解仲裁")

    def ready(self):
        from arbitration import case_type, work_sections  # noqa: F401  (work_sections registers "my work")

        case_type.register()  # both case types, with everything they plug into the kernel
        from arbitration.finality import minimum_wages_on
        from casework.minimum_wages import register_minimum_wage_source

        register_minimum_wage_source(minimum_wages_on)  # the county minimum wages, read by other apps
