from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsConfig(AppConfig):
    name = "arrears"
    verbose_name = _("农民工欠薪案件")

    def ready(self):
        from casework.kernel.employer_warnings import register_employer_warnings

        from . import work_sections  # noqa: F401  (registers the "my work" sections)
        from .case_type import register
        from .employer_record import register as register_record
        from .monitoring.selectors import warnings_of_employers

        register()  # the arrears case and the blacklist entry, with everything they plug in
        register_record()  # the employer record's projects, arrears, blacklist and warnings sections
        register_employer_warnings(warnings_of_employers)  # the grid page's construction-site wage warnings
