from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [path("supervision/", views.supervision_index, name="list")]
