"""The fields a case type needs to merge a duplicate into the case that goes on (合并) and back (撤销合并):
the case it went into and the state to return to. The merge itself is the kernel's
(``casework.kernel.merging``); a case type mixes this in next to ``Case``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeableCase(models.Model):
    # The case this duplicate went into; its duplicates are ``merged_<class>s`` (``merged_complaints``).
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已并入案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_%(class)ss",
    )
    # The state the duplicate was in when merged: the unmerge returns it there.
    state_before_merge = models.CharField(max_length=30, blank=True, editable=False)

    class Meta:
        abstract = True
