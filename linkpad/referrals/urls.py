from django.urls import path

from .views import gp_messages, intake, practice, professional, waiting

app_name = "referrals"

urlpatterns = [
    path("refer/", intake.refer, name="refer"),
    path("self/", intake.self_refer, name="self"),
    path("self/sent/", intake.self_sent, name="self-sent"),
    path("professional/", professional.professional_refer, name="professional"),
    path("professional/sent/", professional.professional_sent, name="professional-sent"),
    path("inbox/", practice.inbox, name="gp-inbox"),
    path("yours/", practice.your_referrals, name="yours"),
    path("yours/<int:referral_id>/", practice.practice_referral, name="yours-referral"),
    path("yours/<int:referral_id>/withdraw/", practice.withdraw, name="yours-withdraw"),
    path("messages/<int:message_id>/", gp_messages.message_page, name="gp-message"),
    path("messages/<int:message_id>/print/", gp_messages.message_print, name="gp-message-print"),
    path("messages/<int:message_id>/pdf/", gp_messages.message_pdf, name="gp-message-pdf"),
    path("messages/<int:message_id>/json/", gp_messages.message_json, name="gp-message-json"),
    path("messages/<int:message_id>/read/", gp_messages.mark_read, name="gp-message-read"),
    path("episodes/<int:episode_id>/gp-message/", gp_messages.compose, name="gp-message-new"),
    path("waiting-list/", waiting.waiting, name="waiting"),
    path("<int:referral_id>/", waiting.referral_page, name="referral"),
    path("<int:referral_id>/sent/", intake.sent, name="sent"),
    path("<int:referral_id>/triage/", waiting.triage, name="triage"),
    path("<int:referral_id>/allocate/", waiting.allocate, name="allocate"),
    path("<int:referral_id>/contact/", waiting.contact, name="contact"),
    path("<int:referral_id>/decline/", waiting.decline, name="decline"),
]
