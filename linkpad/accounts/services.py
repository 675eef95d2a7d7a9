"""Writes about users, organisations, memberships, tokens and second factors."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, Membership, Organisation, Role, User
from .selectors import api_token_hash

BACKUP_CODE_COUNT = 10
UNKNOWN_USER = "There is no Linkpad user with the email address {email}."


class AccountError(ValueError):
    """A request about an account that cannot be carried out, in words a user can act on."""


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None = None, is_demo: bool = False) -> User:
    return User.objects.create_user(email=email, password=password, full_name=full_name, is_demo=is_demo)


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, code: str = "", postcode: str = "", **fields
) -> Organisation:
    organisation = Organisation(name=name, kind=kind, code=code, postcode=postcode, **fields)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_add(*, user: User, organisation: Organisation, role: Role | str) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return membership


def user_by_email(*, email: str) -> User:
    try:
        return User.objects.get(email__iexact=email.strip())
    except User.DoesNotExist:
        raise AccountError(UNKNOWN_USER.format(email=email)) from None


@transaction.atomic
def api_token_create(
    *, user: User, name: str = "", expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """Make a new bearer token. The secret is returned once and never stored."""
    if not user.is_active:
        raise AccountError(f"{user.email} is deactivated, so cannot be given an API token.")
    if expires_in_days is not None and expires_in_days < 1:
        raise AccountError("A token must last at least one day.")
    prefix = secrets.token_hex(4)
    raw = f"lp_{prefix}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken(user=user, name=name, prefix=prefix, key_hash=api_token_hash(raw), expires_at=expires_at)
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator app a user is setting up (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm the app once it has produced a valid code, and issue fresh backup codes."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_issue(user=device.user)


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    static, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes
