from django.db import models

from .base import HsdsModel, line, text


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Location(HsdsModel):
    """HSDS `location`: a place where services are delivered."""

    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = line(500)
    organization = models.ForeignKey(
        "Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="locations"
    )
    name = line()
    alternate_name = line()
    description = text()
    transportation = text()
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = line()
    external_identifier_type = line()

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or self.id


class ServiceAtLocation(HsdsModel):
    """HSDS `service_at_location`: a service delivered at a location."""

    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = text()


class AddressType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Address(HsdsModel):
    """HSDS `address`."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = line()
    address_1 = line()
    address_2 = line()
    city = line()
    region = line()
    state_province = line()
    postal_code = line(16)
    country = line(2)
    address_type = models.CharField(max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL)


class Accessibility(HsdsModel):
    """HSDS `accessibility`: what a location offers (step-free access, a hearing loop, …)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = text()
    details = text()
    url = line(500)
