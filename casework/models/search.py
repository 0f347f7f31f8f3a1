"""The staff lists' search index (``casework.kernel.search_index``): each case's searchable text, and its bigrams.

A case type names its searchable text in its registration (``CaseType.search_text``: its own columns and
columns of the records it points to, e.g. ``employer__name``); the kernel keeps these rows current whenever that
text changes. ``SearchToken.token`` is a pair of characters of the text packed in one integer
(``casework.kernel.search_index.bigram``), so that a one-character query is a range of tokens and the column
sorts the same on SQLite and PostgreSQL whatever the collation.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchText(models.Model):
    """A case's searchable text, lower-cased, its parts separated (``search_index.SEPARATOR``)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    text = models.TextField()

    class Meta:
        verbose_name = _("检索文本")
        verbose_name_plural = _("检索文本")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "case_id"], name="casework_searchtext_case_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.case_id}"


class SearchToken(models.Model):
    """One bigram of a case's searchable text (each distinct pair once per case)."""

    id = models.BigAutoField(primary_key=True)
    token = models.BigIntegerField()
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    case_id = models.PositiveBigIntegerField()
    # the case's jurisdiction (no constraint: kept by the kernel with the case), so that a county's staff
    # read only their county's postings
    jurisdiction_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("检索词元")
        verbose_name_plural = _("检索词元")
        indexes = [
            # the search: a token (or a range: a one-character query) → the cases, in some jurisdictions or all
            models.Index(
                fields=["token", "content_type", "jurisdiction_id", "case_id"],
                name="casework_searchtoken_idx",
            ),
            # probing one case for a token (or range) while walking a list, and reindexing one case
            models.Index(fields=["content_type", "case_id", "token"], name="casework_searchtoken_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.case_id}:{self.token}"
