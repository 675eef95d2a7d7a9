"""Reads for messages back to the GP and the practice's own referrals. Each read of personal data for a
page, print-out or export is recorded here."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from linkpad.accounts.models import Role, User
from linkpad.casework.models import Episode
from linkpad.core.audit import audit_view

from .models import GpMessage, Referral, Source, practices_served_by
from .selectors import with_current_status

UNREAD_FIRST = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())


def practice_inbox(*, user: User) -> list[GpMessage]:
    """Messages to the practices where the user is staff: unread first, then newest first."""
    messages = list(
        GpMessage.objects.visible_to(user)
        .for_practice_staff(user)
        .select_related("referral__person", "referral__practice", "read_by", "created_by")
        .annotate(is_read=UNREAD_FIRST)
        .order_by("is_read", "-created_at", "-pk")
    )
    audit_view(actor=user, objects=messages, purpose="GP inbox")
    return messages


def _referred_from_practice(user: User) -> QuerySet[Referral]:
    """Referrals the user's practices made (not self-referrals or other professionals' referrals)."""
    return Referral.objects.visible_to(user).filter(
        practice__in=practices_served_by(user, Role.PRACTICE_STAFF), source=Source.PRACTICE
    )


def practice_referrals(*, user: User) -> list[Referral]:
    """The referrals made from the user's practices, newest first, with their current status."""
    referrals = list(
        with_current_status(_referred_from_practice(user))
        .select_related("person", "practice", "referred_by")
        .prefetch_related("reasons")
        .order_by("-received_at", "-pk")
    )
    audit_view(actor=user, objects=[r.person for r in referrals], purpose="your referrals")
    return referrals


def practice_referral_for_page(*, user: User, referral_id: int) -> Referral | None:
    """One referral made from the user's practice, with its history and messages; None otherwise."""
    referral = (
        with_current_status(_referred_from_practice(user))
        .select_related("person", "practice", "referred_by")
        .prefetch_related("reasons", "statuses")
        .filter(pk=referral_id)
        .first()
    )
    if referral is not None:
        audit_view(actor=user, objects=[referral, referral.person], purpose="practice referral")
        referral.messages = list(GpMessage.objects.visible_to(user).filter(referral=referral))
    return referral


def gp_message_for_page(*, user: User, message_id: int, purpose: str = "GP message") -> GpMessage | None:
    """One message the user may see (its practice's staff, or its CLPs); None for anyone else."""
    message = (
        GpMessage.objects.visible_to(user)
        .select_related("referral__person", "referral__practice", "episode", "created_by", "read_by")
        .filter(pk=message_id)
        .first()
    )
    if message is not None:
        audit_view(actor=user, objects=[message, message.referral.person], purpose=purpose)
    return message


def episode_for_gp_message(*, user: User, episode_id: int) -> Episode | None:
    """The episode a CLP writes to the GP about, with its referral; None for anyone else."""
    episode = (
        Episode.objects.visible_to(user)
        .select_related("person", "referral__person", "referral__practice", "clp")
        .filter(pk=episode_id)
        .first()
    )
    if episode is not None:
        audit_view(actor=user, objects=[episode, episode.person], purpose="GP message preview")
    return episode


def is_practice_staff_for(*, user: User, message: GpMessage) -> bool:
    return (
        practices_served_by(user, Role.PRACTICE_STAFF)
        .filter(organisation=message.referral.practice_id)
        .exists()
    )
