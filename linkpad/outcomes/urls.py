"""Mounted under /casework/<episode_id>/measures/ by the project urls."""

from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("", views.choose, name="choose"),
    path("<str:measure>/<str:timepoint>/", views.record, name="record"),
]
