"""Gaps in provision: needs people raised for which no assured support exists near where they live;
stale listings and full supports near the programme's practices and people.

Needs are counted in the database by neighbourhood (the intermediate zone of the person's postcode),
postcode district and domain. Each distinct (district, domain) pair then asks the one directory search,
`search_services`, for an assured (not stale) support within the chosen distance of the district's
centre: a handful of searches per district, never one per person.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, StrIndex, Substr

from linkpad.accounts.models import Organisation
from linkpad.casework.models import Need
from linkpad.directory.models import Service, ServiceStatus, TaxonomyTerm
from linkpad.directory.search.query import UnknownPlace, stale_cutoff
from linkpad.directory.selectors import search_services
from linkpad.geography.distance import bounding_box, distance_km_expression
from linkpad.geography.models import DataZone, Postcode, PostcodeDistrict
from linkpad.geography.postcodes import PostcodeError, outcode_of
from linkpad.referrals.models import ReasonCode

from ..tables import Column, Table, standalone, two_way
from .base import Scope

RADII_KM = (2, 5, 10)
DEFAULT_RADIUS_KM = 5
NOT_KNOWN = "Postcode not known"
FOUND, MISSING = "Assured support nearby", "No assured support nearby"
#: What each domain of need is, in the words a search understands (as the guides phrase their sections).
NEED_WORDS = {
    ReasonCode.MONEY: "money worries, benefits and bills advice",
    ReasonCode.DEBT: "debt advice, rent arrears and money owed",
    ReasonCode.HOUSING: "housing advice, homelessness and tenancy help",
    ReasonCode.LONELINESS: "lonely and isolated, social group and company",
    ReasonCode.MENTAL_WELLBEING: "feeling low or anxious, someone to talk to, mental health support",
    ReasonCode.BEREAVEMENT: "bereavement support after losing someone",
    ReasonCode.CARING: "support for unpaid carers",
    ReasonCode.PHYSICAL_ACTIVITY: "walking group, gentle exercise and physical activity",
    ReasonCode.SUBSTANCE_USE: "alcohol and drug support",
    ReasonCode.EMPLOYMENT: "employability, help finding work and training",
    ReasonCode.FOOD: "food bank, free food and community meals",
    ReasonCode.DIGITAL: "help getting online, computers and digital skills",
    ReasonCode.SAFETY: "domestic abuse and feeling safe support",
    ReasonCode.OTHER: "community support and advice",
}


#: Directory categories (taxonomy slugs, each with its sub-categories) that meet each need, where the
#: directory uses them. A need whose categories the directory lacks is matched by meaning instead.
NEED_CATEGORIES = {
    ReasonCode.MONEY: ("money", "money-advice"),
    ReasonCode.DEBT: ("money", "money-advice"),
    ReasonCode.HOUSING: ("housing-and-homelessness",),
    ReasonCode.LONELINESS: ("social-activity", "social-group", "befriending", "support-network"),
    ReasonCode.MENTAL_WELLBEING: ("mental-health",),
    ReasonCode.BEREAVEMENT: ("bereavement",),
    ReasonCode.PHYSICAL_ACTIVITY: ("physical-activity",),
    ReasonCode.SUBSTANCE_USE: ("addiction", "alcohol-addiction", "drug-addiction"),
    ReasonCode.EMPLOYMENT: ("education-employability", "employability"),
    ReasonCode.FOOD: ("food-nutrition",),
    ReasonCode.DIGITAL: ("digital-literacy",),
}
#: Matched by meaning, the best result must score at least this (search scores run 0 to 1; clearly
#: relevant matches in the search tests score 0.4 and more, unrelated ones under 0.25).
GOOD_MATCH = 0.3


def _needs(scope: Scope):
    person_postcode = "conversation__episode__person__postcode"
    where = Postcode.objects.filter(postcode=OuterRef(person_postcode))
    return (
        Need.objects.filter(
            conversation__episode__practice__in=scope.practice_ids,
            **scope.between("conversation__recorded_at"),
        )
        .annotate(
            # "G21 1TR" -> "G21"; no postcode (or no space) -> "" (PostgreSQL refuses a negative length)
            outcode=Substr(person_postcode, 1, Greatest(StrIndex(person_postcode, Value(" ")) - 1, Value(0))),
            zone=Coalesce(Subquery(where.values("datazone__intzone_code")[:1]), Value("")),
            zone_name=Coalesce(Subquery(where.values("datazone__intzone_name")[:1]), Value(NOT_KNOWN)),
        )
        .values("outcode", "zone", "zone_name", "domain")
        .annotate(n=Count("id"))
    )


def _has_support(outcode: str, domain: str, radius_km: float, cache: dict) -> bool:
    """Whether the one search finds an assured, active support for the need within the distance: in the
    need's directory categories where the directory has them, otherwise a good match by meaning."""
    key = (outcode, domain)
    if key not in cache:
        if "known_slugs" not in cache:
            wanted = {slug for slugs in NEED_CATEGORIES.values() for slug in slugs}
            cache["known_slugs"] = set(
                TaxonomyTerm.objects.filter(slug__in=wanted).values_list("slug", flat=True)
            )
        categories = [slug for slug in NEED_CATEGORIES.get(domain, ()) if slug in cache["known_slugs"]]
        try:
            found = search_services(
                text=NEED_WORDS.get(domain, domain),
                place=outcode,
                radius_km=radius_km,
                categories=categories,
                include_stale=False,
                limit=1,
            )
        except (UnknownPlace, ValueError):
            cache[key] = False
        else:
            best = found.results[0].score if found.results else 0
            cache[key] = found.total > 0 and (bool(categories) or best >= GOOD_MATCH)
    return cache[key]


