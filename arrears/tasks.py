"""Periodic work of the arrears app (thin: each task only calls a service)."""

from celery import shared_task


@shared_task(name="arrears.expire_blacklist_entries")
def expire_blacklist_entries() -> int:
    """Daily: take employers whose three years on the credit blacklist are over off the list."""
    from arrears.services.blacklist import blacklist_expire_due

    return blacklist_expire_due()
