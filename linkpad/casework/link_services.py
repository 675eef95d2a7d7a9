"""Writes about links: suggesting a support, planning the first step, the link state machine, and the
closed loop, where the service answers the referral and the answer reaches the CLP.

A CLP's change to a link is a change to the episode: it checks and raises the episode's `version` like
every other casework change. An organisation's answer raises the version too, without a check: it is
not editing anything the CLP has open, but the CLP's page should show it before they change more.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from linkpad.accounts.models import Organisation, User
from linkpad.directory.models import Service

from .models import Episode, Link, LinkStage, LinkStatus, Task
from .services import EpisodeError, _save, claim_change

LINK_TRANSITIONS: dict[str, frozenset[str]] = {
    LinkStage.SUGGESTED: frozenset({LinkStage.AGREED, LinkStage.DECLINED, LinkStage.STOPPED}),
    LinkStage.AGREED: frozenset({LinkStage.REFERRED, LinkStage.DECLINED, LinkStage.STOPPED}),
    LinkStage.REFERRED: frozenset(
        {LinkStage.FIRST_STEP, LinkStage.ATTENDED, LinkStage.DECLINED, LinkStage.STOPPED}
    ),
    LinkStage.FIRST_STEP: frozenset({LinkStage.ATTENDED, LinkStage.DECLINED, LinkStage.STOPPED}),
    LinkStage.ATTENDED: frozenset({LinkStage.ONGOING, LinkStage.STOPPED}),
    LinkStage.ONGOING: frozenset({LinkStage.STOPPED}),
    LinkStage.STOPPED: frozenset(),
    LinkStage.DECLINED: frozenset(),
}


class Answer:
    """What a service may answer about a referral, and the link stage each answer writes."""

    ACCEPT = "accept"
    DECLINE = "decline"
    ATTENDED = "attended"
    STAGES = {ACCEPT: LinkStage.FIRST_STEP, DECLINE: LinkStage.DECLINED, ATTENDED: LinkStage.ATTENDED}
    CHOICES = [(ACCEPT, "Accept the referral"), (DECLINE, "Decline the referral"), (ATTENDED, "They came")]


#: Stages after which the service has nothing more to answer, so the emailed link stops working.
FINAL = frozenset({LinkStage.ATTENDED, LinkStage.ONGOING, LinkStage.STOPPED, LinkStage.DECLINED})
#: A signing salt for this one purpose: a token made for anything else never opens an answer page.
ANSWER_SALT = "linkpad.casework.link-answer"

INVALID_LINK_TRANSITION = "This link is {current}, so it cannot move to {new}."
ALREADY_LINKED = "{service} is already one of this person's links."
SERVICE_INACTIVE = "This service is not taking anyone at the moment, so it cannot be suggested."
FIRST_STEP_NEEDED = "Choose how they will take the first step before you refer them."
REASON_NEEDED = "Say why the link was declined"
NOT_YOURS_TO_ANSWER = "This referral is not waiting for an answer from you."
LINK_EXPIRED = "This link has expired. Ask the community links practitioner to send the referral again."
LINK_INVALID = "This link does not work. Check that you copied all of it from the email."
LINK_USED = "This referral has already been answered, so this link no longer works."


class LinkExpired(EpisodeError):
    pass


class LinkInvalid(EpisodeError):
    pass


def current_link_stage(link: Link) -> str:
    latest = link.statuses.order_by("-created_at", "-pk").first()
    return latest.stage if latest else LinkStage.SUGGESTED


def _label(stage: str) -> str:
    return LinkStage(stage).label.lower()


def _write_status(link: Link, stage: str, *, note: str = "", reason: str = "", **by) -> LinkStatus:
    current = current_link_stage(link)
    if stage not in LINK_TRANSITIONS[current]:
        raise EpisodeError(INVALID_LINK_TRANSITION.format(current=_label(current), new=_label(stage)))
    if stage == LinkStage.DECLINED and not reason.strip():
        raise EpisodeError(REASON_NEEDED)
    return _save(LinkStatus(link=link, stage=stage, note=note.strip(), reason=reason.strip(), **by))


@transaction.atomic
def link_suggest(*, episode: Episode, service: Service, by: User, version: int) -> Link:
    """Add a support from the search to the person's links, as a suggestion."""
    claim_change(episode, by=by, version=version)
    if service.status != "active":
        raise EpisodeError(SERVICE_INACTIVE)
    if episode.links.filter(service=service).exclude(statuses__stage__in=FINAL).exists():
        raise EpisodeError(ALREADY_LINKED.format(service=service.name))
    link = _save(Link(episode=episode, service=service, created_by=by))
    _save(LinkStatus(link=link, stage=LinkStage.SUGGESTED, created_by=by))
    return link


