"""Casework episodes: read them, move the stage, add a goal, record a contact.

Every change sends the episode's `version` as the client last read it; the services refuse a stale one
(409), so a client never overwrites a change it has not seen. Each change answers with the episode as it
is now, with its new version.
"""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from linkpad.casework.forms import ContactForm, GoalForm, StageForm
from linkpad.casework.models import ContactMode, FirstStep, GoalStatus, LinkStage, Stage
from linkpad.casework.presenters import link_stage
from linkpad.casework.selectors import episode_for_page, episode_to_work_on
from linkpad.casework.services import contact_record, episode_move, goal_add

from .errors import FieldErrors, Message, refusals_as_field_errors, validated
from .paging import MAX_ID, Page, PageParams, id_in_path
from .people import PracticeOut
from .selectors import episodes_page

router = Router(tags=["episodes"])

NO_SUCH_EPISODE = "There is no episode with the id {id} that you can see."
VERSION = Field(
    ge=1, le=MAX_ID, description="The episode's version as you last read it. A stale one answers 409."
)


class PersonOfEpisode(Schema):
    id: int
    given_name: str
    family_name: str


class EpisodeSummary(Schema):
    id: int
    person: PersonOfEpisode
    practice: PracticeOut
    clp: str
    referral: int
    stage: Stage
    opened_at: dt.datetime
    version: int = Field(description="Send this back with any change.")


class StageRow(Schema):
    stage: Stage
    note: str
    by: str | None
    at: dt.datetime


class GoalOut(Schema):
    id: int
    text: str
    review_on: dt.date
    status: GoalStatus


class ContactOut(Schema):
    id: int
    happened_on: dt.date
    mode: ContactMode
    duration_minutes: int | None
    did_not_attend: bool
    note: str


class LinkOfEpisode(Schema):
    id: int
    service: str
    stage: LinkStage
    first_step: FirstStep | None


class EpisodeOut(EpisodeSummary):
    history: list[StageRow]
    goals: list[GoalOut]
    contacts: list[ContactOut]
    links: list[LinkOfEpisode]


class EpisodesPage(Page):
    items: list[EpisodeSummary]


class EpisodeParams(PageParams):
    stage: Stage | None = Field(None, description="Only episodes at this stage.")


class StageIn(Schema):
    version: int = VERSION
    stage: Stage = Field(description="Where to move: the services allow forward, or back a step.")
    note: str = ""


class GoalIn(Schema):
    version: int = VERSION
    text: str = Field(description="The goal, in the person's words.")
    review_on: dt.date = Field(description="When to look at it again: today or later.")


class ContactIn(Schema):
    version: int = VERSION
    happened_on: dt.date = Field(description="Today or earlier.")
    mode: ContactMode
    duration_minutes: int | None = Field(None, description="From 1 to 600.")
    did_not_attend: bool = False
    note: str = ""


CHANGE_RESPONSES = {404: Message, 409: Message, 422: FieldErrors}


def episode_summary(episode) -> dict:
    person = episode.person
    return {
        "id": episode.pk,
        "person": {"id": person.pk, "given_name": person.given_name, "family_name": person.family_name},
        "practice": {"id": episode.practice_id, "name": episode.practice.name},
        "clp": str(episode.clp),
        "referral": episode.referral_id,
        "stage": episode.current_stage,
        "opened_at": episode.opened_at,
        "version": episode.version,
    }


def episode_detail(episode) -> dict:
    return {
        **episode_summary(episode),
        "history": [
            {
                "stage": s.stage,
                "note": s.note,
                "by": str(s.created_by) if s.created_by else None,
                "at": s.created_at,
            }
            for s in episode.statuses.all()
        ],
        "goals": [
            {"id": g.pk, "text": g.text, "review_on": g.review_on, "status": g.status}
            for g in episode.goals.all()
        ],
        "contacts": [
            {
                "id": c.pk,
                "happened_on": c.happened_on,
                "mode": c.mode,
                "duration_minutes": c.duration_minutes,
                "did_not_attend": c.did_not_attend,
                "note": c.note,
            }
            for c in episode.contacts.all()
        ],
        "links": [
            {
                "id": link.pk,
                "service": link.service.name,
                "stage": link_stage(link),
                "first_step": link.first_step or None,
            }
            for link in episode.links.all()
        ],
    }


def _read(user, episode_id: int) -> dict:
    episode = episode_for_page(user=user, episode_id=episode_id)
    if episode is None:
        raise Http404(NO_SUCH_EPISODE.format(id=episode_id))
    return episode_detail(episode)


def _to_change(user, episode_id: int):
    episode = episode_to_work_on(user=user, episode_id=episode_id)
    if episode is None:
        raise Http404(NO_SUCH_EPISODE.format(id=episode_id))
    return episode


@router.get("", response=EpisodesPage, summary="Episodes you can see, newest first, a page at a time")
def episodes(request, params: Query[EpisodeParams]):
    count, page = episodes_page(
        user=request.auth, stage=params.stage, limit=params.limit, offset=params.offset
    )
    items = [episode_summary(e) for e in page]
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}


@router.get(
    "/{int:episode_id}", response=EpisodeOut, summary="One episode: stage history, goals, contacts, links"
)
def episode(request, episode_id: int = id_in_path("episode")):
    return _read(request.auth, episode_id)


@router.post(
    "/{int:episode_id}/stage",
    response={200: EpisodeOut, **CHANGE_RESPONSES},
    summary="Move the episode to another stage",
)
def move_stage(request, payload: StageIn, episode_id: int = id_in_path("episode")):
    episode = _to_change(request.auth, episode_id)
    stages = [s for s in Stage if s != Stage.CLOSED]
    data = validated(StageForm(data=payload.dict(), stages=stages))
    with refusals_as_field_errors("stage"):
        episode_move(
            episode=episode, stage=data["stage"], by=request.auth, version=data["version"], note=data["note"]
        )
    return Status(200, _read(request.auth, episode_id))


@router.post(
    "/{int:episode_id}/goals",
    response={201: EpisodeOut, **CHANGE_RESPONSES},
    summary="Add a goal agreed with the person",
)
def add_goal(request, payload: GoalIn, episode_id: int = id_in_path("episode")):
    episode = _to_change(request.auth, episode_id)
    data = validated(GoalForm(data=payload.dict()))
    with refusals_as_field_errors("review_on"):
        goal_add(
            episode=episode,
            by=request.auth,
            version=data["version"],
            text=data["text"],
            review_on=data["review_on"],
        )
    return Status(201, _read(request.auth, episode_id))


@router.post(
    "/{int:episode_id}/contacts",
    response={201: EpisodeOut, **CHANGE_RESPONSES},
    summary="Record a contact with the person",
)
def add_contact(request, payload: ContactIn, episode_id: int = id_in_path("episode")):
    episode = _to_change(request.auth, episode_id)
    data = validated(ContactForm(data=payload.dict()))
    with refusals_as_field_errors():
        contact_record(
            episode=episode,
            by=request.auth,
            version=data["version"],
            happened_on=data["happened_on"],
            mode=data["mode"],
            duration_minutes=data["duration_minutes"],
            did_not_attend=data["did_not_attend"],
            note=data["note"],
        )
    return Status(201, _read(request.auth, episode_id))
