"""``CaseRecord``: a record about one case of any type (a supervision, a typical case), pointing at it by content
type + id like ``Deadline`` and ``TransitionLog``, with the case's number, type and jurisdiction copied so that a
list of records of every type needs no case row (``casework.selectors.case_records``)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseRecord(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    case_type = models.CharField(_("案件类型"), max_length=30)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("管辖区域"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["content_type", "object_id"], name="%(class)s_case_idx")]

    @classmethod
    def of_case(cls, case) -> models.QuerySet:
        return cls.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)

    @classmethod
    def create_for(cls, case, **fields):
        """A new record about ``case``, saved."""
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(case),
            object_id=case.pk,
            case_number=case.number,
            case_type=case.CASE_TYPE,
            jurisdiction=case.jurisdiction,
            **fields,
        )
