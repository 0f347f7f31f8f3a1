"""Staff pages of arrears cases, projects and the blacklist (changes to a case go through the kernel's
``case-change``: ``/cases/<type>/<id>/<transitions|actions>/<name>/``)."""

from django.urls import path

from arrears.views import blacklist, cases, documents, ledger, monitoring, projects, risk
from casework.urls import object_pages

app_name = "arrears"

urlpatterns = [
    *object_pages(
        "arrears",
        "case",
        list=cases.case_list,
        create=cases.case_create,
        detail=cases.case_detail,
        document=documents.case_document,
    ),
    path("arrears/from-complaints/", cases.case_from_complaints, name="case-from-complaints"),
    path("arrears/worker-template.xlsx", ledger.worker_template, name="worker-template"),
    path("arrears/<int:pk>/import/", ledger.worker_import, name="worker-import"),
    *object_pages(
        "arrears/projects",
        "project",
        list=projects.project_list,
        create=projects.project_create,
        detail=projects.project_detail,
        update=projects.project_update,
    ),
    path("arrears/projects/<int:pk>/photo/", projects.project_photo, name="project-photo"),
    path("arrears/projects/<int:pk>/monitoring/", monitoring.project_monitoring, name="project-monitoring"),
    path("arrears/projects/<int:pk>/import/<str:kind>/", monitoring.sheet_import, name="monitoring-import"),
    path("arrears/projects/<int:pk>/transfers/", monitoring.project_transfer, name="project-transfer"),
    path("arrears/projects/<int:pk>/deposit/", monitoring.project_deposit, name="project-deposit"),
    path(
        "arrears/monitoring/templates/<str:kind>.xlsx", monitoring.sheet_template, name="monitoring-template"
    ),
    path("arrears/monitoring/", monitoring.monitoring_risk, name="monitoring-risk"),
    path("arrears/warnings/", monitoring.warning_list, name="warning-list"),
    path("arrears/warnings/<int:pk>/close/", monitoring.warning_close, name="warning-close"),
    path("arrears/warnings/<int:pk>/open-case/", monitoring.warning_open_case, name="warning-open-case"),
    path("arrears/risk/", risk.risk_view, name="risk"),
    path("arrears/public-list/", risk.public_list, name="public-list"),
    *object_pages(
        "arrears/blacklist",
        "blacklist",
        list=blacklist.entry_list,
        detail=blacklist.entry_detail,
        document=documents.blacklist_document,
    ),
]
