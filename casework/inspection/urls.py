"""Staff pages of complaints. State moves, actions and evidence go through the kernel's ``case-change`` and
``case-evidence-upload`` (``casework/urls.py``)."""

from django.urls import path

from casework.inspection import views

urlpatterns = [
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/new/", views.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/documents/<slug:doc>.pdf", views.complaint_document, name="complaint-document"),
]
