from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsConfig(AppConfig):
    name = "arrears"
    verbose_name = _("农民工欠薪案件")

    def ready(self):
        from . import work_sections  # noqa: F401  (registers the "my work" sections)
        from .case_type import register
        from .employer_record import register as register_record

        register()  # the arrears case and the blacklist entry, with everything they plug in
        register_record()  # the employer record's projects, arrears, blacklist and warnings sections
