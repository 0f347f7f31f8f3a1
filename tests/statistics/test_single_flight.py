"""Single-flight recomputation (casework.statistics.single_flight): one computation at a time for the same
inputs, across threads and — through the cache's atomic ``add`` — across web nodes."""

import threading
import time

from django.core.cache import cache

from casework.statistics import single_flight as sf


def test_threads_asking_at_once_compute_once():
    calls = []
    barrier = threading.Barrier(6)
    results = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return {"rate": 42}

    def ask():
        barrier.wait(timeout=10)
        results.append(sf.single_flight("sf-test-threads", 1, compute))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(calls) == 1
    assert results == [{"rate": 42}] * 6


def test_a_new_version_is_computed_again_and_the_same_one_is_not():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert sf.single_flight("sf-test-version", 1, compute) == 1
    assert sf.single_flight("sf-test-version", 1, compute) == 1
    assert sf.single_flight("sf-test-version", 2, compute) == 2


def _other_node_holds_the_lock(name, version):
    """What another web node does when it starts computing: the lock in the shared cache."""
    lock_key = f"{name}:lock:{sf.hashlib.sha256(repr(version).encode()).hexdigest()[:16]}"
    assert cache.add(lock_key, "other-node", sf.LOCK_TIMEOUT)
    return lock_key


def test_while_another_node_computes_a_node_waits_for_its_value():
    lock_key = _other_node_holds_the_lock("sf-test-wait", 7)

    def other_node_finishes():
        time.sleep(0.3)
        cache.set("sf-test-wait", (7, "from the other node"), 60)
        cache.delete(lock_key)

    threading.Thread(target=other_node_finishes).start()
    started = time.monotonic()
    value = sf.single_flight("sf-test-wait", 7, lambda: "computed here", wait=5)
    assert value == "from the other node"
    assert time.monotonic() - started < 4


def test_a_node_that_waited_long_enough_serves_the_previous_value():
    cache.set("sf-test-stale", (1, "previous figures"), 60)
    _other_node_holds_the_lock("sf-test-stale", 2)
    value = sf.single_flight("sf-test-stale", 2, lambda: "computed here", wait=0.2)
    assert value == "previous figures"


def test_with_nothing_to_serve_it_computes_itself_after_waiting():
    _other_node_holds_the_lock("sf-test-nothing", 1)
    assert sf.single_flight("sf-test-nothing", 1, lambda: "computed here", wait=0.2) == "computed here"
