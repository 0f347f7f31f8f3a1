"""Staff pages of arrears cases, projects and the blacklist (changes to a case go through the kernel's
``case-change``: ``/cases/<type>/<id>/<transitions|actions>/<name>/``)."""

from django.urls import path

from arrears.views import blacklist, cases, documents, ledger, projects, risk

app_name = "arrears"

urlpatterns = [
    path("arrears/", cases.case_list, name="case-list"),
    path("arrears/new/", cases.case_create, name="case-create"),
    path("arrears/from-complaints/", cases.case_from_complaints, name="case-from-complaints"),
    path("arrears/worker-template.xlsx", ledger.worker_template, name="worker-template"),
    path("arrears/<int:pk>/", cases.case_detail, name="case-detail"),
    path("arrears/<int:pk>/import/", ledger.worker_import, name="worker-import"),
    path("arrears/<int:pk>/documents/<slug:doc>.pdf", documents.case_document, name="case-document"),
    path("arrears/projects/", projects.project_list, name="project-list"),
    path("arrears/projects/new/", projects.project_create, name="project-create"),
    path("arrears/projects/<int:pk>/", projects.project_detail, name="project-detail"),
    path("arrears/projects/<int:pk>/edit/", projects.project_update, name="project-update"),
    path("arrears/risk/", risk.risk_view, name="risk"),
    path("arrears/public-list/", risk.public_list, name="public-list"),
    path("arrears/blacklist/", blacklist.entry_list, name="blacklist-list"),
    path("arrears/blacklist/<int:pk>/", blacklist.entry_detail, name="blacklist-detail"),
    path(
        "arrears/blacklist/<int:pk>/documents/<slug:doc>.pdf",
        documents.blacklist_document,
        name="blacklist-document",
    ),
]
