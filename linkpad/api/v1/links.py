"""Links to supports: `GET /links/{id}` and `POST /links/{id}/status`, for the CLPs of the episode's
practice. A link's change is a change to its episode, so it sends the episode's `version` too."""

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema, Status

from linkpad.casework.forms import LinkMoveForm
from linkpad.casework.link_services import link_move
from linkpad.casework.models import FirstStep, LinkStage
from linkpad.casework.presenters import link_stage, link_status_by

from .episodes import VERSION, PersonOfEpisode
from .errors import FieldErrors, Message, refusals_as_field_errors, validated
from .paging import id_in_path
from .selectors import link_for_api, link_to_change

router = Router(tags=["links"])

NO_SUCH_LINK = "There is no link with the id {id} that you can see."


class ServiceOut(Schema):
    id: str
    name: str
    organisation: str


class LinkStatusRow(Schema):
    stage: LinkStage
    note: str
    reason: str
    by: str
    at: dt.datetime


class LinkOut(Schema):
    id: int
    episode: int
    episode_version: int = Field(description="Send this back with any change to the link.")
    person: PersonOfEpisode
    service: ServiceOut
    stage: LinkStage
    first_step: FirstStep | None
    first_step_on: dt.date | None
    first_step_note: str
    referred_at: dt.datetime | None
    emailed_to: str
    history: list[LinkStatusRow]


class LinkMoveIn(Schema):
    version: int = VERSION
    stage: LinkStage
    note: str = ""
    reason: str = Field("", description="Needed when the link is declined.")


def link_detail(link) -> dict:
    person, service = link.episode.person, link.service
    return {
        "id": link.pk,
        "episode": link.episode_id,
        "episode_version": link.episode.version,
        "person": {"id": person.pk, "given_name": person.given_name, "family_name": person.family_name},
        "service": {"id": str(service.pk), "name": service.name, "organisation": service.organization.name},
        "stage": link_stage(link),
        "first_step": link.first_step or None,
        "first_step_on": link.first_step_on,
        "first_step_note": link.first_step_note,
        "referred_at": link.referred_at,
        "emailed_to": link.emailed_to,
        "history": [
            {
                "stage": s.stage,
                "note": s.note,
                "reason": s.reason,
                "by": link_status_by(s),
                "at": s.created_at,
            }
            for s in link.statuses.all()
        ],
    }


def _read(user, link_id: int) -> dict:
    link = link_for_api(user=user, link_id=link_id)
    if link is None:
        raise Http404(NO_SUCH_LINK.format(id=link_id))
    return link_detail(link)


@router.get("/{int:link_id}", response=LinkOut, summary="One link, with its history")
def link(request, link_id: int = id_in_path("link")):
    return _read(request.auth, link_id)


@router.post(
    "/{int:link_id}/status",
    response={200: LinkOut, 404: Message, 409: Message, 422: FieldErrors},
    summary="Move a link on; referring it asks the service to answer",
)
def move_link(request, payload: LinkMoveIn, link_id: int = id_in_path("link")):
    link = link_to_change(user=request.auth, link_id=link_id)
    if link is None:
        raise Http404(NO_SUCH_LINK.format(id=link_id))
    data = validated(LinkMoveForm(data=payload.dict(), stages=list(LinkStage)))
    with refusals_as_field_errors("stage"):
        link_move(
            link=link,
            stage=data["stage"],
            by=request.auth,
            version=data["version"],
            note=data["note"],
            reason=data["reason"],
            site_url=request.build_absolute_uri("/")[:-1],
        )
    return Status(200, _read(request.auth, link_id))
