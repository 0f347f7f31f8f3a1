from django.urls import path

from . import views

app_name = "typical"

urlpatterns = [
    path("typical-cases/", views.staff_list, name="staff-list"),
    path("green/typical-cases/", views.public_list, name="public-list"),
    path("green/typical-cases/<int:pk>/", views.public_detail, name="public-detail"),
    path("green/typical-cases/feed.json", views.public_feed, name="public-feed"),
]
