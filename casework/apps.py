from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件基础与劳动保障监察")

    def ready(self):
        from django.db.models.signals import post_migrate

        # "my work" sections, in the order they appear: unread deadline alerts first, then complaints.
        from . import roles, work_alerts, work_sections  # noqa: F401
        from .calendar import setup as calendar_setup
        from .demo import register_seeder
        from .demo_alerts import seed_alert_demo
        from .demo_complaints import seed_complaints
        from .demo_parties import seed_parties
        from .public import complaint_type
        from .public.demo import seed_green_channel
        from .selectors.visibility import connect_access_signals
        from .statistics import setup as statistics_setup

        post_migrate.connect(roles.sync_role_groups, dispatch_uid="casework.sync_role_groups")
        calendar_setup.register()
        complaint_type.register()  # complaints can be looked up on the public green channel

        from .inspection import case_type

        case_type.register()
        for seeder in (seed_parties, seed_complaints, seed_alert_demo, seed_green_channel):
            register_seeder(seeder)
        statistics_setup.register()
        connect_access_signals()  # a grant refreshes the grantee's cached access (selectors/visibility.py)
