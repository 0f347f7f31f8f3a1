"""The kernel's staff pages, and ``object_pages``: the one URL scheme of every case type's own pages."""

from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path

from casework.documents import views as document_views
from casework.kernel.pages import case_change
from casework.views import deadlines, evidence, notifications, parties, returns, statistics, view_audit

# page → its route under the record type's prefix; the URL name is ``<name>-<page>``.
PAGE_ROUTES = {
    "list": "",
    "export": "export.xlsx",
    "create": "new/",
    "detail": "<int:pk>/",
    "update": "<int:pk>/edit/",
    "document": "<int:pk>/documents/<slug:doc>.pdf",
    "case_file": "<int:pk>/case-file/",
}


def object_pages(prefix: str, name: str, **views) -> list:
    """The staff pages of one kind of record (a case type, projects, parties) at the same routes for every
    kind: ``<prefix>/`` is ``<name>-list``, ``<prefix>/new/`` ``<name>-create``, ``<prefix>/<pk>/``
    ``<name>-detail``, then ``-update`` (``edit/``), ``-document`` (``documents/<doc>.pdf``), ``-case-file``
    and ``-export`` (``export.xlsx``) — one for each view given under its page's key."""
    unknown = set(views) - set(PAGE_ROUTES)
    if unknown:
        raise ImproperlyConfigured(f"{name}: no such page {sorted(unknown)}")
    return [
        path(f"{prefix}/{route}", views[page], name=f"{name}-{page.replace('_', '-')}")
        for page, route in PAGE_ROUTES.items()
        if page in views
    ]


parties_patterns = [
    *object_pages(
        "employers",
        "employer",
        list=parties.employer_list,
        create=parties.employer_create,
        detail=parties.employer_detail,
        update=parties.employer_update,
    ),
    *object_pages(
        "persons",
        "person",
        list=parties.person_list,
        create=parties.person_create,
        detail=parties.person_detail,
        update=parties.person_update,
    ),
    path("persons/<int:pk>/reveal/", parties.person_reveal, name="person-reveal"),
    path("employers/<int:pk>/record/", parties.employer_record, name="employer-record"),
]

urlpatterns: list = [
    path("parties/", include((parties_patterns, "parties"))),
    # every registered case type's state moves and logged actions from its page (casework.kernel)
    path(
        "cases/<slug:code>/<int:pk>/documents/<int:document>/service-receipt/",
        document_views.service_receipt,
        name="service-receipt",
    ),
    path(
        "cases/<slug:code>/<int:pk>/services/<int:service>/proof/",
        document_views.service_proof,
        name="service-proof",
    ),
    path("cases/<slug:code>/<int:pk>/<slug:kind>/<slug:name>/", case_change, name="case-change"),
    # evidence of every registered case type: the kernel's add_evidence action
    path("cases/<slug:code>/<int:pk>/evidence/", evidence.case_evidence_upload, name="case-evidence-upload"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence-download"),
    path("audit/views/", view_audit.view_audit_list, name="view-audit"),
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
    path("stats/returns/<slug:code>/", returns.return_page, name="stats-return"),
    path("stats/returns/<slug:code>.xlsx", returns.return_xlsx, name="stats-return-download"),
    path("stats/returns/<slug:code>/cases/", returns.return_cases, name="stats-return-cases"),
]
