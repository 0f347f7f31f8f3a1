"""Celery broker transport options for Redis (imported by config/settings.py, no Django needed).

With ``acks_late`` a task's message stays in Redis' ``unacked`` hash until the task returns; when a worker dies
(SIGKILL, OOM, a lost machine) nobody acknowledges it, and kombu hands it back to the queue once it is older than
``visibility_timeout`` — but only when a live worker *scans* for such messages (``QoS.restore_visible``). kombu
scans once when a worker starts and then every ``unacked_restore_interval`` seconds, doing the real scan only on
every ``unacked_restore_throttle``-th call: by default 10 s × 10 = about 100 s whatever the timeout (kombu pull
request 2558). A worker that (re)starts before the dead worker's timeout has run out therefore leaves the message
in the hash for up to 100 s more. The options below scan on every call, every tenth of the timeout (1 to 10 s),
so a dead worker's message comes back within ``visibility_timeout`` plus at most a tenth of it. A worker killed
while it holds the scan's lock (``unacked_mutex``, 5 minutes by default) would stop every other worker's scan
until the lock expires: the lock lasts no longer than the timeout (a double restore is prevented anyway, by the
transaction in ``QoS.restore_by_tag``).
"""

DEFAULT_VISIBILITY_TIMEOUT = 3600  # seconds; longer than any task runs, or a running task would be run twice


def redis_transport_options(visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT) -> dict:
    """Options for ``CELERY_BROKER_TRANSPORT_OPTIONS`` on a Redis broker (kombu >= 5.7 reads all of them)."""
    return {
        "visibility_timeout": visibility_timeout,
        "unacked_restore_interval": max(1, min(10, visibility_timeout // 10)),
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": min(300, max(5, visibility_timeout)),
    }
