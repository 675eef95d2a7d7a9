from django.db import models

from .base import HsdsModel, line, text


def owner(model: str, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.CASCADE, related_name=related_name
    )


class Contact(HsdsModel):
    """HSDS `contact`: a named person or role to get in touch with."""

    organization = owner("Organization", "contacts")
    service = owner("Service", "contacts")
    service_at_location = owner("ServiceAtLocation", "contacts")
    location = owner("Location", "contacts")
    name = line()
    title = line()
    department = line()
    email = line(254)


class Phone(HsdsModel):
    """HSDS `phone`."""

    location = owner("Location", "phones")
    service = owner("Service", "phones")
    organization = owner("Organization", "phones")
    contact = owner("Contact", "phones")
    service_at_location = owner("ServiceAtLocation", "phones")
    number = models.CharField(max_length=50)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = line(20)
    description = text()


class Schedule(HsdsModel):
    """HSDS `schedule`: when a service is open, as iCalendar-style recurrence fields."""

    service = owner("Service", "schedules")
    location = owner("Location", "schedules")
    service_at_location = owner("ServiceAtLocation", "schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = line(2)
    freq = line(10)
    interval = models.PositiveIntegerField(null=True, blank=True)
    byday = line(100)
    byweekno = line(100)
    bymonthday = line(100)
    byyearday = line(100)
    description = text()
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = line(500)
    attending_type = line()
    notes = text()


class Language(HsdsModel):
    """HSDS `language`."""

    service = owner("Service", "languages")
    location = owner("Location", "languages")
    phone = owner("Phone", "languages")
    name = line()
    code = line(16)
    note = text()
