from django.urls import path

from arrears.views import blacklist, cases, documents, ledger, projects, risk

app_name = "arrears"

urlpatterns = [
    path("arrears/", cases.case_list, name="case-list"),
    path("arrears/new/", cases.case_create, name="case-create"),
    path("arrears/from-complaints/", cases.case_from_complaints, name="case-from-complaints"),
    path("arrears/worker-template.xlsx", ledger.worker_template, name="worker-template"),
    path("arrears/<int:pk>/", cases.case_detail, name="case-detail"),
    path("arrears/<int:pk>/transitions/<slug:name>/", cases.case_transition, name="case-transition"),
    path("arrears/<int:pk>/assign/", cases.case_assign, name="case-assign"),
    path("arrears/<int:pk>/complaints/", cases.case_attach_complaint, name="case-attach-complaint"),
    path("arrears/<int:pk>/import/", ledger.worker_import, name="worker-import"),
    path("arrears/<int:pk>/workers/", ledger.worker_add, name="worker-add"),
    path("arrears/<int:pk>/payments/", ledger.payment_record, name="payment-record"),
    path(
        "arrears/<int:pk>/payments/<int:payment_pk>/confirm/", ledger.payment_confirm, name="payment-confirm"
    ),
    path("arrears/<int:pk>/documents/<slug:doc>.pdf", documents.case_document, name="case-document"),
    path("arrears/<int:case_pk>/blacklist/", blacklist.entry_create, name="blacklist-create"),
    path("arrears/projects/", projects.project_list, name="project-list"),
    path("arrears/projects/new/", projects.project_create, name="project-create"),
    path("arrears/projects/<int:pk>/", projects.project_detail, name="project-detail"),
    path("arrears/projects/<int:pk>/edit/", projects.project_update, name="project-update"),
    path("arrears/risk/", risk.risk_view, name="risk"),
    path("arrears/public-list/", risk.public_list, name="public-list"),
    path("arrears/blacklist/", blacklist.entry_list, name="blacklist-list"),
    path("arrears/blacklist/<int:pk>/", blacklist.entry_detail, name="blacklist-detail"),
    path(
        "arrears/blacklist/<int:pk>/transitions/<slug:name>/",
        blacklist.entry_transition,
        name="blacklist-transition",
    ),
    path("arrears/blacklist/<int:pk>/defence/", blacklist.entry_defence, name="blacklist-defence"),
    path(
        "arrears/blacklist/<int:pk>/documents/<slug:doc>.pdf",
        documents.blacklist_document,
        name="blacklist-document",
    ),
]
