"""Linkpad's care of listings: shortlists people make, problems they report, claims and edits."""

import secrets

from django.conf import settings
from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Shortlist(models.Model):
    """Supports someone has picked out, to print, email or share as a link. No personal data."""

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    services = models.ManyToManyField("Service", through="ShortlistItem", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Shortlist {self.token}"


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "service"], name="unique_shortlist_service")
        ]

    def __str__(self) -> str:
        return f"{self.service} on {self.shortlist}"


class ProblemKind(models.TextChoices):
    DETAILS_WRONG = "details_wrong", "The contact details are wrong"
    NO_RESPONSE = "no_response", "Nobody answers"
    TIMES_WRONG = "times_wrong", "The days or times are wrong"
    UNCLEAR = "unclear", "The information is unclear"
    CLOSED = "closed", "It has closed or stopped running"
    NOT_IN_AREA = "not_in_area", "It does not cover the area it says"
    OTHER = "other", "Something else"


class ListingProblem(models.Model):
    """A report from anyone that a listing is wrong. Editors resolve it."""

    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="problems")
    kind = models.CharField(max_length=20, choices=ProblemKind.choices)
    message = models.TextField(blank=True, default="")
    reporter_email = models.EmailField(blank=True, default="")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.service}"


class ReviewState(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ListingClaim(models.Model):
    """A community organisation asking to look after an organisation's listings."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="listing_claims"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True, default="")
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.claimant} claims {self.organization}"


class ListingChange(models.Model):
    """A proposed edit to a service. Edits by non-editors wait here until an editor approves them."""

    service = models.ForeignKey("Service", on_delete=models.CASCADE, related_name="proposed_changes")
    changes = models.JSONField(help_text="Field name → new value.")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Change to {self.service} ({self.get_state_display()})"
