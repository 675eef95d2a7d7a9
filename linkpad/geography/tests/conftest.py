import pytest

from linkpad.geography.services import LoadResult, geography_load

from .sample_files import write_geography_files


def pytest_configure(config):
    # Registered here because the shared marker list lives in pyproject.toml, which this app does
    # not own; `pytest -m "not slow"` skips the full-data test when iterating quickly.
    config.addinivalue_line(
        "markers", "slow: loads the full shipped reference data (about 10 s); runs by default"
    )


@pytest.fixture
def geography_dir(tmp_path):
    """A folder holding a few real rows of each geography file."""
    return write_geography_files(tmp_path / "geography")


@pytest.fixture
def geography(db, geography_dir) -> LoadResult:
    """The sample geography, loaded."""
    return geography_load(data_dir=geography_dir)
