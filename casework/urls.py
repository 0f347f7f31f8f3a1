from django.urls import include, path

from casework.kernel.pages import case_change
from casework.views import deadlines, evidence, notifications, parties, statistics

parties_patterns = [
    path("employers/", parties.employer_list, name="employer-list"),
    path("employers/new/", parties.employer_create, name="employer-create"),
    path("employers/<int:pk>/", parties.employer_detail, name="employer-detail"),
    path("employers/<int:pk>/edit/", parties.employer_update, name="employer-update"),
    path("persons/", parties.person_list, name="person-list"),
    path("persons/new/", parties.person_create, name="person-create"),
    path("persons/<int:pk>/", parties.person_detail, name="person-detail"),
    path("persons/<int:pk>/edit/", parties.person_update, name="person-update"),
    path("persons/<int:pk>/reveal/", parties.person_reveal, name="person-reveal"),
]

urlpatterns: list = [
    path("parties/", include((parties_patterns, "parties"))),
    # every registered case type's state moves and logged actions from its page (casework.kernel)
    path("cases/<slug:code>/<int:pk>/<slug:kind>/<slug:name>/", case_change, name="case-change"),
    # evidence of every registered case type: the kernel's add_evidence action
    path("cases/<slug:code>/<int:pk>/evidence/", evidence.case_evidence_upload, name="case-evidence-upload"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence-download"),
    path("deadlines/calculator/", deadlines.calculator, name="deadline-calculator"),
    path("notifications/", notifications.notification_list, name="notification-list"),
    path("notifications/read-all/", notifications.notification_read_all, name="notification-read-all"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification-read"),
    path(
        "notifications/preferences/",
        notifications.notification_preferences,
        name="notification-preferences",
    ),
    path("stats/", statistics.dashboard, name="stats-dashboard"),
    path("stats/cases/", statistics.case_list, name="stats-cases"),
    path("stats/return.xlsx", statistics.monthly_return_xlsx, name="stats-return-xlsx"),
    path("stats/report.pdf", statistics.monthly_report_pdf, name="stats-report-pdf"),
]
