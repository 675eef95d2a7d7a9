import re

import pytest

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/about/data/", "/about/accessibility/", "/about/privacy/", "/account/sign-in/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_work_signed_out_and_carry_the_linkpad_wordmark(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'alt="Linkpad"' in html
    assert "nhsuk-header__logo" not in html  # not the NHS logo


def test_every_response_carries_a_strict_nonce_based_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_security_headers_are_set(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_missing_page_gets_a_helpful_404_in_the_linkpad_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'alt="Linkpad"' in response.content.decode()


def test_the_about_the_data_page_carries_the_open_data_attribution(client):
    html = client.get("/about/data/").content.decode()
    assert "Open Government Licence" in html
    assert "Crown copyright" in html


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        (Role.LINK_PRACTITIONER, "Your caseload"),
        (Role.PRACTICE_STAFF, "Refer someone to your community links practitioner"),
        (Role.PROGRAMME_MANAGER, "How the programme is doing"),
        (Role.COMMUNITY_STAFF, "Referrals to your organisation"),
        (Role.DIRECTORY_EDITOR, "Keep the directory fresh"),
        (Role.ADMIN, "Administration"),
    ],
)
def test_each_role_gets_its_own_home_page(verified_client, role, heading):
    user = user_with_role(role)
    html = verified_client(user).get("/").content.decode()
    assert heading in html
    assert f"Hello, {user.get_short_name()}" in html


def test_the_health_check_answers(client):
    assert client.get("/health/").json() == {"status": "ok"}


def test_the_admin_site_sends_people_to_the_linkpad_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/sign-in/")
