"""Reads of links. The CLP reaches them through the episode; a community organisation and an emailed link
see a `ReferralForService`: the minimum a service needs to welcome someone, and nothing more."""

import datetime as dt
from dataclasses import dataclass

from linkpad.accounts.models import Organisation, User
from linkpad.core.audit import audit_view

from .link_services import current_link_stage, link_for_token
from .models import Episode, FirstStep, Link, LinkStage, community_organisations_of, episode_scope


@dataclass(frozen=True)
class ReferralForService:
    """What a service sees of a referral: no date of birth, no CHI number, no address, no casework."""

    link_id: int
    service: str
    first_name: str
    first_step: str
    first_step_on: dt.date | None
    who_goes: str
    clp: str
    practice: str
    referred_at: dt.datetime
    stage: str

    @property
    def stage_label(self) -> str:
        return LinkStage(self.stage).label

    @property
    def is_waiting(self) -> bool:
        return self.stage in (LinkStage.REFERRED, LinkStage.FIRST_STEP)


def _for_service(link: Link) -> ReferralForService:
    return ReferralForService(
        link_id=link.pk,
        service=link.service.name,
        first_name=link.episode.person.given_name,
        first_step=FirstStep(link.first_step).label if link.first_step else "Not decided yet",
        first_step_on=link.first_step_on,
        who_goes=link.first_step_note,
        clp=str(link.episode.clp),
        practice=link.episode.practice.name,
        referred_at=link.referred_at,
        stage=current_link_stage(link),
    )


def _referrals_to_services(user: User):
    return (
        Link.objects.visible_to(user)
        .filter(
            referred_at__isnull=False, service__organization__claimed_by__in=community_organisations_of(user)
        )
        .select_related("service", "episode__person", "episode__clp", "episode__practice")
        .order_by("-referred_at", "-pk")
    )


def community_organisations(*, user: User) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=community_organisations_of(user)))


def inbox(*, user: User) -> list[ReferralForService]:
    """Referrals to the services the user's community organisation looks after, newest first."""
    links = list(_referrals_to_services(user))
    audit_view(
        actor=user, objects=[o for link in links for o in (link, link.episode.person)], purpose="inbox"
    )
    return [_for_service(link) for link in links]


def inbox_link_to_answer(*, user: User, link_id: int) -> Link | None:
    """A referral the user's organisation may answer; None for any other link."""
    return _referrals_to_services(user).filter(pk=link_id).first()


def referral_for_token(*, token: str) -> tuple[Link, ReferralForService]:
    """The referral an emailed link opens, read by whoever holds the link (recorded with no actor).
    Raises LinkExpired or LinkInvalid with a plain message."""
    link = link_for_token(token)
    audit_view(actor=None, objects=[link, link.episode.person], purpose="closed-loop email link")
    return link, _for_service(link)


def episode_for_search(*, user: User, episode_id: int) -> Episode | None:
    """The episode whose person the CLP is finding support for, with what they need and where they live."""
    episode = (
        Episode.objects.visible_to(user)
        .select_related("person", "referral")
        .prefetch_related("conversations__needs", "referral__reasons")
        .filter(pk=episode_id)
        .first()
    )
    if episode is not None:
        audit_view(actor=user, objects=[episode, episode.person], purpose="find support")
    return episode


def link_to_work_on(*, user: User, episode_id: int, link_id: int) -> Link | None:
    """A link the user may change as the CLP of its episode's practice."""
    scope = episode_scope(user, prefix="episode__")
    if scope is None:
        return None
    return (
        Link.objects.visible_to(user)
        .filter(scope)
        .select_related("episode__practice", "service__organization")
        .filter(pk=link_id, episode_id=episode_id)
        .first()
    )
