"""Reads for the guides: the public "at a glance" guide, and one person's link plan (scoped and audited)."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from linkpad.accounts.models import Organisation, OrganisationKind, Role, User
from linkpad.casework.models import Episode, FirstStep, GoalStatus, Link, LinkStage
from linkpad.core.audit import audit_view
from linkpad.directory.listings import services_for_display
from linkpad.directory.selectors import SearchResult, search_services
from linkpad.referrals.models import practices_served_by

from .audiences import DEFAULT_AUDIENCE, Audience, audience_for
from .concerns import Concern, concern_for
from .crisis import CrisisLines, crisis_lines
from .presenters import Support, support_for
from .qr import qr_data_uri

#: How far a guide looks for supports. A guide shows about SUPPORTS_PER_GUIDE supports, shared between its
#: sections (at least two each), so that with the crisis lines it fits on two sides of A4.
RADIUS_KM = 5.0
SUPPORTS_PER_GUIDE = 9
MIN_PER_SECTION = 2

NO_PLACE = "Enter a postcode, or choose a GP practice."
UNKNOWN_PRACTICE = "We do not know a GP practice with the code {code}."


class GuidePlaceError(ValueError):
    """The guide's place is missing or unknown: the message says what to do."""


@dataclass(frozen=True)
class GuideSection:
    heading: str
    supports: list[Support]


@dataclass(frozen=True)
class Guide:
    concern: Concern
    place: str  # where the guide is for, in words: "Saracen Cross Medical Practice, G22 5AP"
    postcode: str
    practice: Organisation | None
    sections: list[GuideSection]
    crisis: CrisisLines
    made_on: dt.date
    live_url: str  # the page that always shows the guide as it is today; the QR code encodes it
    qr: str  # the QR code, as an SVG data URI
    large_print: bool
    audience: Audience
    per_section: int  # at most this many supports in each section: on paper, one row of them


def gp_practice(code: str) -> Organisation:
    practice = Organisation.objects.filter(
        kind=OrganisationKind.GP_PRACTICE, code__iexact=code.strip(), is_active=True
    ).first()
    if practice is None:
        raise GuidePlaceError(UNKNOWN_PRACTICE.format(code=code.strip()))
    return practice


def guide_query(
    *, concern: str, postcode: str = "", practice: str = "", large_print: bool = False, audience: str = ""
) -> str:
    """The query string of a guide's page (and of its PDF); the default audience is left out, so a
    printed QR code made before audiences existed still means the same guide."""
    where = {"practice": practice} if practice else {"postcode": postcode}
    who = {"audience": audience} if audience and audience != DEFAULT_AUDIENCE else {}
    return urlencode({**where, "concern": concern, **who, **({"large_print": 1} if large_print else {})})


