"""Who the sweep tells and where it links: the case types by content type (label, head roles, a case's URL
without reading it), the recipients of each candidate with their e-mail/SMS choices, and the summaries that
replace many notifications of one level and case type for one person in one sweep."""

from collections import Counter, defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from casework.case_types import case_models
from casework.models import AlertLevel, Notification
from casework.services import alert_recipients as who
from casework.services.alert_candidates import Candidate
from casework.services.alert_texts import AlertTexts

_URL_PROBES = (7_019_283_746_551, 8_120_394_857_662)


def _escalates_when_overdue(rule_name: str) -> bool:
    """Whether the deadline rule tells the director from the first overdue day (a missed 督办 report)."""
    from casework.deadlines.rules import RULES

    rule = RULES.get(rule_name)
    return bool(rule and rule.escalate_when_overdue)


def _url_of_pk(model):
    """A function pk → ``get_absolute_url()`` that needs no case row, if the model's URL depends on the pk alone.

    Found by asking two unsaved instances with improbable pks; ``None`` when the URL depends on anything
    else (the sweep then loads the cases). A model without ``get_absolute_url`` links nowhere ("").
    """
    if not hasattr(model, "get_absolute_url"):
        return lambda pk: ""
    try:
        urls = [model(pk=probe).get_absolute_url() for probe in _URL_PROBES]
    except Exception:
        return None
    shapes = {url.replace(str(probe), "{pk}") for url, probe in zip(urls, _URL_PROBES, strict=True)}
    if len(shapes) != 1 or urls[0].count(str(_URL_PROBES[0])) != 1:
        return None
    prefix, suffix = urls[0].split(str(_URL_PROBES[0]))
    return lambda pk: f"{prefix}{pk}{suffix}"


class CaseTypes:
    """What the sweep needs of each case model, by content type: label, head roles, URL of a case."""

    def __init__(self):
        self.models, self.labels, self.head_roles, self.urls = {}, {}, {}, {}
        for model in case_models():
            ct_id = ContentType.objects.get_for_model(model).pk
            self.models[ct_id] = model
            self.labels[ct_id] = str(getattr(model, "TYPE_LABEL", ""))
            self.head_roles[ct_id] = who.head_roles_for(model)
            self.urls[ct_id] = _url_of_pk(model)

    def case_urls(self, ct_id: int, ids) -> dict[int, str]:
        """URL of each case (no query unless the model's URL depends on more than the pk)."""
        model, url_of = self.models.get(ct_id), self.urls.get(ct_id)
        if model is None:
            return {}
        if url_of is not None:
            return {pk: url_of(pk) for pk in ids}
        return {pk: case.get_absolute_url() for pk, case in model._default_manager.in_bulk(list(ids)).items()}


class Recipients:
    """Who is told of each alert: assignees read once per sweep (one query per case type), heads and
    directors from the staff directory, e-mail/SMS choices once per user."""

    def __init__(self, staff: "who.StaffDirectory", case_types: CaseTypes, found: list[Candidate]):
        self.staff = staff
        self.case_types = case_types
        self._heads: dict[tuple[int, int], frozenset[int]] = {}
        self._directors: dict[int, frozenset[int]] = {}
        self.channels: dict[int, tuple[bool, bool]] = {}  # user → (e-mail?, SMS?), remembered for the sweep
        ids_by_ct: dict[int, set[int]] = defaultdict(set)
        for c in found:
            ids_by_ct[c.content_type_id].add(c.object_id)
        self.assignees = {
            ct_id: {case_id: frozenset(users) for case_id, users in who.assignees_by_case(model, ids).items()}
            for ct_id, ids in ids_by_ct.items()
            if (model := case_types.models.get(ct_id)) is not None
        }
        # One tuple per distinct audience: cases share their assignees, heads and directors.
        self._audiences: dict[tuple, tuple[int, ...]] = {}

    def heads(self, ct_id: int, jurisdiction_id: int) -> frozenset[int]:
        key = (ct_id, jurisdiction_id)
        if key not in self._heads:
            self._heads[key] = frozenset(self.staff.heads(jurisdiction_id, self.case_types.head_roles[ct_id]))
        return self._heads[key]

    def directors(self, jurisdiction_id: int) -> frozenset[int]:
        if jurisdiction_id not in self._directors:
            self._directors[jurisdiction_id] = frozenset(self.staff.directors(jurisdiction_id))
        return self._directors[jurisdiction_id]

    def assigned(self, c: Candidate) -> frozenset[int]:
        return self.assignees.get(c.content_type_id, {}).get(c.object_id, frozenset())

    def of(self, found: list[Candidate]) -> list[tuple[int, ...]]:
        """The recipients of each candidate, in order, and their e-mail/SMS choices (one query)."""
        out = []
        for c in found:
            assigned = self.assigned(c)
            to_director = c.level == AlertLevel.ESCALATED or (
                c.level == AlertLevel.OVERDUE and _escalates_when_overdue(c.rule)
            )
            key = (c.content_type_id, c.jurisdiction_id, c.level, assigned, to_director)
            users = self._audiences.get(key)
            if users is None:
                heads = self.heads(c.content_type_id, c.jurisdiction_id)
                if c.level in (AlertLevel.DUE_SOON, AlertLevel.DUE_TODAY):
                    chosen = assigned or heads
                else:
                    chosen = heads | assigned
                    if to_director:
                        chosen |= self.directors(c.jurisdiction_id)
                users = self._audiences[key] = tuple(sorted(chosen))
            out.append(users)
        self._load_channels({u for users in self._audiences.values() for u in users})
        return out

    def _load_channels(self, user_ids: set[int]) -> None:
        """(e-mail?, SMS?) per user, from their address and preferences (one query for users not seen yet)."""
        from casework.models import User

        missing = user_ids - self.channels.keys()
        if not missing:
            return
        rows = User.objects.filter(pk__in=missing).values_list(
            "pk",
            "email",
            "notification_preference__email_enabled",
            "notification_preference__sms_enabled",
            "notification_preference__mobile",
        )
        for pk, email, email_on, sms_on, mobile in rows:
            self.channels[pk] = (bool(email) and email_on is not False, bool(sms_on and mobile))


