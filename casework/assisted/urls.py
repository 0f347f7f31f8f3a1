from django.urls import path

from . import views

app_name = "assisted"

urlpatterns = [
    path("", views.home, name="home"),
    path("file/<slug:code>/", views.file_form, name="file"),
    path("consent/<str:token>/", views.consent, name="consent"),
    path("consent/<str:token>/resend/", views.resend, name="resend"),
    path("filings/<int:pk>/", views.filing, name="filing"),
]
