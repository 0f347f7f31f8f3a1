from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from casework.roles import PREFECTURE_WIDE_ROLES, Role


class User(AbstractUser):
    """A staff member. Roles are groups (casework.roles); jurisdictions bound what they may see."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    job_title = models.CharField(_("职务"), max_length=50, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    certificate_no = models.CharField(_("执法证号"), max_length=30, blank=True)
    jurisdictions = models.ManyToManyField(
        "casework.Jurisdiction", verbose_name=_("所属管辖区域"), blank=True, related_name="staff"
    )

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role.value for role in Role if role.label in names)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or any(role.value in self.role_codes for role in roles)

    @cached_property
    def jurisdiction_ids(self) -> frozenset[int]:
        return frozenset(self.jurisdictions.values_list("id", flat=True))

    @cached_property
    def sees_all_jurisdictions(self) -> bool:
        """Directors, auditors and administrators of the prefecture bureau oversee every county."""
        if self.is_superuser:
            return True
        if not self.role_codes & {r.value for r in PREFECTURE_WIDE_ROLES}:
            return False
        return self.jurisdictions.filter(level="prefecture").exists()
