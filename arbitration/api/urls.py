from django.urls import include, path
from rest_framework.routers import SimpleRouter

from arbitration.api.views import ArbitrationViewSet, MediationViewSet

router = SimpleRouter()
router.register("mediations", MediationViewSet, basename="api-mediation")
router.register("arbitrations", ArbitrationViewSet, basename="api-arbitration")

urlpatterns = [path("", include(router.urls))]
