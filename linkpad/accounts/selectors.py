"""Reads about users: their roles, whether they need two-factor sign-in, who they may see."""

import hashlib

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import ROLES_SEEING_PERSONAL_DATA, ApiToken, Membership, Role, User


def user_roles(*, user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = set(user.memberships.values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def user_needs_two_factor(*, user: User) -> bool:
    """Anyone who can see personal data (or use the admin site) must sign in with a second factor."""
    return user.is_staff or user.is_superuser or bool(user_roles(user=user) & ROLES_SEEING_PERSONAL_DATA)


def user_may_skip_two_factor(*, user: User) -> bool:
    """Only the demo users, and only while the site runs in demo mode."""
    return settings.LINKPAD_DEMO and user.is_demo


def user_is_verified(*, user: User) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def two_factor_outstanding(*, user: User) -> bool:
    """True when a signed-in user still has to complete two-factor sign-in."""
    return (
        user.is_authenticated
        and user_needs_two_factor(user=user)
        and not user_is_verified(user=user)
        and not user_may_skip_two_factor(user=user)
    )


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_user(*, raw: str) -> User | None:
    """The active user a bearer token belongs to, or None for an unknown, revoked or expired token."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=api_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= timezone.now()):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def team_members(*, viewer: User) -> list[User]:
    """The people an administrator may see, with their memberships, in name order."""
    return list(
        User.objects.visible_to(viewer).exclude(pk=viewer.pk).prefetch_related("memberships__organisation")
    )
