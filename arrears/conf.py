"""Local, configurable values of the arrears app (statutes.md marks them configurable or unconfirmed).

Override any of them in the Django settings (``ARREARS_…``); the defaults are the values below.
Statutory figures that are fixed by law (3 years on the credit blacklist, 6 months before early removal,
24 hours to transfer to the police) are constants in the modules that apply them, with their source.
"""

from django.conf import settings

DEFAULTS = {
    # The province whose crime-threshold figures apply (CrimeThreshold.province).
    "ARREARS_PROVINCE": "湖南省",
    # 人社部令第45号: the defence window after the prior notice of listing. "About 5 working days"
    # (unconfirmed), so configurable; the notice states the period it gives.
    "ARREARS_BLACKLIST_DEFENCE_WORKING_DAYS": 5,
    # Internal targets (policy, not statute), in working days from the case's opening: green-channel
    # cases get the shorter ones. "payment_order": a 责令支付 issued; "resolution": the money fully
    # recovered or the case found unrecoverable.
    "ARREARS_TARGETS": {
        "payment_order": {"green_channel": 3, "standard": 10},
        "resolution": {"green_channel": 20, "standard": 60},
    },
    # Worker sheet import: the largest sheet accepted, in data rows and in bytes.
    "ARREARS_IMPORT_MAX_ROWS": 3000,
    "ARREARS_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