class Summaries:
    """Who gets one summary instead of a notification per alert, in this sweep, and how many it counts.

    A person who would be told of more than ``ALERT_SUMMARY_OVER`` new alerts of one level on one case type in
    one sweep — the first sweep after go-live, or after the workers were down — gets one notification saying how
    many, linking to that type's list (overdue cases, their own when they are the assignee of every one), and one
    e-mail/SMS instead of hundreds. The alerts are raised all the same (exactly once); a normal day, with a few
    deadlines crossing a level, is told alert by alert.

    Who is summarised is decided on what the sweep found; what a summary says is what the sweep claimed. It is
    written in the transaction of the first batch that claims one of its alerts, with that batch's count, and
    each later batch that claims more raises the count in its own transaction (``record``). So a sweep killed
    between batches leaves summaries counting exactly the alerts its committed batches claimed (the rolled-back
    batch's count rolls back with its alerts), and the re-run's summaries count only what the re-run claims.
    Summaries leave (e-mail/SMS) once the sweep is over (``to_send``); those of a sweep that died are sent by
    the next one's re-dispatch of undelivered notifications, with the count the dead sweep committed.
    """

    def __init__(
        self, found: list[Candidate], told: list[tuple[int, ...]], recipients: Recipients, *, over: int
    ):
        groups: Counter = Counter(
            (c.content_type_id, c.level, users, recipients.assigned(c))
            for c, users in zip(found, told, strict=True)
        )
        counts: Counter = Counter()
        self.not_assignee: set[tuple[int, int, str]] = set()
        for (ct_id, level, users, assigned), n in groups.items():
            for user_id in users:
                counts[(user_id, ct_id, level)] += n
                if user_id not in assigned:
                    self.not_assignee.add((user_id, ct_id, level))
        self.summarised = {key for key, n in counts.items() if n > over}
        self.claimed: Counter = Counter()  # alerts claimed so far by committed batches, per summary
        self.written: dict[tuple[int, int, str], int] = {}  # summary key → its notification's id
        self.to_send: list[int] = []  # summaries to e-mail/SMS once the sweep is over
        self._splits: dict[tuple, tuple[tuple[int, ...], tuple]] = {}
        self._staged: tuple[Counter, list] = (Counter(), [])

    def split(self, c: Candidate, users: tuple[int, ...]) -> tuple[tuple[int, ...], tuple]:
        """``users`` as (told of this alert on its own, summary keys (user, content type, level) of the rest)."""
        key = (c.content_type_id, c.level, users)
        if key not in self._splits:
            one_by_one, summarised = [], []
            for user_id in users:
                summary = (user_id, c.content_type_id, c.level)
                if summary in self.summarised:
                    summarised.append(summary)
                else:
                    one_by_one.append(user_id)
            self._splits[key] = (tuple(one_by_one), tuple(summarised))
        return self._splits[key]

    def record(
        self, batch: Counter, *, case_types: "CaseTypes", recipients: "Recipients", texts: AlertTexts, now
    ) -> int:
        """Add ``batch`` — alerts claimed by one batch, per summary key — to the summaries, inside the batch's
        transaction: create the ones not written yet, rewrite the count of the others (``bulk_update``). The
        counts are kept only once the transaction commits. Returns the number of summaries created."""
        if not batch:
            return 0
        totals = {key: self.claimed[key] + n for key, n in batch.items()}
        new = [key for key in batch if key not in self.written]
        old = [key for key in batch if key in self.written]
        rows = [self._summary(key, totals[key], case_types, recipients, texts, now) for key in new]
        created = Notification.objects.bulk_create(rows)
        if old:
            updated = []
            for key in old:
                title, body = texts.summary(key[2], case_types.labels.get(key[1], ""), totals[key])
                updated.append(Notification(pk=self.written[key], title=title[:200], body=body))
            Notification.objects.bulk_update(updated, ["title", "body"])

        self._staged = (batch, list(zip(new, created, strict=True)))
        return len(created)

    def commit(self) -> None:
        """The batch's transaction committed: its counts and new summaries are now the sweep's."""
        batch, created = self._staged
        self._staged = (Counter(), [])
        self.claimed.update(batch)
        for key, n in created:
            self.written[key] = n.pk
            if n.dispatched_at is None:
                self.to_send.append(n.pk)

    def _summary(
        self, key, count: int, case_types: "CaseTypes", recipients: "Recipients", texts: AlertTexts, now
    ):
        user_id, ct_id, level = key
        model = case_types.models[ct_id]
        title, body = texts.summary(level, case_types.labels.get(ct_id, ""), count)
        email, sms = recipients.channels.get(user_id, (False, False))
        sms = sms and level in set(settings.ALERT_SMS_LEVELS)
        url = model.staff_list_url(
            overdue=level in (AlertLevel.OVERDUE, AlertLevel.ESCALATED),
            mine=key not in self.not_assignee,
        )
        return Notification(
            recipient_id=user_id,
            kind=Notification.Kind.SUMMARY,
            level=level,
            title=title[:200],
            body=body,
            url=url[:300],
            created_at=now,
            email=email,
            sms=sms,
            dispatched_at=None if email or sms else now,
        )
