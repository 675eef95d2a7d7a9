"""A synthetic programme with enough episodes for counts to show, and its manager signed in."""

import pytest
from django.utils import timezone

from linkpad.reporting.synthetic import synthetic_programme

TODAY = timezone.localdate()


@pytest.fixture
def programme(db):
    return synthetic_programme(episodes=400, practices=3, today=TODAY, postcodes=("G22 5AA", "G11 5AA", ""))


@pytest.fixture
def manager_client(programme, client):
    client.force_login(programme.manager)
    return client
