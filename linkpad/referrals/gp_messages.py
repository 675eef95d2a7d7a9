"""Writes of messages back to the GP: built from what is already recorded, never typed again.

`gp_message_compose` gathers the PRSB social prescribing fields from the referral and its episode
(reasons, what matters, goals, links with their first steps and statuses, closure) into an unsaved
message; `gp_message_send` saves it into the practice's Linkpad inbox. Declines, the no-response rule
and closing an episode send one automatically, inside the same transaction as the change.
"""

from django.db import transaction
from django.utils import timezone

from linkpad.accounts.models import Membership, Role, User
from linkpad.casework.models import Closure, Episode, LinkStage, Stage
from linkpad.outcomes.models import Administration
from linkpad.outcomes.selectors import changes

from .models import SNOMED_CT, GpMessage, GpMessageKind, Referral, Source, Status, snomed_for

NOT_THEIR_CLP = "Only a community links practitioner at {practice} can send its GP a message."
NOT_PRACTICE_STAFF = "Only the practice's staff can mark its messages as read."
WRONG_EPISODE = "That episode belongs to another referral."
NOT_CLOSED = "Close the episode before sending the closure message."
CODES_ONLY = (
    "{name} has not agreed to share more than this with the practice, so the message carries the code only."
)


class GpMessageError(ValueError):
    """A message that cannot be sent, in words the user can act on."""


def _episode_of(referral: Referral) -> Episode | None:
    return Episode.objects.filter(referral=referral).first()


def _closure_of(episode: Episode) -> Closure | None:
    return Closure.objects.filter(episode=episode).first()


def _referral_fields(referral: Referral) -> dict:
    if referral.source == Source.PRACTICE:
        by = str(referral.referred_by or "")
    elif referral.source == Source.PROFESSIONAL:
        by = ", ".join(
            part
            for part in (referral.referrer_name, referral.referrer_role, referral.referrer_organisation)
            if part
        )
    else:
        by = "The person themselves"
    statuses = list(referral.statuses.order_by("created_at", "pk"))
    return {
        "id": referral.pk,
        "received_on": referral.received_at.date().isoformat(),
        "source": referral.get_source_display(),
        "referred_by": by,
        "reasons": [reason.get_reason_display() for reason in referral.reasons.all()],
        "status": Status(statuses[-1].status).label if statuses else Status.RECEIVED.label,
        "status_reason": statuses[-1].reason if statuses else "",
    }


def _what_matters(episode) -> dict | None:
    conversation = episode.conversations.order_by("-recorded_at", "-pk").first()
    if conversation is None:
        return None
    return {
        "narrative": conversation.narrative,
        "needs": [need.get_domain_display() for need in conversation.needs.all()],
        "strengths": conversation.strengths,
        "recorded_on": conversation.recorded_at.date().isoformat(),
    }


def _supports(episode) -> list[dict]:
    supports = []
    for link in episode.links.select_related("service__organization").prefetch_related("statuses"):
        statuses = list(link.statuses.all())
        stage = statuses[-1].stage if statuses else LinkStage.SUGGESTED
        supports.append(
            {
                "service": link.service.name,
                "organisation": getattr(link.service.organization, "name", ""),
                "status": LinkStage(stage).label,
                "first_step": link.get_first_step_display() if link.first_step else "",
                "first_step_on": link.first_step_on.isoformat() if link.first_step_on else None,
                "attended": stage in (LinkStage.ATTENDED, LinkStage.ONGOING),
            }
        )
    return supports


def _outcome_measures(episode) -> list[dict]:
    """Each measure answered at least twice: where it started, where it is now, and what that means."""
    return [
        {
            "measure": change.measure.short_name,
            "baseline": change.baseline.score,
            "latest": change.latest.score,
            "verdict": change.verdict,
            "statement": change.statement,
        }
        for change in changes(Administration.objects.filter(episode=episode)).values()
    ]


def _episode_fields(episode) -> dict:
    contacts = list(episode.contacts.all())
    closure = _closure_of(episode)
    latest = episode.statuses.order_by("-created_at", "-pk").first()
    return {
        "episode_id": episode.pk,
        "stage": Stage(latest.stage).label if latest else Stage.REFERRED.label,
        "what_matters": _what_matters(episode),
        "goals": [
            {"text": goal.text, "status": goal.get_status_display(), "review_on": goal.review_on.isoformat()}
            for goal in episode.goals.all()
        ],
        "supports": _supports(episode),
        "contacts": {"count": len(contacts), "did_not_attend": sum(c.did_not_attend for c in contacts)},
        "outcome_measures": _outcome_measures(episode),
        "closure": {
            "reason": closure.get_reason_display(),
            "summary": closure.summary,
            "closed_on": closure.closed_at.date().isoformat(),
        }
        if closure
        else None,
    }