def gap_counts(scope: Scope, radius_km: float) -> list[dict]:
    """One dict per (neighbourhood, domain): needs, and those with no assured support nearby."""
    cache: dict = {}
    rows = []
    for row in _needs(scope):
        known = bool(row["outcode"]) and bool(row["zone"])
        missing = (
            0
            if not known
            else (0 if _has_support(row["outcode"], row["domain"], radius_km, cache) else row["n"])
        )
        rows.append({**row, "missing": missing, "known": known})
    return rows


def gaps_by_neighbourhood(scope: Scope, radius_km: float, counted: list[dict] | None = None) -> Table:
    counted = gap_counts(scope, radius_km) if counted is None else counted
    cells: dict = {}
    for row in counted:
        name = row["zone_name"] if row["known"] else NOT_KNOWN
        cells[(name, MISSING)] = cells.get((name, MISSING), 0) + row["missing"]
        cells[(name, FOUND)] = cells.get((name, FOUND), 0) + (row["n"] - row["missing"]) * row["known"]
        if not row["known"]:
            cells[(name, "Not known")] = cells.get((name, "Not known"), 0) + row["n"]
    names = sorted({name for name, _ in cells} - {NOT_KNOWN}) + (
        [NOT_KNOWN] if (NOT_KNOWN, MISSING) in cells else []
    )
    return two_way(
        "gaps-by-neighbourhood",
        "Needs with and without assured support nearby, by neighbourhood",
        f"Needs raised in what matters conversations in {scope.period.label}, by where the person lives, "
        f"with support looked for within {radius_km:g} km",
        cells,
        rows=names,
        columns=[FOUND, MISSING, "Not known"],
        row_label="Neighbourhood",
        total_label="Needs raised",
        notes=[
            "Support counts when the directory search finds an active listing, checked within the freshness "
            f"window, for that need (in its directory categories, or a good match by meaning) within "
            f"{radius_km:g} km of the centre of the person's postcode district. "
            "Where the person's postcode is not known, whether support is near cannot be known."
        ],
    )


