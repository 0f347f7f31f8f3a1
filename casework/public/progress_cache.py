"""The progress page's rows, cached per granted (case, person) and per version of the case.

A worker who looks a case up, refreshes the progress page or comes back to it reads one query — who is on the
granted cases now, each case's version and each person's SMS choice (``selectors.grant_rows``) — and the rows
from the cache. The version is the head of the case's log chain (``audit_head``): every change to a case goes
through the kernel and appends to that chain (``casework.services.audit``), so a change to the case, its stage,
deadlines, timeline or who is on it makes a new key, and the old entry is simply never read again (invalidated
naturally). Facts outside the case (a unit's name or phone) are refreshed after ``GREEN_PROGRESS_CACHE_SECONDS``
(10 minutes by default; 0 turns the cache off).

Keys carry only a keyed hash of (case type, case id, person id, version): no personal data, nothing that can be
read back. The rows themselves hold only what the page shows (``selectors.PublicProgress``).
"""

from django.conf import settings
from django.core.cache import cache

from casework.public import selectors
from casework.public.ratelimit import keyed_hash
from casework.public.selectors import CaseRef, GrantRow, PublicProgress

KEY_PREFIX = "green:progress:"


def _timeout() -> int:
    return int(getattr(settings, "GREEN_PROGRESS_CACHE_SECONDS", 600))


def _key(ref: CaseRef, version: str) -> str:
    return KEY_PREFIX + keyed_hash(f"{ref.label}:{ref.case_pk}:{ref.person_pk}:{version}", "progress", 32)


def progress_for(refs: list[CaseRef], *, revoked_key: str = "") -> tuple[list[PublicProgress], bool]:
    """The progress rows of the granted cases the person is still on, in the order granted, and whether every
    one of those persons has turned the progress SMS off. One query when every row is cached; on a miss, one
    more per case type present and the deadlines and timelines of the missing cases (``public_progress_list``).
    ``revoked_key`` (``access.granted_refs_unchecked``) is read in the same cache round trip as the rows: when it
    is set (the person left: "退出查询"), nothing is shown."""
    rows: list[GrantRow] = selectors.grant_rows(refs)
    on_case = {(row.label, row.case_pk, row.person_pk) for row in rows}
    versions = {(row.label, row.case_pk): row.version for row in rows}
    opt_out = {row.person_pk: row.sms_opt_out for row in rows}
    valid = [ref for ref in refs if (ref.label, ref.case_pk, ref.person_pk) in on_case]
    if not valid:
        return [], True
    timeout = _timeout()
    keys = {ref: _key(ref, versions[(ref.label, ref.case_pk)]) for ref in valid}
    wanted = ([*keys.values()] if timeout > 0 else []) + ([revoked_key] if revoked_key else [])
    found = cache.get_many(wanted) if wanted else {}
    if revoked_key and found.pop(revoked_key, None):
        return [], True
    missing = [ref for ref in valid if keys[ref] not in found]
    if missing:
        matches = selectors.matches_for_refs(missing, checked=rows)
        fresh = {
            keys[m.ref]: item
            for m, item in zip(matches, selectors.public_progress_list(matches), strict=True)
        }
        if fresh and timeout > 0:
            cache.set_many(fresh, timeout=timeout)
        found.update(fresh)
    shown = [ref for ref in valid if keys[ref] in found]
    return [found[keys[ref]] for ref in shown], all(opt_out[ref.person_pk] for ref in shown)
