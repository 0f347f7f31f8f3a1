from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from casework.roles import PREFECTURE_WIDE_ROLES, READ_ONLY_ROLES, Role, read_only_permissions


@dataclass(frozen=True)
class Access:
    """What bounds a user's view of cases, read in one query (``User.access``)."""

    jurisdiction_ids: frozenset[int]
    in_prefecture: bool  # one of the user's jurisdictions is the prefecture bureau
    # (model label, "user" | "group", outside) for each case model on which the user holds object-level view
    # grants, of their own or through a group; ``outside``: some of those cases lie outside their jurisdictions.
    grants: frozenset[tuple[str, str, bool]]

    def grant_sources(self, model, *, outside_only: bool = False) -> set[str]:
        label = model._meta.label_lower
        return {
            source for lbl, source, outside in self.grants if lbl == label and (outside or not outside_only)
        }


class User(AbstractUser):
    """A staff member. Roles are groups (casework.roles); jurisdictions bound what they may see."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    job_title = models.CharField(_("职务"), max_length=50, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    certificate_no = models.CharField(_("执法证号"), max_length=30, blank=True)
    jurisdictions = models.ManyToManyField(
        "casework.Jurisdiction", verbose_name=_("所属管辖区域"), blank=True, related_name="staff"
    )
    # Raised by "sign out everywhere" (casework.signin.sign_out_everywhere): every session signed in before
    # carries the old session hash and is no longer accepted.
    session_epoch = models.PositiveIntegerField(_("会话代次"), default=0, editable=False)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return self.full_name or self.username

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, plus the session epoch once the user has signed out everywhere
        (epoch 0 keeps Django's own value, so sessions from before this existed stay valid)."""
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "casework.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def role_codes(self) -> frozenset[str]:
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role.value for role in Role if role.label in names)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or any(role.value in self.role_codes for role in roles)

    def has_perm(self, perm, obj=None) -> bool:
        """Django's answer, except that a user holding a read-only role (the auditor) never holds more than
        the read-only roles' own view permissions — whatever other groups, permissions or staff status they
        were given — so no page, API, admin form or command lets them write (``casework.kernel.writes``)."""
        if (
            self.is_active
            and not self.is_superuser
            and perm not in read_only_permissions()
            and self.role_codes & {r.value for r in READ_ONLY_ROLES}
        ):
            return False
        return super().has_perm(perm, obj)

    @cached_property
    def access(self) -> Access:
        """The user's jurisdictions and object-level case grants, loaded once per user object (per request).

        One query, because every case list, search and API call needs both (``visible_to``): the grants decide
        whether the list can be read straight from the jurisdiction's indexes.
        """
        from casework.selectors.visibility import load_access

        return load_access(self)

    @cached_property
    def jurisdiction_ids(self) -> frozenset[int]:
        return self.access.jurisdiction_ids

    @cached_property
    def sees_all_jurisdictions(self) -> bool:
        """Directors, auditors and administrators of the prefecture bureau oversee every county."""
        if self.is_superuser:
            return True
        if not self.role_codes & {r.value for r in PREFECTURE_WIDE_ROLES}:
            return False
        return self.access.in_prefecture
