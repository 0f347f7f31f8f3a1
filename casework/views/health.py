"""``GET /healthz``: the database and the broker, each ``ok`` or the error; HTTP 503 if either is down."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.celery import app as celery_app


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # report, never raise
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_broker() -> str:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            _channel = conn.default_channel  # opens a channel: a real round trip on Redis/AMQP
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(value == "ok" for value in checks.values())
    broker_url = celery_app.conf.broker_url or ""
    body = {
        "status": "ok" if healthy else "unavailable",
        **checks,
        "broker_transport": broker_url.split("://", 1)[0],
    }
    return JsonResponse(body, status=200 if healthy else 503)
