"""Messages back to the GP: what happened to a referral, in the PRSB Social Prescribing standard's terms.

A message belongs to a referral (and, once casework has started, its episode). Its fields are copied
from the record when it is sent, so the practice reads what was true then, whatever changes later.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.core.scoping import ScopedQuerySet

from .referrals import Referral, practices_served_by

__all__ = ["SNOMED_CT", "GpMessage", "GpMessageKind", "GpMessageQuerySet", "snomed_for"]

#: The code system of the codes below, as GP systems name it in structured imports.
SNOMED_CT = "http://snomed.info/sct"
REFERRAL_CODE = ("871731000000106", "Referral to social prescribing service")
DECLINED_CODE = ("871711000000103", "Social prescribing declined")


class GpMessageKind(models.TextChoices):
    RECEIVED = "received", "Referral received"
    DECLINED = "declined", "Referral declined"
    FIRST_CONTACT = "first_contact", "First contact made"
    NOT_CONTACTED = "not_contacted", "Not able to contact"
    UPDATE = "update", "Linking update"
    CLOSURE = "closure", "Closure"


def snomed_for(kind: str) -> tuple[str, str]:
    """The SNOMED CT concept a message carries: "declined" for a declined referral, otherwise the
    referral to social prescribing that every other message is about.

    >>> snomed_for("declined")
    ('871711000000103', 'Social prescribing declined')
    >>> snomed_for("closure")
    ('871731000000106', 'Referral to social prescribing service')
    """
    return DECLINED_CODE if kind == GpMessageKind.DECLINED else REFERRAL_CODE


class GpMessageQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "GpMessageQuerySet":
        """The practice's staff (the practice the referral came to) and the CLPs serving it; nobody else."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        served = practices_served_by(user, Role.LINK_PRACTITIONER)
        staff_of = practices_served_by(user, Role.PRACTICE_STAFF)
        return self.filter(
            models.Q(referral__practice__in=served) | models.Q(referral__practice__in=staff_of)
        )

    def for_practice_staff(self, user) -> "GpMessageQuerySet":
        """The messages in the inboxes of the practices where the user is staff."""
        return self.filter(referral__practice__in=practices_served_by(user, Role.PRACTICE_STAFF))


class GpMessage(models.Model):
    """A message to the person's GP practice about their referral, kept as it was sent."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="gp_messages")
    episode = models.ForeignKey(
        "casework.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="gp_messages"
    )
    kind = models.CharField(max_length=16, choices=GpMessageKind.choices)
    snomed_code = models.CharField("SNOMED CT code", max_length=18)
    snomed_display = models.CharField("SNOMED CT term", max_length=200)
    content = models.JSONField(
        default=dict,
        help_text="The PRSB social prescribing fields: reasons, what matters, plan, supports, closure, CLP.",
    )
    summary = models.TextField(help_text="The message in plain words, as the practice reads it.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = GpMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "message to the GP"
        verbose_name_plural = "messages to the GP"
        indexes = [models.Index(fields=["referral", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: referral {self.referral_id}"
