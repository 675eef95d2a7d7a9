"""Factories for directory rows and for nested HSDS service documents, used by the HSDS tests."""

import uuid

import factory

from linkpad.directory.models import (
    Attribute,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


def new_uuid() -> str:
    return str(uuid.uuid4())


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    id = factory.LazyFunction(new_uuid)
    name = factory.Sequence(lambda n: f"Community Organisation {n}")
    description = "Runs groups in the east end."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    id = factory.LazyFunction(new_uuid)
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Walking Group {n}")
    description = "A gentle walk and a cup of tea afterwards."
    status = "active"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    id = factory.LazyFunction(new_uuid)
    name = factory.Sequence(lambda n: f"Community Hall {n}")
    latitude = 55.8443
    longitude = -4.2412


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    id = factory.LazyFunction(new_uuid)
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    id = factory.LazyFunction(new_uuid)
    freq = "WEEKLY"
    byday = "TU"


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxonomy

    id = factory.LazyFunction(new_uuid)
    name = factory.Sequence(lambda n: f"Vocabulary {n}")
    description = "Words for kinds of support."


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm

    id = factory.LazyFunction(new_uuid)
    name = factory.Sequence(lambda n: f"Term {n}")
    description = "A kind of support."
    taxonomy_detail = factory.SubFactory(TaxonomyFactory)


class AttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribute

    id = factory.LazyFunction(new_uuid)
    link_entity = "service"
    taxonomy_term = factory.SubFactory(TaxonomyTermFactory)


def hsds_service(**fields) -> dict:
    """A small, valid, fully nested HSDS 3.0 service document (new ids each time)."""
    service_id, location_id = new_uuid(), new_uuid()
    document = {
        "id": service_id,
        "name": "Tuesday Walking Group",
        "description": "A gentle walk round the park, then tea.",
        "status": "active",
        "minimum_age": 18,
        "organization": {"id": new_uuid(), "name": "Park Walkers", "description": "Volunteers who walk."},
        "phones": [{"id": new_uuid(), "number": "0141 496 0000"}],
        "schedules": [
            {"id": new_uuid(), "freq": "WEEKLY", "byday": "TU", "opens_at": "10:00", "closes_at": "11:30"}
        ],
        "service_areas": [{"id": new_uuid(), "name": "Glasgow City"}],
        "service_at_locations": [
            {
                "id": new_uuid(),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Park gates",
                    "latitude": 55.8443,
                    "longitude": -4.2412,
                    "addresses": [
                        {
                            "id": new_uuid(),
                            "address_1": "1 Park Road",
                            "city": "Glasgow",
                            "state_province": "Scotland",
                            "postal_code": "G5 0LB",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "cost_options": [{"id": new_uuid(), "option": "Free", "amount": 0, "currency": "GBP"}],
        "x_linkpad": {
            "first_visit": "Meet at the gates.",
            "referral_route": "drop_in",
            "capacity": "taking_referrals",
        },
    }
    document.update(fields)
    return document
