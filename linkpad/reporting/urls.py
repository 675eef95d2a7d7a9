from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("gaps/", views.gaps, name="gaps"),
    path("core-dataset.<str:fmt>", views.core_dataset, name="core-dataset"),
    path("tables/<slug:slug>.<str:fmt>", views.table_download, name="table"),
    path("<slug:section>/", views.dashboard, name="section"),
]
