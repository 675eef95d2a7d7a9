"""A small directory for the search tests: a few services around north and west Glasgow, one in Aberdeen.

Places (from the geography sample rows): G22 5AA is in Keppochhill, north Glasgow; G11 5AA is in
Partick, about 3.3 km south west; Possil Park is just north of G22 5AA; AB24 3AA is Aberdeen.
"""

import datetime as dt
from decimal import Decimal

import pytest

from linkpad.directory.models import (
    Accessibility,
    Attribute,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from linkpad.directory.search.indexing import services_reindex
from linkpad.geography.services import geography_load
from linkpad.geography.tests.sample_files import write_geography_files

NEAR_G22 = (55.8840, -4.2560)  # about 0.1 km from G22 5AA
NEAR_G11 = (55.8750, -4.3080)  # about 0.1 km from G11 5AA
CITY_CENTRE = (55.8600, -4.2500)  # about 2.7 km from G22 5AA
POSSIL = (55.8910, -4.2480)
ABERDEEN = (57.1650, -2.1050)
GLASGOW_CITY = "S12000049"


def term(slug: str, name: str, parent: TaxonomyTerm | None = None) -> TaxonomyTerm:
    return TaxonomyTerm.objects.create(id=f"term-{slug}", slug=slug, code=slug, name=name, parent=parent)


def make_service(
    name: str,
    description: str,
    *,
    point: tuple[float, float] | None = None,
    categories: tuple[TaxonomyTerm, ...] = (),
    schedule: tuple[str, dt.time, dt.time] | None = None,
    assured: dt.date | None = None,
    cost: Decimal | None = None,
    access: str = "",
    area_code: str = "",
    **fields,
) -> Service:
    organization, _ = Organization.objects.get_or_create(
        id="org-test", defaults={"name": "Test Community Trust"}
    )
    slug = name.lower().replace(" ", "-").replace("'", "")
    service = Service.objects.create(
        id=f"svc-{slug}",
        organization=organization,
        name=name,
        description=description,
        assured_date=assured or dt.date.today() - dt.timedelta(days=30),
        **fields,
    )
    if point:
        location = Location.objects.create(
            id=f"loc-{slug}", name=f"{name} venue", latitude=point[0], longitude=point[1]
        )
        at = ServiceAtLocation.objects.create(id=f"sal-{slug}", service=service, location=location)
        if access:
            Accessibility.objects.create(id=f"acc-{slug}", location=location, description=access)
        if schedule:
            byday, opens, closes = schedule
            Schedule.objects.create(
                id=f"sch-{slug}",
                service_at_location=at,
                freq="WEEKLY",
                byday=byday,
                opens_at=opens,
                closes_at=closes,
            )
    elif schedule:
        byday, opens, closes = schedule
        Schedule.objects.create(
            id=f"sch-{slug}", service=service, freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes
        )
    if cost is not None:
        CostOption.objects.create(id=f"cost-{slug}", service=service, amount=cost, option="Per session")
    if area_code:
        ServiceArea.objects.create(
            id=f"area-{slug}", service=service, name="Glasgow City", area_code=area_code
        )
    for number, category in enumerate(categories):
        Attribute.objects.create(
            id=f"attr-{slug}-{number}", link_id=service.pk, link_entity="service", taxonomy_term=category
        )
    return service


@pytest.fixture
def sample_geography(db, tmp_path):
    return geography_load(data_dir=write_geography_files(tmp_path / "geography"))


@pytest.fixture
def directory(sample_geography):
    """Nine services, indexed. Returned as a dict by short name."""
    health = term("health-and-social-care", "Health & Social Care Services")
    end_of_life = term("end-of-life-care", "End-of-life Care", health)
    bereavement = term("bereavement", "Bereavement", end_of_life)
    money = term("money-advice", "Money Advice")
    energy = term("energy-advice", "Energy Advice", money)
    social = term("social-activity", "Social Activity")
    addiction = term("alcohol-addiction", "Alcohol Addiction", health)
    youth = term("young-people", "Young People")
    tuesday_morning = ("TU", dt.time(10), dt.time(12))
    services = {
        "grief": make_service(
            "Springburn Grief Cafe",
            "A friendly cafe for people who have lost a husband, wife, partner, parent or friend. Share a cuppa "
            "and talk with others who have been bereaved, or just listen.",
            point=NEAR_G22,
            categories=(bereavement,),
            schedule=tuple(tuesday_morning),
            access="Step-free access and an accessible toilet",
            minimum_age=18,
            capacity="taking_referrals",
        ),
        "stale_grief": make_service(
            "Keppoch Loss Group",
            "A group for people who have lost a husband, wife, partner, parent or friend. Share a cuppa and talk "
            "with others who have been bereaved, or just listen.",
            point=NEAR_G22,
            categories=(bereavement,),
            schedule=("TH", dt.time(13), dt.time(15)),
            assured=dt.date.today() - dt.timedelta(days=3 * 365),
        ),
        "money": make_service(
            "Partick Money Advice",
            "Free, confidential advice on debt, rent arrears, council tax and benefits. An adviser can deal with "
            "the people you owe and help you make a plan.",
            point=NEAR_G11,
            categories=(money,),
            schedule=("WE", dt.time(13), dt.time(16)),
            referral_route="drop_in",
        ),
        "energy": make_service(
            "Warm Homes Energy Advice",
            "Help with gas and electricity bills, prepayment meters, fuel debt and emergency top-ups, and with "
            "keeping your home warm for less.",
            point=CITY_CENTRE,
            categories=(energy,),
            schedule=("MO,TU,WE,TH,FR", dt.time(9), dt.time(17)),
            area_code=GLASGOW_CITY,
        ),
        "shed": make_service(
            "Possil Men's Shed",
            "A workshop where men get together to fix bikes, make things from wood and have a blether over a "
            "cup of tea. Good company for anyone feeling cut off or on their own.",
            point=POSSIL,
            categories=(social,),
            schedule=("TH", dt.time(10), dt.time(15)),
            cost=Decimal("2.00"),
            access="Accessible toilet",
            minimum_age=18,
        ),
        "alcohol": make_service(
            "Kelvin Alcohol Support",
            "Confidential support for people worried about their drinking or drug use, and for family members "
            "affected by someone else's drinking.",
            point=NEAR_G11,
            categories=(addiction,),
            schedule=("FR", dt.time(10), dt.time(16)),
            capacity="full",
        ),
        "youth": make_service(
            "North Youth Drop-in",
            "A drop-in for teenagers who feel anxious, stressed or low. Talk to a youth worker, play games, "
            "and meet others your age.",
            point=NEAR_G22,
            categories=(youth,),
            schedule=("WE", dt.time(16), dt.time(19)),
            minimum_age=12,
            maximum_age=18,
        ),
        "aberdeen": make_service(
            "Aberdeen Grief Cafe",
            "A friendly cafe for people who have been bereaved, in Aberdeen.",
            point=ABERDEEN,
            categories=(bereavement,),
        ),
        "closed": make_service(
            "Springburn Bereavement Circle",
            "A group for people who have been bereaved.",
            point=NEAR_G22,
            categories=(bereavement,),
            status="inactive",
        ),
    }
    services_reindex()
    return services
