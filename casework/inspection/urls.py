"""Staff pages of complaints (state moves and actions go through the kernel's ``case-change``)."""

from django.urls import path

from casework.inspection import views
from casework.inspection.models import Complaint
from casework.views import evidence

urlpatterns = [
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/new/", views.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path(
        "complaints/<int:pk>/transitions/<slug:name>/",
        views.complaint_transition,
        name="complaint-transition",
    ),
    path(
        "complaints/<int:pk>/employer/",
        views.complaint_identify_employer,
        name="complaint-identify-employer",
    ),
    path("complaints/<int:pk>/assign/", views.complaint_assign, name="complaint-assign"),
    path("complaints/<int:pk>/statement/", views.complaint_statement, name="complaint-statement"),
    path(
        "complaints/<int:pk>/documents/<slug:doc>.pdf",
        views.complaint_document,
        name="complaint-document",
    ),
    path(
        "complaints/<int:pk>/evidence/",
        evidence.upload_view(Complaint, "complaint-detail"),
        name="complaint-evidence-upload",
    ),
]
