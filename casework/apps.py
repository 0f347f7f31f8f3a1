from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("案件基础与劳动保障监察")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        post_migrate.connect(roles.sync_role_groups, dispatch_uid="casework.sync_role_groups")

        from .calendar import setup as calendar_setup

        calendar_setup.register()
