from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from casework.api import deadlines

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("deadlines/", deadlines.DeadlineView.as_view(), name="api-deadlines"),
    path("deadlines/rules/", deadlines.DeadlineRulesView.as_view(), name="api-deadline-rules"),
]
