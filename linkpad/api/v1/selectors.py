"""Reads for /api/v1/ that the pages have no selector for. Each one that hands personal data to a client
records the view, like the pages' selectors; reads the pages share go through those selectors."""

import re
from dataclasses import dataclass

from django.db.models import Q

from linkpad.accounts.models import User
from linkpad.casework.models import Episode, Link, episode_scope
from linkpad.casework.selectors import with_current_stage
from linkpad.core.audit import audit_view
from linkpad.referrals.models import Person, Referral
from linkpad.referrals.selectors import with_current_status

from .paging import page_of


def _matching(search: str) -> Q:
    """A CHI number (or its start) when the search is digits; otherwise every word in a name."""
    digits = re.sub(r"\s", "", search)
    if digits.isdigit():
        return Q(chi_number__startswith=digits)
    match = Q()
    for word in search.split():
        match &= Q(given_name__icontains=word) | Q(family_name__icontains=word)
    return match


def people_page(
    *, user: User, practice_id: int | None, search: str, limit: int, offset: int
) -> tuple[int, list[Person]]:
    people = (
        Person.objects.visible_to(user).select_related("practice").order_by("family_name", "given_name", "pk")
    )
    if practice_id is not None:
        people = people.filter(practice_id=practice_id)
    if search.strip():
        people = people.filter(_matching(search))
    count, page = page_of(people, limit=limit, offset=offset)
    audit_view(actor=user, objects=page, purpose="api: people")
    return count, page


@dataclass(frozen=True)
class PersonRecord:
    """A person, with the referrals and episodes of theirs that the user may see."""

    person: Person
    referrals: list[Referral]
    episodes: list[Episode]


def person_for_api(*, user: User, person_id: int) -> PersonRecord | None:
    person = Person.objects.visible_to(user).select_related("practice").filter(pk=person_id).first()
    if person is None:
        return None
    referrals = list(with_current_status(Referral.objects.visible_to(user).filter(person=person)))
    episodes = list(with_current_stage(Episode.objects.visible_to(user).filter(person=person)))
    audit_view(actor=user, objects=[person, *referrals, *episodes], purpose="api: person")
    return PersonRecord(person=person, referrals=referrals, episodes=episodes)


def referrals_page(*, user: User, status: str | None, limit: int, offset: int) -> tuple[int, list[Referral]]:
    referrals = (
        with_current_status(Referral.objects.visible_to(user))
        .select_related("person", "practice", "allocated_to")
        .prefetch_related("reasons")
        .order_by("-received_at", "-pk")
    )
    if status:
        referrals = referrals.filter(current_status=status)
    count, page = page_of(referrals, limit=limit, offset=offset)
    audit_view(actor=user, objects=[o for r in page for o in (r, r.person)], purpose="api: referrals")
    return count, page


def episodes_page(*, user: User, stage: str | None, limit: int, offset: int) -> tuple[int, list[Episode]]:
    episodes = (
        with_current_stage(Episode.objects.visible_to(user))
        .select_related("person", "practice", "clp")
        .order_by("-opened_at", "-pk")
    )
    if stage:
        episodes = episodes.filter(current_stage=stage)
    count, page = page_of(episodes, limit=limit, offset=offset)
    audit_view(actor=user, objects=[o for e in page for o in (e, e.person)], purpose="api: episodes")
    return count, page


def _links_of_their_episodes(user: User):
    """Links the user may see as the CLP of the episode's practice. Community organisations answer
    their referrals in their inbox, which shows them the minimum; the API does not serve them."""
    scope = episode_scope(user, prefix="episode__")
    links = Link.objects.visible_to(user)
    return links.none() if scope is None else links.filter(scope)


def link_for_api(*, user: User, link_id: int) -> Link | None:
    link = (
        _links_of_their_episodes(user)
        .select_related("episode__person", "service__organization")
        .prefetch_related("statuses__created_by", "statuses__organisation")
        .filter(pk=link_id)
        .first()
    )
    if link is not None:
        audit_view(actor=user, objects=[link, link.episode.person], purpose="api: link")
    return link


def link_to_change(*, user: User, link_id: int) -> Link | None:
    """A link the user may move on as the CLP of its episode's practice; None for anyone else."""
    return (
        _links_of_their_episodes(user)
        .select_related("episode__practice", "service__organization")
        .filter(pk=link_id)
        .first()
    )
