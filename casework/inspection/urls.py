"""Staff pages of complaints. State moves, actions and evidence go through the kernel's ``case-change`` and
``case-evidence-upload`` (``casework/urls.py``)."""

from casework.inspection import views
from casework.urls import object_pages

urlpatterns = object_pages(
    "complaints",
    "complaint",
    list=views.complaint_list,
    create=views.complaint_create,
    detail=views.complaint_detail,
    document=views.complaint_document,
)
