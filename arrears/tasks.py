"""Periodic work of the arrears app (thin: each task only calls a service)."""

from celery import shared_task


@shared_task(name="arrears.expire_blacklist_entries")
def expire_blacklist_entries() -> int:
    """Daily: take employers whose three years on the credit blacklist are over off the list."""
    from arrears.services.blacklist import blacklist_expire_due

    return blacklist_expire_due()


@shared_task(name="arrears.evaluate_wage_warnings")
def evaluate_wage_warnings(month: str | None = None) -> dict:
    """Monthly (the 5th): evaluate the warning rules for the month before (or ``month``, ``YYYY-MM-DD``)."""
    import datetime

    from arrears.monitoring.evaluate import evaluate_month, previous_month

    on = datetime.date.fromisoformat(month) if month else previous_month()
    result = evaluate_month(on)
    return {"month": result.month.isoformat(), "raised": result.raised, "resolved": result.resolved}
