from django.urls import path

from casework.views import complaints, documents

urlpatterns = [
    path("complaints/", complaints.complaint_list, name="complaint-list"),
    path("complaints/new/", complaints.complaint_create, name="complaint-create"),
    path("complaints/<int:pk>/", complaints.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/transitions/<slug:name>/", complaints.complaint_transition,
         name="complaint-transition"),
    path("complaints/<int:pk>/assign/", complaints.complaint_assign, name="complaint-assign"),
    path("complaints/<int:pk>/statement/", complaints.complaint_statement, name="complaint-statement"),
    path("complaints/<int:pk>/documents/<slug:doc>.pdf", documents.complaint_document, name="complaint-document"),
]
