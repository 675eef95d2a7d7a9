"""People referred to a CLP: `GET /people` and `GET /people/{id}`, scoped like the pages."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema

from linkpad.casework.models import Stage
from linkpad.referrals.models import ContactPreference, Status

from .paging import MAX_ID, Page, PageParams, id_in_path
from .selectors import people_page, person_for_api

router = Router(tags=["people"])

NO_SUCH_PERSON = "There is no person with the id {id} that you can see."


class PracticeOut(Schema):
    id: int
    name: str


class PersonSummary(Schema):
    id: int
    given_name: str
    family_name: str
    date_of_birth: dt.date
    chi_number: str = Field(description="Empty when the referrer did not have it.")
    practice: PracticeOut


class PeoplePage(Page):
    items: list[PersonSummary]


class PeopleParams(PageParams):
    practice: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only people registered at this GP practice (its id)."
    )
    q: str = Field("", max_length=100, description="Search: a CHI number (or its start), or words in a name.")


class ReferralOfPerson(Schema):
    id: int
    status: Status
    received_at: dt.datetime


class EpisodeOfPerson(Schema):
    id: int
    stage: Stage
    opened_at: dt.datetime


class PersonOut(PersonSummary):
    sex: str
    postcode: str
    simd_decile: int | None = Field(
        description="From the postcode: 1 is the most deprived tenth of Scotland."
    )
    phone: str
    email: str
    preferred_contact: ContactPreference
    referrals: list[ReferralOfPerson] = Field(description="The person's referrals that you can see.")
    episodes: list[EpisodeOfPerson] = Field(description="Their casework episodes, for their practice's CLPs.")


def person_summary(person) -> dict:
    return {
        "id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "chi_number": person.chi_number,
        "practice": {"id": person.practice_id, "name": person.practice.name},
    }


@router.get("", response=PeoplePage, summary="People you can see, a page at a time")
def people(request, params: Query[PeopleParams]):
    count, page = people_page(
        user=request.auth,
        practice_id=params.practice,
        search=params.q,
        limit=params.limit,
        offset=params.offset,
    )
    items = [person_summary(p) for p in page]
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}


@router.get("/{int:person_id}", response=PersonOut, summary="One person, with their referrals and episodes")
def person(request, person_id: int = id_in_path("person")):
    record = person_for_api(user=request.auth, person_id=person_id)
    if record is None:
        raise Http404(NO_SUCH_PERSON.format(id=person_id))
    p = record.person
    return {
        **person_summary(p),
        "sex": p.sex,
        "postcode": p.postcode,
        "simd_decile": p.simd_decile,
        "phone": p.phone,
        "email": p.email,
        "preferred_contact": p.preferred_contact,
        "referrals": [
            {"id": r.pk, "status": r.current_status, "received_at": r.received_at} for r in record.referrals
        ],
        "episodes": [
            {"id": e.pk, "stage": e.current_stage, "opened_at": e.opened_at} for e in record.episodes
        ],
    }
