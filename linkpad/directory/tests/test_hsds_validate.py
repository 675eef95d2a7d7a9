"""The offline schema check: official examples pass, the ORUK validator's mocks behave as named."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from linkpad.directory.hsds import validate
from linkpad.directory.hsds.validate import page_warnings, problems, service_problems

MOCKS = Path(settings.LINKPAD_DATA_DIR) / "hsds/oruk-validator-mocks/OpenReferralApi/Mocks"
ORGANIZATION_ITEM = validate.ORUK_BASE + "compiled/organization_list.json"
SCHEMA_FOR_MOCK = {
    "api_details": validate.ORUK_API_DETAILS,
    "service_full": validate.ORUK_SERVICE,
    "service_list": validate.ORUK_SERVICE_PAGE,
    "service_at_location_full": validate.ORUK_SERVICE_AT_LOCATION,
    "service_at_location_list": validate.ORUK_SERVICE_AT_LOCATION_PAGE,
    "organization": validate.ORUK_ORGANIZATION,
    "organization_full": validate.ORUK_ORGANIZATION,
    "taxonomy": validate.ORUK_TAXONOMY,
    "taxonomy_list": validate.ORUK_TAXONOMY_PAGE,
    "taxonomy_term": validate.ORUK_TAXONOMY_TERM,
    "taxonomy_term_list": validate.ORUK_TAXONOMY_TERM_PAGE,
}


def mock(folder: str, name: str):
    return json.loads((MOCKS / folder / f"{name}.json").read_text(encoding="utf-8"))


def mock_problems(folder: str, name: str) -> list[str]:
    document = mock(folder, name)
    if name == "organization_list":  # ORUK's OpenAPI has no organisation list; check each item
        return [str(p) for item in document["contents"] for p in problems(item, ORGANIZATION_ITEM)]
    return [str(p) for p in problems(document, SCHEMA_FOR_MOCK[name])]


@pytest.mark.parametrize("name", sorted(SCHEMA_FOR_MOCK))
def test_every_default_mock_is_valid_and_consistent(name):
    if not (MOCKS / "V3.0-UK-Default" / f"{name}.json").exists():
        pytest.skip("no Default mock of this name")
    assert mock_problems("V3.0-UK-Default", name) == []
    if name.endswith("_list"):
        assert page_warnings(mock("V3.0-UK-Default", name)) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "api_details",
            'openapi_url: "docs-openreferraluk-org/en/latest/openapi30.json" is not a web address',
        ),
        ("service_full", 'email: "email-example_com" is not an email address'),
        ("service_full", 'url: "example/counselling" is not a web address'),
        ("service_list", "contents[0].name: is missing (it is required)"),
        ("taxonomy_term", "description: is missing (it is required)"),
    ],
)
def test_fail_mocks_fail_for_their_reason(name, reason):
    assert any(reason in problem for problem in mock_problems("V3.0-UK-Fail", name))


def test_fail_mocks_that_pass_the_schema_fail_by_contradicting_the_list():
    """The other Fail mocks are valid documents; they fail the validator's cross-checks instead."""
    listed = mock("V3.0-UK-Fail", "service_at_location_list")["contents"][0]["id"]
    assert mock("V3.0-UK-Fail", "service_at_location_full")["id"] != listed
    listed_term = mock("V3.0-UK-Fail", "taxonomy_term_list")["contents"][0]["id"]
    assert mock("V3.0-UK-Fail", "taxonomy_term")["id"] != listed_term


@pytest.mark.parametrize("name", ["api_details", "service_full", "service_list", "taxonomy", "taxonomy_list"])
def test_warn_mocks_are_valid(name):
    assert mock_problems("V3.0-UK-Warn", name) == []


def test_warn_term_list_gets_a_warning_for_its_contradictory_envelope():
    assert page_warnings(mock("V3.0-UK-Warn", "taxonomy_term_list")) == ["last_page is True on page 1 of 2"]


def test_warn_term_lacks_the_description_oruk_requires():
    # This "Warn" mock is byte-for-byte the Fail one: the ORUK validator only warns about it, Linkpad's
    # schema check reports it as a problem.
    assert mock("V3.0-UK-Warn", "taxonomy_term") == mock("V3.0-UK-Fail", "taxonomy_term")
    assert "description: is missing (it is required)" in mock_problems("V3.0-UK-Warn", "taxonomy_term")[0]


@pytest.mark.parametrize("profile", ["hsds", "oruk"])
def test_the_official_full_service_examples_are_valid(profile):
    for folder in ("hsds-3.0", "oruk-3.0"):
        path = Path(settings.LINKPAD_DATA_DIR) / "hsds" / folder / "examples" / "service_full.json"
        assert service_problems(json.loads(path.read_text()), profile=profile) == []


def test_a_problem_names_the_service_and_the_field_in_plain_english():
    record = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Counselling", "status": "open"}
    assert [str(p) for p in service_problems(record)] == [
        'service "Counselling" (ac148810-d857-441c-9679-408f346de14b): status: "open" is not one of: '
        "active, inactive, defunct, temporarily closed"
    ]


def test_the_fast_check_agrees_with_jsonschema_on_broken_records():
    service = mock("V3.0-UK-Default", "service_full")
    broken = [
        {**service, "minimum_age": "twelve"},
        {**service, "schedules": [{"id": 1}]},
        {**service, "organization": {"id": service["organization"]["id"]}},
        {**service, "last_modified": "yesterday"},
    ]
    for record in [service, *broken]:
        for schema in (validate.HSDS_SERVICE, validate.ORUK_SERVICE):
            assert validate.quick_check(schema)(record) == validate.validator(schema).is_valid(record)


def test_schemas_resolve_offline_from_the_shipped_files(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    assert validate.registry().resolver().lookup(validate.ORUK_SERVICE_PAGE).contents
