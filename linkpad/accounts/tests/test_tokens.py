from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from linkpad.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def create_token(email: str) -> str:
    out = StringIO()
    call_command("token", "create", email, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_a_created_token_opens_the_api_as_its_user(client, clp_user):
    raw = create_token(clp_user.email)
    assert raw.startswith("lp_")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == clp_user.email
    assert body["memberships"][0]["role"] == "link_practitioner"
    assert ApiToken.objects.get().last_used_at is not None


def test_the_secret_is_not_stored(clp_user):
    raw = create_token(clp_user.email)
    secret = raw.split("_", 2)[2]  # lp_<prefix>_<secret>; the secret itself may contain "_"
    token = ApiToken.objects.get()
    assert len(secret) >= 40
    assert secret not in token.key_hash and secret not in token.prefix and secret not in token.name


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Basic abc"])
def test_the_api_refuses_requests_without_a_valid_token(client, header):
    headers = {"Authorization": header} if header else {}
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_revoked_and_expired_tokens_stop_working(client, clp_user):
    raw = create_token(clp_user.email)
    call_command("token", "revoke", raw, stdout=StringIO())
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    raw = create_token(clp_user.email)
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_an_unknown_email_is_a_clear_error_and_makes_nothing():
    with pytest.raises(
        CommandError, match="There is no Linkpad user with the email address nobody@example.org"
    ):
        call_command("token", "create", "nobody@example.org")
    assert ApiToken.objects.count() == 0
