from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("guide.pdf", views.guide_download, name="guide-pdf"),
    path("practice/", views.practice_guide, name="practice"),
    path("link-plan/<int:episode_id>/", views.link_plan, name="link-plan"),
    path("link-plan/<int:episode_id>/plan.pdf", views.link_plan_download, name="link-plan-pdf"),
    path("link-plan/<int:episode_id>/send/", views.link_plan_send_view, name="link-plan-send"),
]
