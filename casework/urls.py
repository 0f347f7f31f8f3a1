from django.urls import path

from casework.views import deadlines

urlpatterns: list = [
    path("deadlines/calculator/", deadlines.calculator, name="deadline-calculator"),
]
