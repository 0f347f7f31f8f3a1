from django.urls import include, path
from rest_framework.routers import SimpleRouter

from casework.inspection.api import ComplaintViewSet

router = SimpleRouter()
router.register("complaints", ComplaintViewSet, basename="complaint")

urlpatterns = [path("", include(router.urls))]
