from django.urls import include, path
from rest_framework.routers import SimpleRouter

from casework.api import deadlines, statistics
from casework.api.notifications import NotificationViewSet
from casework.api.parties import EmployerViewSet, PersonViewSet
from casework.api.token import ObtainTokenView
from casework.kernel.api import CaseActionView, CaseChangeView, CaseEvidenceView

router = SimpleRouter()
router.register("employers", EmployerViewSet, basename="api-employer")
router.register("persons", PersonViewSet, basename="api-person")
router.register("notifications", NotificationViewSet, basename="api-notification")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    # every registered case type's state moves and logged actions (casework.kernel)
    path(
        "<slug:slug>/<int:pk>/transitions/<slug:name>/", CaseChangeView.as_view(), name="api-case-transition"
    ),
    path("<slug:slug>/<int:pk>/actions/<slug:name>/", CaseActionView.as_view(), name="api-case-action"),
    # multipart file, category, description: the add_evidence action of any registered case type
    path("<slug:slug>/<int:pk>/evidence/", CaseEvidenceView.as_view(), name="api-case-evidence"),
    path("", include(router.urls)),
    path("deadlines/", deadlines.DeadlineView.as_view(), name="api-deadlines"),
    path("deadlines/rules/", deadlines.DeadlineRulesView.as_view(), name="api-deadline-rules"),
    path("stats/settlement/", statistics.SettlementView.as_view(), name="api-stats-settlement"),
]
