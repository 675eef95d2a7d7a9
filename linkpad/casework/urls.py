from django.urls import path

from .views import caseload, episode

app_name = "casework"

urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("from-referral/<int:referral_id>/", caseload.open_episode, name="open"),
    path("<int:episode_id>/", episode.episode_page, name="episode"),
    path("<int:episode_id>/stage/", episode.move, name="stage"),
    path("<int:episode_id>/what-matters/", episode.what_matters, name="what-matters"),
    path("<int:episode_id>/goals/", episode.goal_create, name="goal-add"),
    path("<int:episode_id>/goals/<int:goal_id>/", episode.goal_change, name="goal-update"),
    path("<int:episode_id>/contacts/", episode.contact, name="contact"),
    path("<int:episode_id>/tasks/", episode.task_create, name="task-add"),
    path("<int:episode_id>/tasks/<int:task_id>/done/", episode.task_done, name="task-done"),
    path("<int:episode_id>/close/", episode.close, name="close"),
]
