from django.urls import path

from .views import intake, waiting

app_name = "referrals"

urlpatterns = [
    path("refer/", intake.refer, name="refer"),
    path("self/", intake.self_refer, name="self"),
    path("self/sent/", intake.self_sent, name="self-sent"),
    path("waiting-list/", waiting.waiting, name="waiting"),
    path("<int:referral_id>/", waiting.referral_page, name="referral"),
    path("<int:referral_id>/sent/", intake.sent, name="sent"),
    path("<int:referral_id>/triage/", waiting.triage, name="triage"),
    path("<int:referral_id>/allocate/", waiting.allocate, name="allocate"),
    path("<int:referral_id>/contact/", waiting.contact, name="contact"),
    path("<int:referral_id>/decline/", waiting.decline, name="decline"),
]
