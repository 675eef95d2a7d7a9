from django.urls import path

from .views import search, service, shortlists

app_name = "directory"

urlpatterns = [
    path("", search.search, name="search"),
    path("services/<str:service_id>/", service.service_page, name="service"),
    path("services/<str:service_id>/report/", service.report_problem, name="report-problem"),
    path("shortlist/", shortlists.mine, name="shortlist"),
    path("shortlist/add/", shortlists.add, name="shortlist-add"),
    path("shortlist/remove/", shortlists.remove, name="shortlist-remove"),
    path("shortlist/<str:token>/", shortlists.shared, name="shortlist-shared"),
]
