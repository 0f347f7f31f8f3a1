from django.urls import include, path

from casework.views import parties

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
]
