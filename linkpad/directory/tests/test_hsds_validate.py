"""The offline schema check: official examples pass, the ORUK validator's mocks behave as named."""

import copy
import json
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from linkpad.directory.hsds import validate
from linkpad.directory.hsds.validate import (
    HSDS_SERVICE,
    page_warnings,
    problems,
    quick_check,
    service_problems,
    validator,
)

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


# The compiled quick check must agree with the full jsonschema validator on every document ------------

_DEMO = json.loads(
    (Path(__file__).resolve().parents[3] / "data/demo/community_supports.hsds.json").read_text()
)[:12]
_BREAKAGES = [None, 123, 1.5, True, "not a uuid", "someone@", "", [], {}, ["x"], {"id": 1}]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _broken(document, path, breakage, delete):
    document = copy.deepcopy(document)
    *parents, last = path
    target = document
    for part in parents:
        target = target[part]
    if delete and isinstance(target, dict):
        del target[last]
    else:
        target[last] = breakage
    return document


@hypothesis_settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
@pytest.mark.parametrize("strict_ids", [True, False])
def test_the_quick_check_agrees_with_the_full_validator(strict_ids, data):
    service = data.draw(st.sampled_from(_DEMO))
    paths = [path for path in _paths(service) if path]
    path = data.draw(st.sampled_from(paths))
    document = _broken(service, path, data.draw(st.sampled_from(_BREAKAGES)), data.draw(st.booleans()))
    quick = quick_check(HSDS_SERVICE, strict_ids=strict_ids)
    full_errors = list(validator(HSDS_SERVICE, strict_ids=strict_ids).iter_errors(document))
    assert quick(document) == (not full_errors), (path, full_errors[:1])