def _clp(referral: Referral, episode, by: User | None) -> dict:
    clp = (episode.clp if episode else None) or referral.allocated_to or by
    return {"name": str(clp) if clp else "", "email": clp.email if clp else ""}


def _summary(kind: str, referral: Referral, content: dict) -> str:
    person = referral.person
    name = f"{person.given_name} {person.family_name}"
    if not content["shared"]:
        return f"{GpMessageKind(kind).label} for {name}. " + CODES_ONLY.format(name=person.given_name)
    reason = content["referral"]["status_reason"]
    closure = content.get("closure") or {}
    return {
        GpMessageKind.RECEIVED: f"{name} was referred to the community links practitioner at "
        f"{referral.practice.name}.",
        GpMessageKind.DECLINED: f"The referral for {name} was declined: {reason}",
        GpMessageKind.FIRST_CONTACT: f"{content['clp']['name']} has made first contact with {name}.",
        GpMessageKind.NOT_CONTACTED: f"We could not reach {name}. {reason}",
        GpMessageKind.UPDATE: f"An update on {name}'s time with the community links practitioner.",
        GpMessageKind.CLOSURE: f"{name}'s support has ended ({closure.get('reason', '')}). "
        f"{closure.get('summary', '')}",
    }[GpMessageKind(kind)].strip()


def gp_message_compose(*, referral: Referral, kind: str, by: User | None, episode=None) -> GpMessage:
    """An unsaved message to the referral's practice, its fields taken from the record as it is now."""
    episode = episode or _episode_of(referral)
    if episode is not None and episode.referral_id != referral.pk:
        raise GpMessageError(WRONG_EPISODE)
    person = referral.person
    content = {
        "person": {
            "name": f"{person.given_name} {person.family_name}",
            "date_of_birth": person.date_of_birth.isoformat(),
            "chi_number": person.chi_number,
        },
        "practice": {"name": referral.practice.name, "code": referral.practice.code},
        "shared": referral.consent_to_share,
        "clp": _clp(referral, episode, by),
        "referral": _referral_fields(referral),
    }
    if referral.consent_to_share and episode is not None:
        content.update(_episode_fields(episode))
    if not referral.consent_to_share:
        content["referral"] = {key: content["referral"][key] for key in ("id", "received_on", "status")}
    code, display = snomed_for(kind)
    return GpMessage(
        referral=referral,
        episode=episode,
        kind=kind,
        snomed_code=code,
        snomed_display=display,
        content=content,
        summary=_summary(kind, referral, content),
        created_by=by,
    )


def _require_clp(by: User, referral: Referral) -> None:
    if not Membership.objects.filter(
        user=by, organisation_id=referral.practice_id, role=Role.LINK_PRACTITIONER
    ).exists():
        raise GpMessageError(NOT_THEIR_CLP.format(practice=referral.practice))


@transaction.atomic
def gp_message_send(*, referral: Referral, kind: str, by: User, episode=None) -> GpMessage:
    """Compose the message and put it in the practice's Linkpad inbox."""
    _require_clp(by, referral)
    message = gp_message_compose(referral=referral, kind=kind, by=by, episode=episode)
    if kind == GpMessageKind.CLOSURE and (message.episode is None or _closure_of(message.episode) is None):
        raise GpMessageError(NOT_CLOSED)
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def gp_message_mark_read(*, message: GpMessage, by: User) -> GpMessage:
    """Practice staff have read the message: the first reader and time are kept."""
    if not Membership.objects.filter(
        user=by, organisation_id=message.referral.practice_id, role=Role.PRACTICE_STAFF
    ).exists():
        raise GpMessageError(NOT_PRACTICE_STAFF)
    if message.read_at is None:
        message.read_at, message.read_by = timezone.now(), by
        message.save(update_fields=["read_at", "read_by"])
    return message


def gp_message_export(message: GpMessage) -> dict:
    """The message as structured data for a GP system to import: the SNOMED CT code, then the fields."""
    return {
        "type": "linkpad.gp-message",
        "version": 1,
        "id": message.pk,
        "kind": message.kind,
        "kind_display": message.get_kind_display(),
        "sent_at": message.created_at.isoformat(),
        "sent_by": str(message.created_by or ""),
        "coding": [{"system": SNOMED_CT, "code": message.snomed_code, "display": message.snomed_display}],
        "summary": message.summary,
        **message.content,
    }
