"""Fixtures shared by every test: users in each role, and a signed-in, two-factor-verified client."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import PASSWORD, user_with_role


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def clp_user(db):
    return user_with_role(Role.LINK_PRACTITIONER, full_name="Casey Linkworker")


@pytest.fixture
def manager_user(db):
    return user_with_role(Role.PROGRAMME_MANAGER, full_name="Morgan Manager")


@pytest.fixture
def verified_client(db):
    """A new client for a user signed in as if they had passed two-factor sign-in with their app."""

    def sign_in(user):
        client = Client()
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return sign_in


# Modules that configure a running server cannot be imported by the doctest collector.
collect_ignore = ["linkpad/config/settings/production.py", "linkpad/config/wsgi.py"]
