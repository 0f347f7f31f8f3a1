from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    """Labour-inspection complaints: a case type like the others. Its models keep the ``casework`` app label
    (tables, content types and permission names of the data already recorded are unchanged)."""

    name = "casework.inspection"
    label = "inspection"
    verbose_name = _("劳动保障监察")

    def ready(self):
        from . import work_sections  # noqa: F401  (registers the "my work" section)
        from .case_type import register
        from .employer_record import register as register_record

        register()
        register_record()  # the penalties section of the employer's record
