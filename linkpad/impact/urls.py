"""Mounted under /impact/ by the project urls."""

from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.scenario_list, name="scenarios"),
    path("from-example/", views.scenario_new_from_example, name="from-example"),
    path("<int:scenario_id>/", views.scenario_edit, name="scenario"),
    path("<int:scenario_id>/file/", views.scenario_file, name="file"),
    path("<int:scenario_id>/use-records/", views.scenario_use_records, name="use-records"),
    path("<int:scenario_id>/run/", views.scenario_run, name="run-start"),
    path("<int:scenario_id>/runs/<int:run_id>/", views.run_detail, name="run"),
    path("<int:scenario_id>/runs/<int:run_id>/<str:kind>/", views.run_download, name="download"),
]
