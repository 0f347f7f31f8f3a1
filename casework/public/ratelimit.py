"""Fixed-window rate limits on the public pages, counted in the Django cache.

The default file cache is shared by every process of one web server; with several web nodes set
``CACHE_URL=redis://…`` so that the counts are shared too. Limits are ``(requests, seconds)`` pairs in
``settings.GREEN_RATE_LIMITS``; the defaults below apply where a name is missing.

Keys carry only keyed hashes (of the IP address, the case number, the phone), never the values.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "lookup_ip": (10, 600),  # lookups (either way) from one IP address per 10 minutes
    "lookup_case": (5, 3600),  # lookups of one case number per hour
    "code_ip": (5, 3600),  # SMS code requests from one IP address per hour
    "code_phone": (1, 60),  # one code per phone number per minute
    "submit_ip": (10, 3600),  # complaints/applications from one IP address per hour
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
    requests, seconds = limit_for(name)
    moment = now()
    window = int(moment // seconds)
    key = f"green:rl:{name}:{keyed_hash(subject, 'ratelimit', 32)}:{window}"
    # add() is a no-op when the key exists; incr() is atomic on Redis (file cache: best effort).
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    retry_after = max(1, int((window + 1) * seconds - moment))
    return Verdict(allowed=count <= requests, retry_after=retry_after)
