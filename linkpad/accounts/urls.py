from django.urls import path

from .views import account, sign_in, team, two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign-in"),
    path("sign-out/", sign_in.sign_out, name="sign-out"),
    path("two-factor/", two_factor.two_factor, name="two-factor"),
    path("two-factor/backup-codes/", two_factor.backup_codes, name="backup-codes"),
    path("", account.account, name="account"),
    path("backup-codes/new/", account.new_backup_codes, name="new-backup-codes"),
    path("tokens/<str:prefix>/revoke/", account.revoke_token, name="revoke-token"),
    path("team/", team.team, name="team"),
    path("team/<int:pk>/", team.member, name="member"),
]