@transaction.atomic
def link_plan_first_step(
    *, link: Link, by: User, version: int, first_step: str, first_step_on: dt.date | None, note: str = ""
) -> Link:
    """Record how the person will take the first step: with the CLP, a warm handover, by phone."""
    claim_change(link.episode, by=by, version=version)
    link.first_step, link.first_step_on, link.first_step_note = first_step, first_step_on, note.strip()
    return _save(link)


@transaction.atomic
def link_move(
    *, link: Link, stage: str, by: User, version: int, note: str = "", reason: str = "", site_url: str = ""
) -> LinkStatus:
    """Move a link on. Referring it asks the service for an answer: through its Linkpad inbox when a
    community organisation on Linkpad claims it, otherwise by a link emailed to the service."""
    claim_change(link.episode, by=by, version=version)
    if stage == LinkStage.REFERRED and not link.first_step:
        raise EpisodeError(FIRST_STEP_NEEDED)
    row = _write_status(link, stage, note=note, reason=reason, created_by=by)
    if stage == LinkStage.REFERRED:
        _send_referral(link, site_url=site_url)
    return row


def _service_email(service: Service) -> str:
    return service.email or service.organization.email


def _send_referral(link: Link, *, site_url: str) -> None:
    link.referred_at = timezone.now()
    if link.service.organization.claimed_by_id is None and _service_email(link.service):
        link.emailed_to = _service_email(link.service)
        link.answer_key = secrets.token_hex(16)
        url = site_url + reverse("casework:answer", args=[answer_token(link)])
        transaction.on_commit(lambda: _email_referral(link, url))
    _save(link)


def _email_referral(link: Link, url: str) -> None:
    context = {"link": link, "url": url, "days": settings.LINKPAD_CLOSED_LOOP_DAYS}
    send_mail(
        subject=f"A referral to {link.service.name} from a community links practitioner",
        message=render_to_string("casework/email/referral.txt", context),
        from_email=None,
        recipient_list=[link.emailed_to],
    )


def answer_token(link: Link) -> str:
    """The secret in the emailed link: this link only, this purpose only, until its final answer."""
    return signing.TimestampSigner(salt=ANSWER_SALT).sign(f"{link.pk}.{link.answer_key}")


def link_for_token(token: str) -> Link:
    """The link an emailed token opens, or an error saying plainly why it does not."""
    signer = signing.TimestampSigner(salt=ANSWER_SALT)
    try:
        value = signer.unsign(token, max_age=dt.timedelta(days=settings.LINKPAD_CLOSED_LOOP_DAYS))
    except signing.SignatureExpired as error:
        raise LinkExpired(LINK_EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkInvalid(LINK_INVALID) from error
    link_id, _, key = value.partition(".")
    link = (
        Link.objects.select_related("service", "episode__person", "episode__clp", "episode__practice")
        .filter(pk=link_id if link_id.isdigit() else None)
        .first()
    )
    if link is None or not key:
        raise LinkInvalid(LINK_INVALID)
    if link.answer_key != key:
        raise LinkInvalid(LINK_USED)
    return link


@dataclass(frozen=True)
class Answerer:
    """Who answered for the service: its Linkpad staff, or whoever holds the emailed link."""

    user: User | None = None
    organisation: Organisation | None = None

    @property
    def by_email_link(self) -> bool:
        return self.user is None

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation else "by email link"


TASK_TEXT = {
    Answer.ACCEPT: "{service} accepted the referral for {name}",
    Answer.DECLINE: "{service} declined the referral for {name}: {reason}",
    Answer.ATTENDED: "{service} confirmed that {name} came",
}


@transaction.atomic
def link_answer(*, link: Link, answer: str, answerer: Answerer, reason: str = "") -> LinkStatus:
    """The service's answer to a referral: the link moves on, and the CLP gets a reminder to follow up."""
    link = (
        Link.objects.select_for_update()
        .select_related("episode__person", "service__organization")
        .get(pk=link.pk)
    )
    claimed_by = link.service.organization.claimed_by_id
    their_org = answerer.organisation.pk if answerer.organisation else None
    waiting = current_link_stage(link) in (LinkStage.REFERRED, LinkStage.FIRST_STEP)
    if link.referred_at is None or claimed_by != their_org or not waiting:
        raise EpisodeError(NOT_YOURS_TO_ANSWER)
    stage = Answer.STAGES[answer]
    by = {"created_by": answerer.user, "organisation": answerer.organisation}
    row = _write_status(link, stage, reason=reason, by_email_link=answerer.by_email_link, **by)
    if stage in FINAL:
        link.answer_key = ""
        _save(link)
    Episode.objects.filter(pk=link.episode_id).update(version=F("version") + 1)
    name = link.episode.person.given_name
    text = TASK_TEXT[answer].format(service=link.service.name, name=name, reason=reason.strip())
    _save(Task(episode=link.episode, text=text[:200], due_on=timezone.localdate()))
    return row
