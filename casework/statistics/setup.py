"""Registers the statistics menu entry and the figures' cache triggers (from CaseworkConfig.ready).

Suggested ``sort_order`` for the other series (the dashboard's order): arbitration 10, mediation 20,
complaint 30, arrears 40.
"""

from django.utils.translation import gettext_lazy as _

NAV_ENTRY = (_("统计分析"), "stats-dashboard", "casework.view_statistics")


def register():
    from django.db.models.signals import post_migrate

    from casework.context_processors import NAV_ITEMS

    from . import rollup, tasks  # noqa: F401  (tasks: the projection refresh, registered with Celery)
    from .versions import install_triggers

    # the data-version triggers behind the figures' cache, on each counted table once it exists
    post_migrate.connect(install_triggers, dispatch_uid="casework.statistics.install_triggers")
    # the monthly roll-up's guard trigger, and the roll-up itself where none is built yet (rollup.prepare)
    post_migrate.connect(rollup.prepare, dispatch_uid="casework.statistics.rollup")
    if NAV_ENTRY not in NAV_ITEMS:
        NAV_ITEMS.append(NAV_ENTRY)
