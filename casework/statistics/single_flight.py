"""Single-flight recomputation: what the statistics still compute on demand (the year-end projection) is
computed by one web node at a time; the others wait briefly for its value or serve the previous one.

``single_flight(name, version, compute)`` keeps ``(version, value)`` in the cache under ``name``. A caller
finding the current version returns it. Otherwise it takes the lock ``name:version`` with the cache's atomic
``add`` — in Redis (``CACHE_URL``) a ``SET NX`` with a timeout, shared by every node, so a node that dies
holding it frees it after ``LOCK_TIMEOUT`` — computes, stores, and releases it (only if still its own).
A caller that finds the lock taken polls the cache for up to ``wait`` seconds; if the value has not come by
then it serves the previous version's value when there is one (figures at most one change old, for at most
``FRESH_FOR``), else computes itself. Threads of one process also queue on a process lock, so with the
local-memory or file cache of a single machine it degrades to a process lock.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid

from django.core.cache import cache

FRESH_FOR = 300  # seconds a value is kept; a newer version replaces it at once
LOCK_TIMEOUT = 30  # seconds: the longest a computation may hold the lock
POLL = 0.025

_locks_guard = threading.Lock()
_process_locks: dict[str, threading.Lock] = {}


def _process_lock(key: str) -> threading.Lock:
    with _locks_guard:
        lock = _process_locks.get(key)
        if lock is None:
            if len(_process_locks) > 1000:
                _process_locks.clear()
            lock = _process_locks[key] = threading.Lock()
        return lock


def cache_key(*parts) -> str:
    return "single-flight:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def single_flight(name: str, version, compute, *, wait: float = 5.0, fresh_for: int = FRESH_FOR):
    """The value of ``compute()`` for ``version``, computed by one caller at a time across processes."""
    hit = cache.get(name)
    if hit is not None and hit[0] == version:
        return hit[1]
    lock_key = f"{name}:lock:{hashlib.sha256(repr(version).encode()).hexdigest()[:16]}"
    with _process_lock(lock_key):
        hit = cache.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        token = uuid.uuid4().hex
        if cache.add(lock_key, token, LOCK_TIMEOUT):
            try:
                value = compute()
                cache.set(name, (version, value), fresh_for)
                return value
            finally:
                if cache.get(lock_key) == token:
                    cache.delete(lock_key)
        # another node is computing it: wait for its value, or serve the previous one
        previous = hit
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(POLL)
            hit = cache.get(name)
            if hit is not None and hit[0] == version:
                return hit[1]
            if cache.get(lock_key) is None:
                break  # it gave up (or finished without storing): compute here
        if previous is not None and cache.get(lock_key) is not None:
            return previous[1]
        return compute()
