from django.urls import path

from .views import caseload, episode, inbox, links, safeguarding, subject_access

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
    path("<int:episode_id>/risks/", safeguarding.risk_record, name="risk-add"),
    path("<int:episode_id>/risks/<int:flag_id>/resolve/", safeguarding.flag_resolve, name="risk-resolve"),
    path("<int:episode_id>/escalations/", safeguarding.escalation, name="escalation-add"),
    path("<int:episode_id>/find-support/", links.find_support, name="find-support"),
    path("<int:episode_id>/links/", links.link_add, name="link-add"),
    path("<int:episode_id>/links/<int:link_id>/first-step/", links.link_first_step, name="link-first-step"),
    path("<int:episode_id>/links/<int:link_id>/status/", links.link_status, name="link-status"),
    path(
        "people/<int:person_id>/subject-access.<str:fmt>",
        subject_access.subject_access,
        name="subject-access",
    ),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:link_id>/", inbox.inbox_answer, name="inbox-answer"),
    path("answer/<str:token>/", inbox.answer_by_email, name="answer"),
]
