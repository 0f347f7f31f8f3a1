from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import ArrearsCaseViewSet, BlacklistEntryViewSet

router = SimpleRouter()
router.register("arrears", ArrearsCaseViewSet, basename="arrears")
router.register("blacklist", BlacklistEntryViewSet, basename="blacklist")

urlpatterns = [path("", include(router.urls))]
