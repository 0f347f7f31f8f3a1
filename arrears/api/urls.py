from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import ArrearsCaseViewSet

router = SimpleRouter()
router.register("arrears", ArrearsCaseViewSet, basename="arrears")

urlpatterns = [path("", include(router.urls))]
