"""What a mediation and an arbitration case record alike: the application — received when, from whom, against
whom, on what facts, with what evidence — and the respondent's name as the applicant gave it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case


class DisputeCase(Case):
    """A labour dispute brought by an application (LDMAL Arts 12, 28: the applicants, the employer and the
    facts and reasons; ARB-RULES Art 29: the evidence and where it comes from)."""

    received_on = models.DateField(_("收到申请日期"))
    respondent_name_given = models.CharField(_("申请所述被申请人名称"), max_length=200, blank=True)
    facts = models.TextField(_("事实与理由"))
    evidence_list = models.TextField(
        _("证据清单"), blank=True, help_text=_("每行一项：证据名称、来源、证明目的")
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta(Case.Meta):
        abstract = True

    @property
    def respondent_name(self) -> str:
        return self.respondent.name if self.respondent_id else self.respondent_name_given


def applicants_field(related_name: str) -> models.ManyToManyField:
    return models.ManyToManyField("casework.Person", verbose_name=_("申请人"), related_name=related_name)


def respondent_field(related_name: str) -> models.ForeignKey:
    """The employer, once identified (an application may name one not yet identified: ``respondent_name_given``)."""
    return models.ForeignKey(
        "casework.Employer",
        verbose_name=_("被申请人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )
