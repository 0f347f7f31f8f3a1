from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件基础")

    def ready(self):
        from django.db.models.signals import post_migrate

        # "my work" sections, in the order they appear: unread deadline alerts first, then each case type's.
        from . import roles, signin, work_alerts  # noqa: F401
        from .calendar import setup as calendar_setup
        from .demo import register_seeder
        from .demo_parties import seed_parties
        from .selectors.visibility import connect_access_signals
        from .statistics import setup as statistics_setup

        post_migrate.connect(roles.sync_role_groups, dispatch_uid="casework.sync_role_groups")
        from casework.kernel.search_index import fill_empty

        post_migrate.connect(fill_empty, sender=self, dispatch_uid="casework.search_index.fill_empty")
        calendar_setup.register()
        register_seeder(seed_parties)
        statistics_setup.register()
        connect_access_signals()  # a grant refreshes the grantee's cached access (selectors/visibility.py)

        from .public.progress_store import refresh_after_change
        from .services.audit import on_case_logged

        on_case_logged(refresh_after_change)  # the green channel's progress record, after each change commits

        from .api.messages import quiet_default_messages

        quiet_default_messages()  # API errors never echo the value sent

        from . import checks  # noqa: F401  (deploy checks: casework/checks.py)