def gaps_by_need(scope: Scope, radius_km: float, counted: list[dict] | None = None) -> Table:
    counted = gap_counts(scope, radius_km) if counted is None else counted
    labels = dict(ReasonCode.choices)
    cells: dict = {}
    for row in counted:
        label = labels.get(row["domain"], row["domain"])
        column = MISSING if row["missing"] else (FOUND if row["known"] else "Not known")
        cells[(label, column)] = cells.get((label, column), 0) + row["n"]
    return two_way(
        "gaps-by-need",
        "Needs with and without assured support nearby, by need",
        f"Needs raised in what matters conversations in {scope.period.label}, within {radius_km:g} km",
        cells,
        rows=list(labels.values()),
        columns=[FOUND, MISSING, "Not known"],
        row_label="Need",
        total_label="Needs raised",
    )


def map_points(table: Table) -> list[dict]:
    """Centres of the table's neighbourhoods (from data zone centres) with their shown gap counts."""
    missing = table.columns.index(next(c for c in table.columns if c.label == MISSING))
    shown = {row.label: row.values[missing] for row in table.body if row.label != NOT_KNOWN}
    centres = (
        DataZone.objects.filter(intzone_name__in=shown)
        .values("intzone_name")
        .annotate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    )
    return [
        {
            "name": c["intzone_name"],
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "gaps": shown[c["intzone_name"]],
        }
        for c in centres
    ]


def _districts(scope: Scope) -> list[str]:
    """The postcode districts of the practices, and of the people whose needs were recorded."""
    outcodes = set()
    for postcode in Organisation.objects.filter(pk__in=scope.practice_ids).values_list("postcode", flat=True):
        try:
            outcodes.add(outcode_of(postcode))
        except PostcodeError:
            continue
    outcodes |= {row["outcode"] for row in _needs(scope) if row["outcode"]}
    return sorted(outcodes)


def listings_by_district(scope: Scope, radius_km: float, today: dt.date | None = None) -> Table:
    """Active listings with a venue within the distance of each district's centre: how many, how many
    stale (not checked within the freshness window), how many full."""
    cutoff = stale_cutoff(today)
    rows = []
    for district in PostcodeDistrict.objects.filter(outcode__in=_districts(scope)).order_by("outcode"):
        min_lat, max_lat, min_lon, max_lon = bounding_box(district.latitude, district.longitude, radius_km)
        place = "service_at_locations__location__"
        near = (
            Service.objects.filter(
                status=ServiceStatus.ACTIVE,
                **{
                    f"{place}latitude__range": (min_lat, max_lat),
                    f"{place}longitude__range": (min_lon, max_lon),
                },
            )
            .annotate(
                km=distance_km_expression(
                    f"{place}latitude", f"{place}longitude", district.latitude, district.longitude
                )
            )
            .filter(km__lte=radius_km)
        )
        counts = near.aggregate(
            listed=Count("id", distinct=True),
            stale=Count(
                "id", distinct=True, filter=Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff)
            ),
            full=Count("id", distinct=True, filter=Q(capacity="full")),
        )
        rows.append((district.outcode, [counts["listed"], counts["stale"], counts["full"]]))
    return standalone(
        "listings-by-district",
        "Stale listings and full supports, by postcode district",
        f"Active directory listings with a venue within {radius_km:g} km of each district's centre",
        rows,
        row_label="Postcode district",
        columns=[Column("Listings"), Column("Not checked recently"), Column("Full")],
        notes=[
            "Not checked recently: not confirmed as right within the directory's freshness window. "
            "Districts overlap, so a listing can be counted in more than one."
        ],
    )


def full_supports(scope: Scope, radius_km: float) -> list[Service]:
    """Active listings marked full with a venue near any of the districts (public directory data)."""
    found: dict[str, Service] = {}
    for district in PostcodeDistrict.objects.filter(outcode__in=_districts(scope)):
        min_lat, max_lat, min_lon, max_lon = bounding_box(district.latitude, district.longitude, radius_km)
        place = "service_at_locations__location__"
        for service in Service.objects.filter(
            status=ServiceStatus.ACTIVE,
            capacity="full",
            **{f"{place}latitude__range": (min_lat, max_lat), f"{place}longitude__range": (min_lon, max_lon)},
        ).select_related("organization")[:50]:
            found[service.pk] = service
    return sorted(found.values(), key=lambda service: service.name)
