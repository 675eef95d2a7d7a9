import pytest

from linkpad.casework.tests.factories import open_episode, practice_with_clp


@pytest.fixture
def world(db):
    return practice_with_clp()


@pytest.fixture
def episode(world):
    practice, staff, clp = world
    return open_episode(practice=practice, staff=staff, clp=clp)
