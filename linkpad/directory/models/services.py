from django.db import models

from .base import HsdsModel, line, text


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class Capacity(models.TextChoices):
    """As in HSDS 3.1's service_capacity, in the words CLPs use."""

    TAKING_REFERRALS = "taking_referrals", "Taking referrals"
    WAITING_LIST = "waiting_list", "Waiting list"
    FULL = "full", "Full"


class ReferralRoute(models.TextChoices):
    DROP_IN = "drop_in", "Drop in"
    SELF_REFER = "self_refer", "Self-refer"
    NEEDS_REFERRAL = "needs_referral", "Needs a referral"


class Service(HsdsModel):
    """HSDS `service`. Linkpad adds `first_visit`, `referral_route`, `capacity` and `extra`."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=255)
    alternate_name = line()
    description = text()
    url = line(500)
    email = line(254)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    interpretation_services = text()
    application_process = text()
    fees_description = text()
    wait_time = line()
    fees = text()
    accreditations = text()
    eligibility_description = text()
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(
        null=True, blank=True, help_text="When the listing was last checked as right."
    )
    assurer_email = line(254)
    licenses = text()
    alert = text()
    last_modified = models.DateTimeField(null=True, blank=True)
    first_visit = text(help_text="What happens the first time someone goes, in plain words.")
    referral_route = models.CharField(max_length=20, choices=ReferralRoute.choices, blank=True, default="")
    capacity = models.CharField(max_length=20, choices=Capacity.choices, blank=True, default="")
    extra = models.JSONField(
        default=dict, blank=True, help_text="HSDS parts Linkpad keeps but does not model."
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "assured_date"]), models.Index(fields=["last_modified"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_age_range_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(HsdsModel):
    """HSDS `service_area`. Linkpad adds `area_code`: the current GSS code (council, HSCP, health board)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = line()
    description = text()
    extent = text()
    extent_type = line()
    uri = line(500)
    area_code = models.CharField(max_length=9, blank=True, default="", db_index=True)


class CostOption(HsdsModel):
    """HSDS `cost_option`."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = text()
    currency = line(3)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = text()
