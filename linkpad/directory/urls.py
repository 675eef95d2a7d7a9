from django.urls import path

from .views import manage, phrases, search, service, shortlists

app_name = "directory"

urlpatterns = [
    path("", search.search, name="search"),
    path("services/<str:service_id>/", service.service_page, name="service"),
    path("services/<str:service_id>/report/", service.report_problem, name="report-problem"),
    path("shortlist/", shortlists.mine, name="shortlist"),
    path("shortlist/add/", shortlists.add, name="shortlist-add"),
    path("shortlist/remove/", shortlists.remove, name="shortlist-remove"),
    path("shortlist/<str:token>/", shortlists.shared, name="shortlist-shared"),
    path("manage/", manage.dashboard, name="manage"),
    path("manage/services/<str:service_id>/edit/", manage.edit, name="edit"),
    path("manage/services/<str:service_id>/places/<str:place_key>/", manage.place, name="place"),
    path("manage/services/<str:service_id>/phones/", manage.phones, name="phones"),
    path(
        "manage/services/<str:service_id>/places/<str:place_key>/phones/",
        manage.place_phones,
        name="place-phones",
    ),
    path("manage/services/<str:service_id>/checked/", manage.checked, name="checked"),
    path("manage/services/<str:service_id>/history/", manage.history, name="history"),
    path("manage/organizations/<str:organization_id>/claim/", manage.claim, name="claim"),
    path("manage/what-people-say/", phrases.categories, name="phrases"),
    path("manage/what-people-say/phrases/<int:pk>/", phrases.change, name="phrase-change"),
    path("manage/what-people-say/<str:key>/", phrases.category, name="category-phrases"),
    path("manage/claims/<int:pk>/", manage.decide_claim, name="decide-claim"),
    path("manage/changes/<int:pk>/", manage.decide_change, name="decide-change"),
    path("manage/problems/<int:pk>/", manage.resolve_problem, name="resolve-problem"),
]
