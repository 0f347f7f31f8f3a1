"""Fixed-window rate limits on the public pages, counted in the Django cache.

Production sets ``CACHE_URL=redis://…``: the counts are shared by every web node, and all the counters of one
request are counted in one script call (``hit_all``). The default file cache (a single demo machine) and the
tests' local-memory cache take the generic ``add``/``incr`` path, with the same results. Limits are
``(requests, seconds)`` pairs in ``settings.GREEN_RATE_LIMITS``; the defaults below apply where a name is missing.

Keys carry only keyed hashes (of the IP address, the case number, the phone), never the values.
"""

import hashlib
import hmac
import time
import weakref
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "lookup_ip": (10, 600),  # lookups (either way) from one IP address per 10 minutes
    "lookup_case": (5, 3600),  # lookups of one case number per hour
    "code_ip": (5, 3600),  # SMS code requests from one IP address per hour
    "code_phone": (1, 60),  # one code per phone number per minute
    "code_phone_day": (10, 86400),  # codes per phone number per day (GREEN_CODES_PER_PHONE_DAY)
    "code_ip_day": (20, 86400),  # code requests from one IP address per day (GREEN_CODES_PER_IP_DAY)
    "submit_ip": (10, 3600),  # complaints/applications from one IP address per hour
    "eservice_ip": (10, 600),  # ID checks on electronic-service links from one IP address per 10 minutes
    "eservice_link": (5, 3600),  # ID checks on one electronic-service link per hour
    "assisted_code_phone": (1, 60),  # assisted filing: one consent code per worker's phone per minute
    "assisted_code_phone_day": (5, 86400),  # consent codes per worker's phone per day
    "assisted_code_helper": (30, 3600),  # consent codes one helper sends per hour
    # claimant-page changes (已收到, evidence, messages, withdrawal): per IP per 10 minutes, per person and case
    # per hour
    "claimant_ip": (30, 600),
    "claimant_case": (20, 3600),
}


def limit_for(name: str) -> tuple[int, int]:
    configured = getattr(settings, "GREEN_RATE_LIMITS", {}) or {}
    requests, seconds = configured.get(name, DEFAULT_LIMITS[name])
    return int(requests), int(seconds)


def keyed_hash(value: str, purpose: str, length: int = 64) -> str:
    """HMAC-SHA256 of ``value`` with the secret key: equal inputs match, the input cannot be read back."""
    key = f"{settings.SECRET_KEY}:casework.public:{purpose}".encode()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def now() -> float:
    return time.time()


@dataclass
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def hit(name: str, subject: str) -> Verdict:
    """Count one request by ``subject`` against limit ``name``; refuse it once the limit is passed."""
    return hit_all([(name, subject)])


def hit_all(checks: list[tuple[str, str]], *, append: tuple[str, str, str, int] | None = None) -> Verdict:
    """Count one request against several ``(limit name, subject)`` limits in order, stopping at the first
    one passed (the later ones are not counted): the refusal of that one, or allowed.

    ``append`` (Redis only, see ``redis_backend``): ``(list key, value if allowed, value if refused, max
    length)`` — in the same script call, append the value to the list, keeping its newest ``max length`` items
    (``casework.public.lookup_log``)."""
    moment = now()
    plans = []
    for name, subject in checks:
        requests, seconds = limit_for(name)
        window = int(moment // seconds)
        key = f"green:rl:{name}:{keyed_hash(subject, 'ratelimit', 32)}:{window}"
        plans.append((key, requests, seconds, max(1, int((window + 1) * seconds - moment))))
    backend = redis_backend()
    if backend is not None:
        refused = _count_on_redis(backend, plans, append)
    elif append is not None:
        raise ValueError("append needs the Redis cache")
    else:
        refused = _count(plans)
    if refused:
        return Verdict(allowed=False, retry_after=plans[refused - 1][3])
    return Verdict(allowed=True, retry_after=plans[-1][3])


def _count(plans) -> int:
    """Any cache: ``add`` then ``incr`` per counter (atomic on Redis and locmem; file cache: best effort).
    The 1-based index of the first limit passed, or 0."""
    for index, (key, requests, seconds, _retry) in enumerate(plans, start=1):
        cache.add(key, 0, timeout=seconds + 5)  # a no-op when the key exists
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=seconds + 5)
            count = 1
        if count > requests:
            return index
    return 0


# All the counters of one request in one round trip, atomically: INCR each, give a new one its expiry, stop
# at the first limit passed; then, if asked, append a value to a list (which one: allowed or refused) and trim
# the list to its newest items. Returns the 1-based index of the limit passed, or 0.
_REDIS_SCRIPT = """
local refused = 0
for i = 1, tonumber(ARGV[1]) do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('EXPIRE', KEYS[i], ARGV[2 * i + 1]) end
  if count > tonumber(ARGV[2 * i]) then
    refused = i
    break
  end
end
local list = KEYS[tonumber(ARGV[1]) + 1]
if list then
  local at = 2 * tonumber(ARGV[1]) + 2
  redis.call('RPUSH', list, refused > 0 and ARGV[at + 1] or ARGV[at])
  redis.call('LTRIM', list, -tonumber(ARGV[at + 2]), -1)
end
return refused
"""


def redis_backend():
    """The default cache if it is Django's Redis cache (``CACHE_URL=redis://…``), else None."""
    backend = caches["default"]
    return backend if isinstance(backend, RedisCache) else None


def _count_on_redis(backend, plans, append) -> int:
    """One script call instead of three round trips per counter (``add``, then ``incr``, which checks the key
    exists first), sent by its digest (EVALSHA) once Redis knows it."""
    keys = [backend.make_key(key) for key, *_rest in plans]  # hex digests: nothing to validate
    args = [len(plans)] + [
        value for _key, requests, seconds, _retry in plans for value in (requests, seconds + 5)
    ]
    if append is not None:
        list_key, if_allowed, if_refused, max_length = append
        keys.append(backend.make_key(list_key))
        args += [if_allowed, if_refused, max_length]
    return int(_redis(backend)[1](keys=keys, args=args))


_REDIS_CLIENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _redis(backend):
    """The backend's writable ``redis.Redis`` and the script registered on it, made once: Django builds a new
    client for every cache call, and its construction (about 170 response callbacks) costs more CPU than the
    call itself."""
    connections = backend._cache
    made = _REDIS_CLIENTS.get(connections)
    if made is None:
        client = connections.get_client(write=True)
        made = _REDIS_CLIENTS[connections] = (client, client.register_script(_REDIS_SCRIPT))
    return made


def redis_client(backend):
    return _redis(backend)[0]
