"""The open directory API at /api/oruk/: Open Referral UK 3.0, read only, no key needed.

Responses follow the ORUK profile's compiled schemas (the tests check every one). Any site may
call it from a browser: every response carries `Access-Control-Allow-Origin: *`.
"""

import datetime as dt
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, Throttled
from ninja.throttling import AnonRateThrottle

from linkpad.directory.hsds.exporter import (
    service_at_location_list_item,
    service_list_item,
    service_to_hsds,
    services_for_export,
    taxonomy_term_to_hsds,
    taxonomy_to_hsds,
)
from linkpad.directory.hsds.queries import (
    QueryError,
    ServiceQuery,
    paginate,
    service_at_locations_near,
    services_matching,
)
from linkpad.directory.models import Service, Taxonomy, TaxonomyTerm
from linkpad.geography.postcodes import PostcodeError
from linkpad.geography.selectors import locate

#: What `GET /api/oruk/` says; the ORUK validator reads `version` to choose the profile.
VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
SERVICE_NOT_FOUND = "There is no service with the id {id}."
TAXONOMY_NOT_FOUND = "There is no taxonomy with the id {id}."
TERM_NOT_FOUND = "There is no taxonomy term with the id {id}."


def allow_any_origin(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET"
        return response

    return wrapped


class OpenDirectoryAPI(NinjaAPI):
    """A NinjaAPI whose every URL, the OpenAPI document included, can be read from any origin."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = allow_any_origin(pattern.callback)
        return patterns


class OpenApiThrottle(AnonRateThrottle):
    """Requests per client address, at the rate LINKPAD_OPEN_API_RATE says (read on every request,
    so a change of setting needs no restart); an empty rate turns the limit off."""

    def __init__(self):
        super().__init__(settings.LINKPAD_OPEN_API_RATE or "1/s")

    def allow_request(self, request) -> bool:
        rate = settings.LINKPAD_OPEN_API_RATE
        if not rate:
            return True
        if rate != self.rate:
            self.rate, (self.num_requests, self.duration) = rate, self.parse_rate(rate)
        return super().allow_request(request)


api = OpenDirectoryAPI(
    title="Linkpad open directory (Open Referral UK)",
    throttle=[OpenApiThrottle()],
    version="3.0",
    urls_namespace="api-oruk",
    description=(
        "Community supports in Linkpad's directory, as Open Referral UK 3.0 (HSDS 3.0 UK profile). "
        "No key needed. Filters combine with AND. Each client address may make LINKPAD_OPEN_API_RATE "
        "requests (120 a minute unless the operator says otherwise); past that the answer is 429 with "
        "Retry-After."
    ),
)


@api.exception_handler(Throttled)
def too_many_requests(request, error: Throttled):
    wait = max(1, int(error.wait or 1))
    response = api.create_response(
        request,
        {"detail": f"Too many requests from this address. Try again in {wait} seconds."},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


class Page(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class ApiDetails(Schema):
    version: str
    profile: str
    openapi_url: str


class PageParams(Schema):
    page: int | None = None
    per_page: int | None = None


class ServiceParams(PageParams):
    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    modified_after: dt.datetime | None = None

    def query(self) -> ServiceQuery:
        fields = self.model_dump(exclude={"page", "per_page", "postcode", "proximity"})
        return ServiceQuery(**fields)


class NearParams(ServiceParams):
    postcode: str | None = None
    proximity: float | None = None


@api.get("/", response=ApiDetails, summary="About this API")
def api_details(request: HttpRequest):
    return {
        "version": VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("api-oruk:openapi-json")),
    }


@api.get("/services", response=Page, summary="Services, a page at a time")
def services(request: HttpRequest, params: Query[ServiceParams]):
    try:
        matching = services_matching(params.query()).select_related("organization")
    except QueryError as error:
        raise HttpError(400, str(error)) from error
    page = paginate(matching, page=params.page, per_page=params.per_page)
    return page.envelope([service_list_item(service) for service in page.items])


@api.get("/services/{id}", response=dict[str, Any], summary="One service, fully nested")
def service(request: HttpRequest, id: str):  # noqa: A002 - the ORUK name
    found = services_for_export(Service.objects.filter(id=id))
    if not found:
        raise HttpError(404, SERVICE_NOT_FOUND.format(id=id))
    return service_to_hsds(found[0])


@api.get("/service_at_locations", response=Page, summary="Where services are delivered, nearest first")
def service_at_locations(request: HttpRequest, params: Query[NearParams]):
    latitude = longitude = None
    if params.postcode:
        try:
            place = locate(params.postcode)
        except PostcodeError as error:
            raise HttpError(400, str(error)) from error
        latitude, longitude = place.latitude, place.longitude
    try:
        matching = services_matching(params.query())
    except QueryError as error:
        raise HttpError(400, str(error)) from error
    rows = service_at_locations_near(
        matching, latitude=latitude, longitude=longitude, metres=params.proximity
    )
    page = paginate(rows, page=params.page, per_page=params.per_page)
    return page.envelope([service_at_location_list_item(row) for row in page.items])


@api.get("/taxonomies", response=Page, summary="Taxonomies, a page at a time")
def taxonomies(request: HttpRequest, params: Query[PageParams]):
    page = paginate(Taxonomy.objects.order_by("name", "id"), page=params.page, per_page=params.per_page)
    return page.envelope([taxonomy_to_hsds(taxonomy) for taxonomy in page.items])


@api.get("/taxonomies/{id}", response=dict[str, Any], summary="One taxonomy")
def taxonomy(request: HttpRequest, id: str):  # noqa: A002
    found = Taxonomy.objects.filter(id=id).first()
    if found is None:
        raise HttpError(404, TAXONOMY_NOT_FOUND.format(id=id))
    return taxonomy_to_hsds(found)


@api.get("/taxonomy_terms", response=Page, summary="Taxonomy terms, a page at a time")
def taxonomy_terms(request: HttpRequest, params: Query[PageParams], taxonomy_id: str | None = None):
    terms = TaxonomyTerm.objects.select_related("taxonomy_detail").order_by("name", "id")
    if taxonomy_id:
        terms = terms.filter(taxonomy_detail_id=taxonomy_id)
    page = paginate(terms, page=params.page, per_page=params.per_page)
    return page.envelope([taxonomy_term_to_hsds(term) for term in page.items])


@api.get("/taxonomy_terms/{id}", response=dict[str, Any], summary="One taxonomy term")
def taxonomy_term(request: HttpRequest, id: str):  # noqa: A002
    found = TaxonomyTerm.objects.select_related("taxonomy_detail").filter(id=id).first()
    if found is None:
        raise HttpError(404, TERM_NOT_FOUND.format(id=id))
    return taxonomy_term_to_hsds(found)
