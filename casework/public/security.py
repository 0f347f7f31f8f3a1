"""Request hygiene for the public pages: the client's IP address, response headers, Chinese always."""

import functools
import ipaddress
from functools import wraps

from django.conf import settings
from django.utils import translation
from django.views.decorators.csrf import csrf_protect

from casework.public.ratelimit import keyed_hash

# No script anywhere on the public pages: they work on any phone browser, and nothing can be injected.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def client_ip(request) -> str:
    """The client's address. Behind a reverse proxy set ``GREEN_TRUSTED_PROXIES`` to the number of
    proxies in front of Django; their ``X-Forwarded-For`` entries are then trusted, nothing more."""
    depth = int(getattr(settings, "GREEN_TRUSTED_PROXIES", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    if depth <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    chain = forwarded + [remote]
    return chain[-(depth + 1)] if len(chain) > depth else chain[0]


@functools.lru_cache(maxsize=4096)  # the same addresses come back (a pure function of ``ip``)
def ip_prefix(ip: str) -> str:
    """``203.0.113.57`` → ``203.0.113.0``; IPv6 keeps its first 48 bits. Enough to see a pattern, not a person."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def ip_hash(ip: str) -> str:
    return keyed_hash(ip, "ip", 16)


def public_page(view):
    """Wrap a public view: CSRF protected, always Simplified Chinese, never cached, no referrer leaks."""

    @csrf_protect
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("zh-hans"):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["Content-Language"] = "zh-Hans"
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        response["Referrer-Policy"] = "same-origin"
        response["X-Content-Type-Options"] = "nosniff"
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    return wrapper