def _squashed(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def _nearest_first(result: SearchResult) -> tuple[bool, float]:
    return (result.distance_km is None, result.distance_km or 0.0)


def per_section(sections: int) -> int:
    """How many supports each section shows.

    >>> per_section(3), per_section(4), per_section(6)
    (3, 2, 2)
    """
    return max(MIN_PER_SECTION, SUPPORTS_PER_GUIDE // max(sections, 1))


def _section_results(
    text: str, place: str, used: set[str], size: int, ages: tuple[int, int] | None
) -> list[SearchResult]:
    """The section's few best supports not already in an earlier section, nearest first."""
    found = search_services(
        text=text, place=place, radius_km=RADIUS_KM, ages=ages, include_stale=False, limit=size * 3
    )
    fresh = [r for r in found if not r.is_stale and r.service.pk not in used][:size]
    used.update(r.service.pk for r in fresh)
    return sorted(fresh, key=_nearest_first)


def guide_build(
    *,
    site_url: str,
    concern: str | None = None,
    postcode: str = "",
    practice_code: str = "",
    large_print: bool = False,
    audience: str | None = None,
) -> Guide:
    """The guide for a concern near a practice or a postcode, from the one directory search: each section's
    few best supports assured within the freshness window, that take people of the audience's ages,
    nearest first, each support once.

    Raises UnknownConcern, UnknownAudience, GuidePlaceError or the search's UnknownPlace, each with a
    message to show."""
    chosen = concern_for(concern)
    who = audience_for(audience)
    practice = gp_practice(practice_code) if practice_code.strip() else None
    if practice and postcode.strip() and _squashed(postcode) != _squashed(practice.postcode):
        practice = None  # a postcode typed over a practice's guide asks for a guide for that postcode
    postcode = (practice.postcode if practice else postcode).strip().upper()
    if not postcode:
        raise GuidePlaceError(NO_PLACE)
    origin = practice.name if practice else postcode
    used: set[str] = set()
    size = per_section(len(chosen.sections))
    found = [(s.heading, _section_results(s.search, postcode, used, size, who.ages)) for s in chosen.sections]
    services = services_for_display().in_bulk(list(used))
    sections = [
        GuideSection(heading, [_support(r, services[r.service.pk], origin) for r in results])
        for heading, results in found
    ]
    query = guide_query(
        concern=chosen.slug,
        postcode=postcode,
        practice=practice.code if practice else "",
        large_print=large_print,
        audience=who.slug,
    )
    live_url = f"{site_url.rstrip('/')}{reverse('guides:guide')}?{query}"
    return Guide(
        concern=chosen,
        place=f"{practice.name}, {postcode}" if practice else postcode,
        postcode=postcode,
        practice=practice,
        sections=sections,
        crisis=crisis_lines(),
        made_on=timezone.localdate(),
        live_url=live_url,
        qr=qr_data_uri(live_url),
        large_print=large_print,
        audience=who,
        per_section=size,
    )


def _support(result: SearchResult, service, origin: str) -> Support:
    location = result.nearest_location.pk if result.nearest_location else None
    return support_for(service, km=result.distance_km, location_id=location, origin=origin)


def practices_for_guides(*, user: User) -> list[Organisation]:
    """The GP practices whose guide the user prints from their home page: where they are staff or CLP."""
    staff = practices_served_by(user, Role.PRACTICE_STAFF)
    clp = practices_served_by(user, Role.LINK_PRACTITIONER)
    return list(Organisation.objects.filter(Q(pk__in=staff) | Q(pk__in=clp)).order_by("name"))


# The personal link plan -------------------------------------------------------------------------------

#: Links the person and CLP have agreed on, or gone further with: a plan shows only these.
AGREED_OR_LATER = frozenset(
    {LinkStage.AGREED, LinkStage.REFERRED, LinkStage.FIRST_STEP, LinkStage.ATTENDED, LinkStage.ONGOING}
)


@dataclass(frozen=True)
class PlanStep:
    support: Support
    stage: str  # the link's stage, in words
    how: str  # how they take the first step: "Accompanied by the CLP"
    on: dt.date | None
    who_goes: str


@dataclass(frozen=True)
class LinkPlan:
    episode: Episode
    given_name: str
    full_name: str
    goals: list[str]
    steps: list[PlanStep]
    clp: str
    clp_email: str
    practice: str
    made_on: dt.date


def _latest_stage(link: Link) -> str:
    statuses = list(link.statuses.all())  # prefetched, oldest first
    return statuses[-1].stage if statuses else LinkStage.SUGGESTED


def link_plan_for(*, user: User, episode_id: int, purpose: str = "link plan") -> LinkPlan | None:
    """One person's link plan, for the CLPs of their practice only (None for anyone else). Every read,
    whether to show, print or send the plan, is recorded with its purpose."""
    episode = (
        Episode.objects.visible_to(user)
        .select_related("person", "clp", "practice")
        .prefetch_related("goals", "links__statuses")
        .filter(pk=episode_id)
        .first()
    )
    if episode is None:
        return None
    audit_view(actor=user, objects=[episode, episode.person], purpose=purpose)
    agreed = [(link, _latest_stage(link)) for link in episode.links.all()]
    agreed = [(link, stage) for link, stage in agreed if stage in AGREED_OR_LATER]
    services = services_for_display().in_bulk([link.service_id for link, _ in agreed])
    person = episode.person
    return LinkPlan(
        episode=episode,
        given_name=person.given_name,
        full_name=f"{person.given_name} {person.family_name}",
        goals=[goal.text for goal in episode.goals.all() if goal.status != GoalStatus.DROPPED],
        steps=[_step(link, stage, services[link.service_id]) for link, stage in agreed],
        clp=episode.clp.get_full_name() or str(episode.clp),
        clp_email=episode.clp.email,
        practice=episode.practice.name,
        made_on=timezone.localdate(),
    )


def _step(link: Link, stage: str, service) -> PlanStep:
    return PlanStep(
        support=support_for(service, km=None, location_id=None, origin="", brief=False),
        stage=LinkStage(stage).label,
        how=FirstStep(link.first_step).label if link.first_step else "Not decided yet",
        on=link.first_step_on,
        who_goes=link.first_step_note,
    )
