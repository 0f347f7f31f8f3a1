from django.urls import path

from casework.claimant import views as claimant_views
from casework.documents import views as document_views
from casework.public import open_data_views, views

app_name = "green"

urlpatterns = [
    path("", views.home, name="home"),
    path("complaint/", views.complaint, name="complaint"),
    path("apply/", views.apply_index, name="apply-index"),
    path("apply/<slug:code>/", views.apply, name="apply"),
    path("receipt/<str:token>/", views.receipt, name="receipt"),
    path("receipt/<str:token>/pdf/", views.receipt_pdf, name="receipt-pdf"),
    path("lookup/", views.lookup, name="lookup"),
    path("lookup/phone/", views.lookup_phone, name="lookup-phone"),
    path("lookup/phone/code/", views.lookup_code, name="lookup-code"),
    path("progress/", views.progress, name="progress"),
    path("progress/leave/", views.leave, name="leave"),
    path("progress/sms/", views.milestone_sms, name="milestone-sms"),
    path("case/<str:label>/<int:pk>/", claimant_views.claimant, name="claimant"),
    path(
        "case/<str:label>/<int:pk>/payments/<int:payment>/received/",
        claimant_views.confirm_receipt,
        name="claimant-received",
    ),
    path("case/<str:label>/<int:pk>/evidence/", claimant_views.add_evidence, name="claimant-evidence"),
    path("case/<str:label>/<int:pk>/message/", claimant_views.message, name="claimant-message"),
    path("case/<str:label>/<int:pk>/withdraw/", claimant_views.withdraw, name="claimant-withdraw"),
    path("served/<str:token>/", document_views.e_service, name="e-service"),
    path("served/<str:token>/document/", document_views.e_service_pdf, name="e-service-pdf"),
    path("open-data/", open_data_views.page, name="open-data"),
    path("open-data/fields/", open_data_views.fields, name="open-data-fields"),
    path("open-data/closed_cases.csv", open_data_views.download_csv, name="open-data-csv"),
    path("open-data/closed_cases.json", open_data_views.download_json, name="open-data-json"),
]
