from django.urls import include, path
from rest_framework.routers import SimpleRouter

from casework.clues.api import ClueViewSet

router = SimpleRouter()
router.register("clues", ClueViewSet, basename="clue")

urlpatterns = [path("", include(router.urls))]
