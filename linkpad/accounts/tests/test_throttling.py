import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_repeated_failed_sign_ins_lock_the_account_even_with_the_right_password(client, clp_user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/account/sign-in/", {"email": clp_user.email, "password": "wrong-password"})
    assert response.status_code == 429
    locked = client.post("/account/sign-in/", {"email": clp_user.email, "password": password})
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_account_from_the_same_place_is_not_locked(client, clp_user, manager_user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/sign-in/", {"email": clp_user.email, "password": "wrong-password"})
    response = client.post("/account/sign-in/", {"email": manager_user.email, "password": password})
    assert response.status_code == 302
