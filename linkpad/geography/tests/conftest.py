import pytest

from linkpad.geography.services import LoadResult, geography_load

from .sample_files import write_geography_files


@pytest.fixture
def geography_dir(tmp_path):
    """A folder holding a few real rows of each geography file."""
    return write_geography_files(tmp_path / "geography")


@pytest.fixture
def geography(db, geography_dir) -> LoadResult:
    """The sample geography, loaded."""
    return geography_load(data_dir=geography_dir)
