from linkpad.geography.tests.conftest import geography, geography_dir  # noqa: F401  (sample postcodes)
