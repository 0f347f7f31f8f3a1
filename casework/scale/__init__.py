"""The benchmark dataset of ``manage.py seed_scale`` (docs/performance.md, *Method → Data*), for every registered
case type that gives a ``ScaleSeed`` (``casework.kernel.scale``):

* ``tables`` — rows as tuples with ids handed out here, written with ``COPY`` (PostgreSQL) or ``executemany``;
* ``people`` — staff per county in the role groups, the reused pool of parties;
* ``cases`` — the cases of each type with their assignees, hash-chained log, deadlines and past alerts;
* ``bulk`` — dropping and rebuilding indexes for a large load, pausing the statistics triggers, ``--reset``.
"""

MARK = "规模测试"  # name prefix of generated parties
ACTOR = "seed_scale"  # actor_name of generated log entries
USER_PREFIX = "scale_"  # username prefix of generated staff
