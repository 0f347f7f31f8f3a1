"""The public green channel for migrant workers (农民工维权绿色通道), under ``/green/``, no login.

(a) file a wage complaint, (b) apply for labour-dispute mediation or arbitration (forms plugged in by the
arbitration app through ``registry.register_application_form``), (c) look up progress by case number +
the last 6 characters of the ID number, or by phone + a one-time SMS code. Case types are made
visible to the lookup with ``registry.register_public_case_type``.
"""
