"""Links: supports a person is linked to from their episode, each with its own status history.

A link goes suggested -> agreed -> referred -> first step -> attended -> ongoing, or ends stopped or
declined (see `link_services.LINK_TRANSITIONS`). Once referred, the service's organisation is asked to
answer: in its Linkpad inbox when a community organisation on Linkpad claims the listing, otherwise by a
signed, expiring link emailed to the service.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import Membership, OrganisationKind, Role
from linkpad.core.history import HistoryRow
from linkpad.core.scoping import ScopedQuerySet

from .episodes import Episode, episode_scope

__all__ = ["FirstStep", "Link", "LinkStage", "LinkStatus", "community_organisations_of"]


class FirstStep(models.TextChoices):
    ACCOMPANIED = "accompanied", "Accompanied by the CLP"
    WARM_HANDOVER = "warm_handover", "Warm handover"
    PHONE = "phone", "Introduced by phone"
    INFORMATION = "information", "Information only"


class LinkStage(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    AGREED = "agreed", "Agreed"
    REFERRED = "referred", "Referred"
    FIRST_STEP = "first_step", "First step arranged"
    ATTENDED = "attended", "Attended"
    ONGOING = "ongoing", "Ongoing"
    STOPPED = "stopped", "Stopped"
    DECLINED = "declined", "Declined"


def community_organisations_of(user) -> models.QuerySet:
    """The community organisations where the user is staff (as organisation ids)."""
    return Membership.objects.filter(
        user=user, role=Role.COMMUNITY_STAFF, organisation__kind=OrganisationKind.COMMUNITY_ORGANISATION
    ).values("organisation")


class LinkQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "LinkQuerySet":
        """The practice's CLPs see its links; community staff see the links referred to services their
        organisation claims (and only through the minimum-data selectors); nobody else sees any."""
        scope = episode_scope(user, prefix="episode__")
        if scope is None:
            return self.none()
        sent_to_them = models.Q(
            referred_at__isnull=False,
            service__organization__claimed_by__in=community_organisations_of(user),
        )
        return self.filter(scope | sent_to_them)


class Link(models.Model):
    """A support in the directory that a person is linked to, and how they take the first step."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="links")
    service = models.ForeignKey("directory.Service", on_delete=models.PROTECT, related_name="links")
    first_step = models.CharField(max_length=16, choices=FirstStep.choices, blank=True)
    first_step_on = models.DateField("date of the first step", null=True, blank=True)
    first_step_note = models.CharField(
        "who goes with them",
        max_length=500,
        blank=True,
        help_text="Who goes with them, and anything to know.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    referred_at = models.DateTimeField(
        null=True, blank=True, help_text="When the service was asked to take the person on."
    )
    emailed_to = models.EmailField(blank=True, help_text="Where the answer link was emailed, if it was.")
    answer_key = models.CharField(
        max_length=32,
        blank=True,
        help_text="Part of the emailed answer link; emptied after a final answer so the link stops working.",
    )

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Link {self.pk} to {self.service_id}"


class LinkStatusQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        return self.filter(link__in=Link.objects.visible_to(user))


class LinkStatus(HistoryRow):
    """One step in a link's history, by the user, or by the organisation that answered. Never changed."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="statuses")
    stage = models.CharField(max_length=16, choices=LinkStage.choices)
    note = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="Why the link was declined.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The community organisation that answered, through its inbox.",
    )
    by_email_link = models.BooleanField(default=False, help_text="Answered through the emailed link.")

    objects = LinkStatusQuerySet.as_manager()

    class Meta(HistoryRow.Meta):
        verbose_name_plural = "link statuses"

    def __str__(self) -> str:
        return self.get_stage_display()
