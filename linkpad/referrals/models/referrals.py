"""People referred to a community links practitioner, their referrals, and the waiting list.

Data and constraints only: the rules (duplicates, the status state machine, the no-response rule)
live in services.py, and who may see what lives in the `visible_to` querysets here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from linkpad.accounts.models import Membership, OrganisationKind, Role
from linkpad.core.history import HistoryRow
from linkpad.core.scoping import ScopedQuerySet


class ReasonCode(models.TextChoices):
    MONEY = "money", "Money"
    DEBT = "debt", "Debt"
    HOUSING = "housing", "Housing"
    LONELINESS = "loneliness", "Loneliness"
    MENTAL_WELLBEING = "mental_wellbeing", "Mental wellbeing"
    BEREAVEMENT = "bereavement", "Bereavement"
    CARING = "caring", "Caring for someone"
    PHYSICAL_ACTIVITY = "physical_activity", "Physical activity"
    SUBSTANCE_USE = "substance_use", "Alcohol or drugs"
    EMPLOYMENT = "employment", "Work or employment"
    FOOD = "food", "Food"
    DIGITAL = "digital", "Getting online"
    SAFETY = "safety", "Feeling safe"
    OTHER = "other", "Something else"


class Source(models.TextChoices):
    PRACTICE = "practice", "GP practice"
    SELF = "self", "Self-referral"
    PROFESSIONAL = "professional", "Another professional"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    SOON = "soon", "Soon"
    URGENT = "urgent", "Urgent"


class Priority(models.IntegerChoices):
    HIGH = 1, "High"
    MEDIUM = 2, "Medium"
    LOW = 3, "Low"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    TRIAGED = "triaged", "Triaged"
    ALLOCATED = "allocated", "Allocated"
    CONTACTED = "contacted", "Contacted"
    DECLINED = "declined", "Declined"
    NO_RESPONSE = "no_response", "No response"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: Statuses of referrals still waiting for a first conversation with their CLP.
WAITING = (Status.RECEIVED, Status.TRIAGED, Status.ALLOCATED)


class ContactPreference(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class ContactOutcome(models.TextChoices):
    REACHED = "reached", "Spoke to them"
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_DETAILS = "wrong_details", "Wrong number or address"


def practices_served_by(user, role: str) -> models.QuerySet:
    """The GP practices where the user holds this role (as organisation ids)."""
    return Membership.objects.filter(
        user=user, role=role, organisation__kind=OrganisationKind.GP_PRACTICE
    ).values("organisation")


def referral_scope(user, prefix: str = "") -> models.Q | None:
    """Who sees a referral: the CLPs of its practice, and the staff of the practice that made it.

    None means the user sees no referrals at all (anyone else: programme managers see aggregates).
    """
    if not getattr(user, "is_authenticated", False):
        return None
    served = practices_served_by(user, Role.LINK_PRACTITIONER)
    staff_of = practices_served_by(user, Role.PRACTICE_STAFF)
    return models.Q(**{f"{prefix}practice__in": served}) | models.Q(
        **{f"{prefix}practice__in": staff_of, f"{prefix}source": Source.PRACTICE}
    )


class PersonQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "PersonQuerySet":
        """People with a referral the user may see."""
        scope = referral_scope(user, prefix="referrals__")
        if scope is None:
            return self.none()
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))


class Person(models.Model):
    """Someone referred to a community links practitioner."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    chi_number = models.CharField("CHI number", max_length=10, blank=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    simd_decile = models.PositiveSmallIntegerField(
        "SIMD decile",
        null=True,
        blank=True,
        help_text="From the postcode when the person was recorded: 1 is the most deprived tenth of Scotland.",
    )
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    preferred_contact = models.CharField(
        max_length=16, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    practice = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="people",
        limit_choices_to={"kind": OrganisationKind.GP_PRACTICE},
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["chi_number"], condition=~models.Q(chi_number=""), name="unique_chi_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ReferralQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        scope = referral_scope(user)
        return self.none() if scope is None else self.filter(scope)

    def workable_by(self, user) -> "ReferralQuerySet":
        """Referrals the user may act on: those of the practices where they are the CLP."""
        return self.filter(practice__in=practices_served_by(user, Role.LINK_PRACTITIONER))


class Referral(models.Model):
    """A request for a community links practitioner to see someone."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    practice = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        limit_choices_to={"kind": OrganisationKind.GP_PRACTICE},
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_made",
        help_text="Empty for self-referrals.",
    )
    referrer_name = models.CharField(
        max_length=150, blank=True, help_text="A professional outside the practice."
    )
    referrer_role = models.CharField(max_length=150, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=32, blank=True)
    referrer_email = models.EmailField(blank=True)
    details = models.TextField(blank=True, help_text="What is going on, in the referrer's words.")
    urgency = models.CharField(max_length=8, choices=Urgency.choices, default=Urgency.ROUTINE)
    consent_to_share = models.BooleanField(
        help_text="The person agreed that their details can be shared with the CLP and the supports they "
        "are linked to."
    )
    received_at = models.DateTimeField(default=timezone.now)
    priority = models.PositiveSmallIntegerField(
        choices=Priority.choices, null=True, blank=True, help_text="Set at triage."
    )
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_allocated",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["received_at"]
        indexes = [models.Index(fields=["practice", "received_at"])]

    def __str__(self) -> str:
        return f"Referral {self.pk}"


class ChildOfReferralQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        scope = referral_scope(user, prefix="referral__")
        return self.none() if scope is None else self.filter(scope)


class ReferralReason(models.Model):
    """One coded reason for a referral: a row each, so reports can count referrals by reason."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reasons")
    reason = models.CharField(max_length=32, choices=ReasonCode.choices)

    objects = ChildOfReferralQuerySet.as_manager()

    class Meta:
        ordering = ["referral", "reason"]
        constraints = [models.UniqueConstraint(fields=["referral", "reason"], name="unique_referral_reason")]

    def __str__(self) -> str:
        return self.get_reason_display()


class ReferralStatus(HistoryRow):
    """One step in a referral's history, by the person who took it. Never changed once written."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=16, choices=Status.choices)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for self-referrals, received with nobody signed in.",
    )

    objects = ChildOfReferralQuerySet.as_manager()

    class Meta(HistoryRow.Meta):
        verbose_name_plural = "referral statuses"

    def __str__(self) -> str:
        return self.get_status_display()


class ContactAttempt(models.Model):
    """A try at reaching the person referred, successful or not."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="contact_attempts")
    attempted_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=16, choices=ContactMethod.choices)
    outcome = models.CharField(max_length=16, choices=ContactOutcome.choices)
    notes = models.TextField(blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ChildOfReferralQuerySet.as_manager()

    class Meta:
        ordering = ["attempted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()}: {self.get_outcome_display()}"

    @property
    def reached(self) -> bool:
        return self.outcome == ContactOutcome.REACHED
