"""Deploy checks (``manage.py check --deploy``, docs/security.md item 10): with DEBUG off, each of these is an
Error, so a production start-up script that runs the check refuses a configuration that would leak one-time
codes into the log, count rate limits per process, leave the audit chain without its key or let a privileged
account in on a password alone."""

from django.conf import settings
from django.core.checks import Error, Tags, register

LOGGING_SMS_BACKEND = "casework.sms.LoggingSMSBackend"


@register(Tags.security, deploy=True)
def production_settings(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    if settings.SMS_BACKEND == LOGGING_SMS_BACKEND:
        errors.append(
            Error(
                "SMS_BACKEND is the logging backend: one-time codes would be written to the log and never sent.",
                hint="Set the SMS_BACKEND environment variable to the SMS gateway's backend class.",
                id="casework.E101",
            )
        )
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if "redis" not in backend.lower():
        errors.append(
            Error(
                f"The cache is {backend or 'not configured'}, not Redis: rate limits, lockouts and the lookup "
                "log buffer would not be shared between the web server's processes and nodes.",
                hint="Set CACHE_URL=redis://host:6379/<db>.",
                id="casework.E102",
            )
        )
    if not getattr(settings, "AUDIT_HMAC_KEY", ""):
        errors.append(
            Error(
                "AUDIT_HMAC_KEY is not set: the case logs' hash chain would carry no secret, and whoever can "
                "write the database could rewrite it undetected.",
                hint="Set the AUDIT_HMAC_KEY environment variable (a long random value kept outside the database).",
                id="casework.E103",
            )
        )
    if not (
        getattr(settings, "SECOND_FACTOR_REQUIRED", False)
        or getattr(settings, "SECOND_FACTOR_FOR_ALL_STAFF", False)
    ):
        errors.append(
            Error(
                "The second factor is not required for administrators and privileged roles.",
                hint="Unset SECOND_FACTOR_REQUIRED (it defaults to on when DEBUG is off) or set it to 1.",
                id="casework.E104",
            )
        )
    return errors
