from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件基础与劳动保障监察")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles
        from .demo import register_seeder
        from .demo_alerts import seed_alert_demo
        from .demo_parties import seed_parties

        post_migrate.connect(roles.sync_role_groups, dispatch_uid="casework.sync_role_groups")
        register_seeder(seed_parties)
        register_seeder(seed_alert_demo)
        from . import (
            work_alerts,  # noqa: F401  (unread deadline alerts first on "my work")
            work_sections,  # noqa: F401  (registers the "my work" sections and demo data)
        )
        from .calendar import setup as calendar_setup

        calendar_setup.register()
