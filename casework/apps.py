from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件基础与劳动保障监察")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles, work_sections  # noqa: F401  (work_sections registers the "my work" sections)
        from .calendar import setup as calendar_setup
        from .demo import register_seeder
        from .demo_complaints import seed_complaints
        from .demo_parties import seed_parties
        from .statistics import setup as statistics_setup

        post_migrate.connect(roles.sync_role_groups, dispatch_uid="casework.sync_role_groups")
        register_seeder(seed_parties)
        register_seeder(seed_complaints)
        calendar_setup.register()
        statistics_setup.register()
