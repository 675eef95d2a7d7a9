import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from linkpad.accounts.forms import CODE_INVALID, CODE_THROTTLED, SIGN_IN_FAILED
from linkpad.accounts.tests.factories import current_code

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"
TWO_FACTOR = "/account/two-factor/"


def sign_in(client, user, password, **extra):
    return client.post(SIGN_IN, {"email": user.email, "password": password, **extra})


def test_a_wrong_password_is_refused_with_a_plain_message(client, clp_user):
    response = sign_in(client, clp_user, "not-the-password")
    assert response.status_code == 200
    assert SIGN_IN_FAILED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_role_without_personal_data_signs_straight_in(client, manager_user, password):
    response = sign_in(client, manager_user, password)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_practitioner_must_set_up_two_factor_before_anything_else(client, clp_user, password):
    response = sign_in(client, clp_user, password)
    assert response["Location"].startswith(TWO_FACTOR)
    blocked = client.get("/account/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(TWO_FACTOR)
    page = client.get(TWO_FACTOR)
    assert "Set up two-factor sign-in" in page.content.decode()
    assert "<svg" in page.content.decode()  # the QR code, drawn inline


def test_setting_up_an_app_confirms_it_and_shows_backup_codes_once(client, clp_user, password):
    sign_in(client, clp_user, password)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=clp_user, confirmed=False)
    response = client.post(TWO_FACTOR, {"code": current_code(device), "next": "/account/"})
    assert response["Location"].startswith("/account/two-factor/backup-codes/")
    codes_page = client.get(response["Location"]).content.decode()
    codes = StaticToken.objects.filter(device__user=clp_user).values_list("token", flat=True)
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    assert client.get(response["Location"]).status_code == 302  # shown only once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_during_set_up_is_refused_and_repeated_guesses_are_slowed(client, clp_user, password):
    sign_in(client, clp_user, password)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=clp_user, confirmed=False)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert CODE_INVALID in client.post(TWO_FACTOR, {"code": wrong}).content.decode()
    assert CODE_THROTTLED in client.post(TWO_FACTOR, {"code": current_code(device)}).content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_next_sign_in_asks_for_a_code_and_accepts_a_backup_code_once(client, clp_user, password):
    TOTPDevice.objects.create(user=clp_user, confirmed=True)
    from linkpad.accounts.services import backup_codes_issue

    code = backup_codes_issue(user=clp_user)[0]
    sign_in(client, clp_user, password)
    assert "Enter your security code" in client.get(TWO_FACTOR).content.decode()
    assert client.post(TWO_FACTOR, {"code": code})["Location"] == "/"
    client.post("/account/sign-out/")
    sign_in(client, clp_user, password)
    reused = client.post(TWO_FACTOR, {"code": code})
    assert reused.status_code == 200 and "There is a problem" in reused.content.decode()
    assert not client.get("/").status_code == 200


def test_next_is_kept_through_sign_in_but_never_leads_off_site(client, manager_user, password):
    assert sign_in(client, manager_user, password, next="/account/")["Location"] == "/account/"
    client.post("/account/sign-out/")
    assert sign_in(client, manager_user, password, next="https://evil.example/")["Location"] == "/"


@override_settings(LINKPAD_DEMO=True)
def test_demo_mode_lets_only_demo_users_skip_two_factor(client, clp_user, password):
    assert sign_in(client, clp_user, password)["Location"].startswith(TWO_FACTOR)
    client.post("/account/sign-out/")
    clp_user.is_demo = True
    clp_user.save()
    assert sign_in(client, clp_user, password)["Location"] == "/"
    assert "Demo site" in client.get("/").content.decode()


def test_signing_out_needs_a_post_and_ends_the_session(client, manager_user, password):
    sign_in(client, manager_user, password)
    assert "Sign out of Linkpad" in client.get("/account/sign-out/").content.decode()
    client.post("/account/sign-out/")
    assert client.get(reverse("accounts:account"))["Location"].startswith(SIGN_IN)
