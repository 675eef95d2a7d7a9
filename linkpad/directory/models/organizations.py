from django.db import models

from .base import HsdsModel, line, text


class Organization(HsdsModel):
    """HSDS `organization`: who provides services. Linkpad adds `claimed_by` and `extra`."""

    name = models.CharField(max_length=255)
    alternate_name = line()
    description = text()
    email = line(254)
    website = line(500)
    tax_status = line()
    tax_id = line()
    year_incorporated = models.PositiveSmallIntegerField(null=True, blank=True)
    legal_status = line()
    logo = line(500)
    uri = line(500)
    parent_organization = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    claimed_by = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_organizations",
        help_text="The Linkpad community organisation that looks after these listings.",
    )
    extra = models.JSONField(
        default=dict,
        blank=True,
        help_text="HSDS parts Linkpad keeps but does not model (funding, programs, …).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
