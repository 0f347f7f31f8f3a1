"""The site's URLs plus a case type's own upload URL made with the deprecated ``upload_view``."""

from django.urls import path

from casework.inspection.models import Complaint
from casework.views.evidence import upload_view
from config.urls import handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    path(
        "legacy/<int:pk>/evidence/", upload_view(Complaint, "complaint-detail"), name="legacy-evidence-upload"
    ),
    *urlpatterns,
]
