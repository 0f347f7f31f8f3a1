from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrearsConfig(AppConfig):
    name = "arrears"
    verbose_name = _("农民工欠薪案件")

    def ready(self):

        from casework.context_processors import NAV_ITEMS
        from casework.demo import register_seeder

        from . import work_sections  # noqa: F401  (registers the "my work" sections)
        from .demo import seed_arrears
        from .selectors.parties import register_parties

        for item in (
            (_("欠薪案件"), "arrears:case-list", "arrears.view_arrearscase"),
            (_("工程项目"), "arrears:project-list", "arrears.view_constructionproject"),
            (_("欠薪风险"), "arrears:risk", "arrears.view_arrearscase"),
            (_("失信名单"), "arrears:blacklist-list", "arrears.view_blacklistentry"),
        ):
            if item not in NAV_ITEMS:
                NAV_ITEMS.append(item)
        register_seeder(seed_arrears)

        from arrears import case_type

        case_type.register()
        register_parties()

        from arrears import statistics

        statistics.register()  # the arrears series of the settlement statistics

        from arrears import public

        public.register()  # workers look up their case and recovered amount on the green channel
