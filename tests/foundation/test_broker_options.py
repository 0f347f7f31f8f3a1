"""A killed worker's message comes back soon after the visibility timeout, not a kombu default later."""

import pytest
from kombu.transport.redis import Channel

from config.broker import redis_transport_options


@pytest.mark.parametrize("timeout", [5, 60, 600, 3600, 86400])
def test_workers_look_for_expired_messages_within_a_tenth_of_the_timeout(timeout):
    options = redis_transport_options(timeout)
    assert options["visibility_timeout"] == timeout
    # every restore_visible call scans (no throttle); the calls come every interval seconds
    scan_every = options["unacked_restore_interval"] * options["unacked_restore_throttle"]
    assert 1 <= scan_every <= max(1, timeout / 10) and scan_every <= 10
    # a worker killed holding the scan lock stops other workers' scans no longer than the timeout
    assert options["unacked_mutex_expire"] <= max(5, timeout)


def test_the_installed_kombu_reads_every_option():
    # Older kombu ignores unknown transport options: the scan would silently fall back to every ~100 s.
    assert set(redis_transport_options()) <= set(Channel.from_transport_options)
