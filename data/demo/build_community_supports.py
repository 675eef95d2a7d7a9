#!/usr/bin/env python3
"""Build Linkpad's FICTIONAL Glasgow demo directory (HSDS 3.0 JSON) and demo GP practices.

Everything made here is invented: organisations, services, venues, streets, people's first names,
phone numbers (Ofcom drama ranges), emails and web addresses (example.org). Only the postcodes,
their coordinates and the neighbourhood (intermediate zone) geography are real, so that distance
and deprivation features behave as they would with real data.

Stdlib only and deterministic: the same inputs and --as-of date always give byte-identical files.

    python data/demo/build_community_supports.py            # rebuild the files
    python data/demo/build_community_supports.py --check    # exit 1 if the files are out of date

Inputs (read from --source, default <repo>/../shared/data):
    postcodes_scotland/scotland_postcodes.csv, simd2020v2/glasgow_city_datazones_simd2020v2.csv,
    geography_scotland/datazone2011_population_weighted_centroids.csv,
    service_directory_aliss/aliss_categories.csv, gp_practices_scotland/gp_practices_scotland_enriched.csv
Content: community_support_archetypes.toml beside this script.
Outputs (in --out-dir, default beside this script):
    community_supports.hsds.json, community_supports_taxonomy.hsds.json, practices.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import tempfile
import tomllib
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTENT_FILE = HERE / "community_support_archetypes.toml"
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data"
DEFAULT_AS_OF = dt.date(2026, 11, 24)

SEED = "linkpad-demo-directory-v1"
# uuid5(NAMESPACE_URL, "https://example.org/linkpad/demo-directory"), written out so it never changes.
NAMESPACE = uuid.UUID("5b0f7c55-5d0e-5b0f-9c1f-6d1c3e0a7a11")

GLASGOW_CODE = "S12000049"
GLASGOW_OLD_CODE = "S12000046"
SCOTLAND_CODE = "S92000003"
GEOGRAPHY_URI = "http://statistics.gov.scot/id/statistical-geography/"
NON_GEOGRAPHIC_DISTRICTS = {"G58", "G79", "G90"}

TAXONOMY_NAME = "ALISS categories"
ASSURER_EMAIL = "directory-team@example.org"

DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
WEEK = list(DAY_NAMES)
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}
LANGUAGE_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "fa": "Farsi (Persian)",
    "ckb": "Kurdish (Sorani)",
    "ti": "Tigrinya",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "pa": "Punjabi",
    "hi": "Hindi",
    "yue": "Cantonese",
    "cmn": "Mandarin Chinese",
}
ACCESS_PHRASES = {"Accessible toilet": "an accessible toilet", "Hearing loop": "a hearing loop"}
RECEPTION_KINDS = {"hub", "community_centre", "library", "sports", "office", "warehouse"}
CITY_CENTRE_ZONES = [
    "City Centre East",
    "City Centre South",
    "City Centre West",
    "Anderston",
    "Calton and Gallowgate",
    "Woodside",
    "Laurieston and Tradeston",
    "Cowlairs and Port Dundas",
    "Gorbals and Hutchesontown",
    "Dennistoun",
]

# Fictional GP practices placed at real Glasgow practice sites (postcodes from the ODS snapshot).
DEMO_PRACTICES = [
    ("DEMO01", "Saracen Cross Medical Practice", "G22 5AP"),
    ("DEMO02", "Springvale Group Practice", "G21 1TR"),
    ("DEMO03", "Fairfield Quay Medical Practice", "G51 4BJ"),
    ("DEMO04", "Bishop Loch Practice", "G34 9HQ"),
    ("DEMO05", "Kilpatrick View Medical Practice", "G15 7TS"),
    ("DEMO06", "Cathkin Braes Family Practice", "G45 9AW"),
    ("DEMO07", "Camlachie Burn Practice", "G31 5BA"),
    ("DEMO08", "Brock Burn Medical Practice", "G53 6EQ"),
    ("DEMO09", "Lochburn Medical Practice", "G22 7JL"),
    ("DEMO10", "Laurieston Arches Practice", "G5 9RP"),
    ("DEMO11", "Kelvin Bank Group Practice", "G12 9LD"),
    ("DEMO12", "Maxwell Park Gate Practice", "G41 3RG"),
]
PRACTICE_CATCHMENT_KM = 1.5


# ----------------------------------------------------------------------------------------------
# Small deterministic helpers
# ----------------------------------------------------------------------------------------------
def rng_for(*parts: object) -> random.Random:
    """A random generator seeded only by its purpose, so one change does not reshuffle the rest."""
    digest = hashlib.sha256("|".join(map(str, (SEED, *parts))).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def uid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(map(str, parts))))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def weighted_sample(rng: random.Random, items: list[str], weights: list[float], k: int) -> list[str]:
    pool, w, chosen = list(items), list(weights), []
    while pool and len(chosen) < k:
        pick = rng.choices(range(len(pool)), weights=w)[0]
        chosen.append(pool.pop(pick))
        w.pop(pick)
    return chosen


def fmt_time(hhmm: str, closing: bool = False) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    if (hour, minute) in ((23, 59), (0, 0)) and (closing or hour == 0):
        return "midnight"
    if (hour, minute) == (12, 0):
        return "12 noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}.{minute:02d}{suffix}"


def join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class NumberPool:
    """Hands out unique numbers from a 1,000-number fictional range, stable per key."""

    def __init__(self, template: str) -> None:
        self.template, self.used = template, set[int]()
        self.by_key: dict[str, str] = {}

    def get(self, key: str) -> str:
        if key not in self.by_key:
            n = int(hashlib.sha256(f"{SEED}|{key}".encode()).hexdigest(), 16) % 1000
            while n in self.used:
                n = (n + 7) % 1000
                if len(self.used) >= 1000:
                    raise RuntimeError(f"number range exhausted: {self.template}")
            self.used.add(n)
            self.by_key[key] = self.template.format(n)
        return self.by_key[key]


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------
@dataclass
class Zone:
    code: str
    name: str
    names: list[str]
    locality: str
    deep_end: bool
    deprived_share: float
    postcodes: list[tuple[str, float, float]] = field(default_factory=list)


@dataclass
class Geography:
    zones: dict[str, Zone]
    postcode_points: dict[str, tuple[float, float, str]]
    datazones: list[tuple[float, float, int, bool]]  # Glasgow data zone centroids: lat, lon, pop, deprived


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_geography(source: Path, neighbourhoods: dict[str, dict]) -> Geography:
    dz_rows = read_csv(source / "simd2020v2" / "glasgow_city_datazones_simd2020v2.csv")
    pop, deprived, zone_code = Counter(), Counter(), {}
    dz_zone, dz_deprived = {}, {}
    for row in dz_rows:
        name, people = row["IntZoneName"], int(row["TotPop2011"])
        zone_code[name] = row["IntZone"]
        dz_zone[row["DataZone"]] = name
        dz_deprived[row["DataZone"]] = row["SIMD2020V2Most15pc"] == "1"
        pop[name] += people
        deprived[name] += people if dz_deprived[row["DataZone"]] else 0
    missing = set(zone_code) ^ set(neighbourhoods)
    if missing:
        raise SystemExit(f"neighbourhood table and SIMD file disagree: {sorted(missing)}")
    zones = {
        name: Zone(
            code=zone_code[name],
            name=name,
            names=list(info["names"]),
            locality=info["locality"],
            deep_end=bool(info.get("deep_end", False)),
            deprived_share=deprived[name] / pop[name],
        )
        for name, info in neighbourhoods.items()
    }
    points = {}
    for row in read_csv(source / "postcodes_scotland" / "scotland_postcodes.csv"):
        if row["council_area"] != GLASGOW_CODE or row["in_use"] != "1" or not row["latitude"]:
            continue
        lat, lon = float(row["latitude"]), float(row["longitude"])
        points[row["postcode"]] = (lat, lon, row["datazone2011"])
        zone = dz_zone.get(row["datazone2011"])
        if zone and row["user_type"] != "1" and row["postcode"].split()[0] not in NON_GEOGRAPHIC_DISTRICTS:
            zones[zone].postcodes.append((row["postcode"], lat, lon))
    for zone in zones.values():
        zone.postcodes.sort()
    centroids = []
    for row in read_csv(source / "geography_scotland" / "datazone2011_population_weighted_centroids.csv"):
        if row["DataZone"] in dz_zone:
            centroids.append(
                (
                    float(row["latitude"]),
                    float(row["longitude"]),
                    int(row["TotPop2011"]),
                    dz_deprived[row["DataZone"]],
                )
            )
    return Geography(zones=zones, postcode_points=points, datazones=centroids)


def load_taxonomy(source: Path) -> tuple[dict, list[dict], dict[str, dict]]:
    rows = read_csv(source / "service_directory_aliss" / "aliss_categories.csv")
    taxonomy = {
        "id": uid("taxonomy", "aliss-categories"),
        "name": TAXONOMY_NAME,
        "description": (
            "The category tree of ALISS (A Local Information System for Scotland), run by the Health and "
            "Social Care Alliance Scotland. 212 categories under 12 top-level groups. Licensed under CC BY 4.0."
        ),
        "uri": "https://www.aliss.org",
        "version": "2018-11-06",
    }
    by_id = {row["id"]: row for row in rows}
    terms, by_slug = [], {}
    for row in sorted(rows, key=lambda r: (r["path"].lower(), r["slug"])):
        term = {
            "id": uid("aliss", row["slug"]),
            "code": row["slug"],
            "name": row["name"],
            "description": f"ALISS category: {row['path']}",
            "taxonomy": TAXONOMY_NAME,
            "taxonomy_id": taxonomy["id"],
            "language": "en",
        }
        if row["parent_id"]:
            term["parent_id"] = uid("aliss", by_id[row["parent_id"]]["slug"])
        terms.append(term)
        by_slug[row["slug"]] = term
    return taxonomy, terms, by_slug


# ----------------------------------------------------------------------------------------------
# Schedules
# ----------------------------------------------------------------------------------------------
@dataclass
class Session:
    freq: str
    byday: str
    opens: str
    closes: str
    interval: int = 1
    words: str = ""
    first_day: str = ""


def parse_days(spec: str) -> tuple[str, str, int, str, str]:
    """Return freq, byday, interval, words and the first day's name for one day spec."""
    if spec == "ALL":
        return "WEEKLY", ",".join(WEEK), 1, "every day", "day"
    if "/" in spec:
        day, _ = spec.split("/")
        return "WEEKLY", day, 2, f"every other {DAY_NAMES[day]}", DAY_NAMES[day]
    monthly = re.fullmatch(r"(-?\d)([A-Z]{2})", spec)
    if monthly:
        nth, day = monthly.groups()
        words = f"the {ORDINALS[nth]} {DAY_NAMES[day]} of every month"
        return "MONTHLY", spec, 1, words, DAY_NAMES[day]
    if "-" in spec:
        start, end = spec.split("-")
        days = WEEK[WEEK.index(start) : WEEK.index(end) + 1]
        return "WEEKLY", ",".join(days), 1, f"{DAY_NAMES[start]} to {DAY_NAMES[end]}", DAY_NAMES[start]
    days = spec.split(",")
    words = "every " + join_words([DAY_NAMES[d] for d in days])
    return "WEEKLY", spec, 1, words, DAY_NAMES[days[0]]


def parse_schedule(option: str) -> list[Session]:
    sessions = []
    for part in option.split("|"):
        days, times = part.split()
        opens, closes = times.split("-")
        freq, byday, interval, words, first = parse_days(days)
        if days == "ALL" and (opens, closes) == ("00:00", "23:59"):
            text = "24 hours a day, every day of the year"
        elif days == "ALL" and closes < opens:
            text = f"every night, {fmt_time(opens)} to {fmt_time(closes, closing=True)}"
        else:
            text = f"{words}, {fmt_time(opens)} to {fmt_time(closes, closing=True)}"
        sessions.append(Session(freq, byday, opens, closes, interval, text, first))
    return sessions


def describe_sessions(sessions: list[Session]) -> str:
    return join_words([s.words for s in sessions])


def season_dates(season: str, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    if season == "winter":
        start_year = as_of.year if as_of.month >= 4 else as_of.year - 1
        return dt.date(start_year, 10, 1), dt.date(start_year + 1, 3, 31)
    if season == "summer":
        year = as_of.year if as_of <= dt.date(as_of.year, 8, 14) else as_of.year + 1
        return dt.date(year, 6, 29), dt.date(year, 8, 14)
    return None


def first_weekday_on_or_after(day: dt.date, weekday: str) -> dt.date:
    return day + dt.timedelta(days=(WEEK.index(weekday) - day.weekday()) % 7)


# ----------------------------------------------------------------------------------------------
# The builder
# ----------------------------------------------------------------------------------------------
@dataclass
class Instance:
    archetype: dict
    key: str
    zone: Zone | None = None
    locality: str | None = None
    sites: list[Zone] = field(default_factory=list)


class DirectoryBuilder:
    def __init__(self, content: dict, geo: Geography, terms: dict[str, dict], as_of: dt.date) -> None:
        self.content, self.geo, self.terms, self.as_of = content, geo, terms, as_of
        self.vocab = content["vocab"]
        self.localities = content["localities"]
        self.landline = NumberPool("0141 496 {:04d}")
        self.mobile = NumberPool("07700 900{:03d}")
        self.freephone = NumberPool("0808 157 {:04d}")
        self.national = NumberPool("0306 999 {:04d}")
        self.stems_used: set[str] = set()
        self.postcodes_used: set[str] = set()
        self.orgs: dict[tuple, dict] = {}
        self.org_names: set[str] = set()
        self.venues: dict[tuple, dict] = {}
        self.service_names: set[str] = set()
        self.zone_load: Counter[str] = Counter()

    # ---- names -------------------------------------------------------------------------------
    def stem(self, *key: object) -> str:
        rng = rng_for("stem", *key)
        starts, ends = self.vocab["stem_starts"], self.vocab["stem_ends"]
        for _ in range(5000):
            word = rng.choice(starts) + rng.choice(ends)
            if word not in self.stems_used and not re.search(r"(.)\1\1", word.lower()):
                self.stems_used.add(word)
                return word
        raise RuntimeError("ran out of invented place names")

    def street(self, *key: object) -> str:
        rng = rng_for("street", *key)
        word = rng.choice(self.vocab["stem_starts"]) + rng.choice(self.vocab["stem_ends"])
        return f"{rng.randint(1, 240)} {word} {rng.choice(self.vocab['street_types'])}"

    # ---- organisations -------------------------------------------------------------------------
    def add_org(self, key: tuple, name: str, description: str, legal_status: str, phone: str) -> dict:
        if key in self.orgs:
            return self.orgs[key]
        if name in self.org_names:
            raise RuntimeError(f"duplicate organisation name: {name}")
        self.org_names.add(name)
        org_id = uid("organization", *key)
        slug = slugify(name)
        self.orgs[key] = {
            "id": org_id,
            "name": name,
            "description": description,
            "email": f"{slug}@example.org",
            "website": f"https://example.org/{slug}",
            "legal_status": legal_status,
            "phones": [
                {"id": uid(org_id, "phone"), "organization_id": org_id, "number": phone, "type": "voice"}
            ],
        }
        return self.orgs[key]

    def hub_org(self, zone: Zone) -> dict:
        key = ("hub", zone.code)
        if key not in self.orgs:
            rng = rng_for("hub", zone.code)
            patterns = [
                "{} Community Hub",
                "{} Development Trust",
                "{} Neighbourhood Network",
                "{} Community Action",
            ]
            rng.shuffle(patterns)
            candidates = [p.format(n) for n in zone.names for p in patterns] + [f"{zone.name} Community Hub"]
            name = next(c for c in candidates if c not in self.org_names)
            street = self.street("hub", zone.code).split(" ", 1)[1]
            description = rng.choice(
                [
                    f"A community charity run by local people in {zone.names[0]}. We run a café, advice "
                    f"sessions and activities from our building on {street}.",
                    f"A resident-led charity working to make {zone.names[0]} a better place to live. Our hub "
                    "is open to everyone, with food, advice and activities every week.",
                    f"A local anchor organisation in {zone.names[0]}: a building, a team of staff and "
                    "volunteers, and a programme shaped by the people who live here.",
                ]
            )
            legal = rng.choice(
                [
                    "Scottish charitable incorporated organisation",
                    "Company limited by guarantee with charitable status",
                ]
            )
            self.add_org(key, name, description, legal, self.landline.get(f"org:{key}"))
        return self.orgs[key]

    def church_org(self, zone: Zone) -> dict:
        key = ("church", zone.code)
        if key not in self.orgs:
            rng = rng_for("church", zone.code)
            name = f"{self.stem('church', zone.code)} {rng.choice(['Parish Church', 'Community Church'])}"
            description = rng.choice(
                [
                    f"A local church in {zone.names[0]}. Our hall is open to the whole community, whatever "
                    "your faith or none.",
                    f"A small, friendly congregation in {zone.names[0]} that shares its hall with local groups "
                    "and runs free community meals.",
                ]
            )
            self.add_org(
                key, name, description, "Church (registered charity)", self.landline.get(f"org:{key}")
            )
        return self.orgs[key]

    def org_for(self, arch: dict, inst: Instance, service_name: str, venue: dict | None) -> dict:
        kind = arch.get("org", "own")
        zone = inst.zone or (inst.sites[0] if inst.sites else None)
        if kind == "hub":
            return self.hub_org(zone)
        if kind == "church":
            return self.church_org(zone)
        if kind.startswith("locality:"):
            group = kind.split(":", 1)[1]
            info = self.content["locality_orgs"][group][inst.locality]
            key = ("locality", group, inst.locality)
            return self.add_org(
                key,
                info["name"],
                info["description"],
                "Scottish charitable incorporated organisation",
                self.landline.get(f"org:{key}"),
            )
        if kind.startswith("single:"):
            group = kind.split(":", 1)[1]
            info = self.content["orgs"][group]
            pool = self.national if arch.get("scope") == "national" else self.landline
            return self.add_org(
                ("single", group),
                info["name"],
                info["description"],
                info["legal_status"],
                pool.get(f"org:single:{group}"),
            )
        name = arch["org_names"][0].format(venue=venue["name"]) if arch.get("org_names") else service_name
        key = ("own", name)
        rng = rng_for("own-org", name)
        place = zone.names[0] if zone else "Glasgow"
        description = arch.get("org_description") or rng.choice(
            [
                f"A volunteer-run community group based in {place}.",
                f"A small community group in {place}, run by local volunteers with a little help from "
                "local grants.",
                f"A constituted community group in {place}. Everyone who takes part can become a member and "
                "have a say.",
            ]
        )
        legal = rng.choice(
            ["Unincorporated community group", "Scottish charitable incorporated organisation"]
        )
        return self.add_org(key, name, description, legal, self.landline.get(f"org:{key}"))

    # ---- venues --------------------------------------------------------------------------------
    def venue(self, zone: Zone, kind: str, owner: dict | None = None) -> dict:
        """A venue in a zone. Offices, warehouses and centres belong to one organisation (owner)."""
        key = (zone.code, kind) if owner is None else (owner["id"], kind)
        if key in self.venues:
            return self.venues[key]
        rng = rng_for("venue", *key)
        if owner is not None:
            suffix = {"office": " office", "warehouse": " warehouse", "hub": ""}[kind]
            name = owner["name"] + suffix
        elif kind == "hub":
            name = self.hub_org(zone)["name"]
        elif kind == "church_hall":
            name = f"{self.church_org(zone)['name']} Hall"
        else:
            label = {
                "community_centre": "Community Centre",
                "library": "Library",
                "sports": rng.choice(["Sports Centre", "Leisure Centre"]),
                "park": "Park",
                "garden": "Growing Space",
                "shopfront": "Parade",
                "workshop": "Workshops",
            }[kind]
            name = f"{self.stem('venue', *key)} {label}"
        candidates = [p for p in zone.postcodes if p[0] not in self.postcodes_used] or zone.postcodes
        postcode, lat, lon = rng.choice(candidates)
        self.postcodes_used.add(postcode)
        location_id = uid("location", *key)
        address_1 = self.street("venue", *key)
        if kind == "shopfront":
            address_1 = f"Unit {rng.randint(1, 9)}, {address_1}"
        elif kind == "park":
            address_1 = "Main gates, " + address_1.split(" ", 1)[1]
        main_road = f"{self.stem('road', *key)} Road"
        transport = (
            f"Buses stop on {main_road}, about {rng.choice(['two', 'three', 'five'])} minutes' walk away."
        )
        if rng.random() < 0.3:
            transport += f" The nearest train station is about {rng.choice([10, 12, 15])} minutes' walk."
        if kind in ("sports", "warehouse", "park") or rng.random() < 0.25:
            transport += " There is a small car park."
        self.venues[key] = {
            "id": location_id,
            "kind": kind,
            "zone": zone,
            "name": name,
            "postcode": postcode,
            "latitude": lat,
            "longitude": lon,
            "address_1": address_1,
            "description": rng.choice(self.vocab["venue_descriptions"][kind]),
            "transportation": transport,
            "accessibility": self.accessibility(location_id, kind, rng),
            "phone": self.landline.get(f"venue:{key}") if kind in RECEPTION_KINDS else None,
        }
        return self.venues[key]

    @staticmethod
    def accessibility(location_id: str, kind: str, rng: random.Random) -> list[dict]:
        items: list[tuple[str, str]] = []
        if kind in ("park",):
            items.append(
                ("Outdoor paths", "Flat tarmac paths for most of the route, with benches along the way.")
            )
            if rng.random() < 0.5:
                items.append(("Accessible toilet", "Accessible toilet in the park café, open 10am to 4pm."))
        elif kind == "garden":
            items.append(("Raised beds", "Some beds are at wheelchair height. Paths are gravel in places."))
            if rng.random() < 0.5:
                items.append(("Accessible toilet", "Accessible toilet in the building next door."))
        else:
            step_free = {"church_hall": 0.6, "shopfront": 0.7, "workshop": 0.6}.get(kind, 0.95)
            if rng.random() < step_free:
                detail = rng.choice(
                    [
                        "Level entrance with automatic doors.",
                        "Ramp at the main entrance.",
                        "Level access from the street.",
                    ]
                )
                items.append(("Step-free access", detail))
            else:
                items.append(
                    (
                        "Steps at entrance",
                        "Two steps at the door. A portable ramp is available: ask a volunteer.",
                    )
                )
            toilet = {"church_hall": 0.6, "shopfront": 0.4, "workshop": 0.4}.get(kind, 0.9)
            if rng.random() < toilet:
                items.append(("Accessible toilet", "Accessible toilet on the ground floor."))
            if rng.random() < (0.4 if kind in ("workshop", "shopfront", "warehouse") else 0.65):
                items.append(("Hearing loop", "Hearing loop in the main room. Ask staff to switch it on."))
            if kind in ("hub", "community_centre", "library") and rng.random() < 0.5:
                items.append(("Baby changing", "Baby changing in the accessible toilet."))
            if kind in ("office", "library") and rng.random() < 0.5:
                items.append(("Lift", "Lift to all floors."))
            if kind in ("hub", "community_centre") and rng.random() < 0.3:
                items.append(("Quiet room", "A quiet room you can use if you need a break."))
        return [
            {
                "id": uid(location_id, "accessibility", label),
                "location_id": location_id,
                "description": label,
                "details": detail,
            }
            for label, detail in items
        ]

    def location_json(self, venue: dict) -> dict:
        zone = venue["zone"]
        return {
            "id": venue["id"],
            "location_type": "physical",
            "name": venue["name"],
            "description": venue["description"],
            "transportation": venue["transportation"],
            "latitude": venue["latitude"],
            "longitude": venue["longitude"],
            "addresses": [
                {
                    "id": uid(venue["id"], "address"),
                    "location_id": venue["id"],
                    "address_1": venue["address_1"],
                    "address_2": zone.names[0],
                    "city": "Glasgow",
                    "region": "Glasgow City",
                    "state_province": "Scotland",
                    "postal_code": venue["postcode"],
                    "country": "GB",
                    "address_type": "physical",
                }
            ],
            "accessibility": venue["accessibility"],
        }

    # ---- planning --------------------------------------------------------------------------------
    def zone_weights(self, zones: list[Zone], spread: str) -> list[float]:
        weights = []
        for z in zones:
            base = 1.0 + 0.6 * z.deprived_share if spread == "even" else 0.5 + 3.0 * z.deprived_share
            base += (3.5 if spread != "even" else 0.8) if z.deep_end else 0.0
            weights.append(base / (1.0 + self.zone_load[z.name] / 3.0))
        return weights

    def pick_zones(self, arch: dict, purpose: str, k: int, pool: list[Zone], places: list[str]) -> list[Zone]:
        rng = rng_for("place", arch["key"], purpose)
        preferred = [self.geo.zones[p] for p in places if self.geo.zones[p] in pool]
        rng.shuffle(preferred)
        chosen = preferred[:k]
        rest = [z for z in pool if z not in chosen]
        names = weighted_sample(
            rng, [z.name for z in rest], self.zone_weights(rest, arch.get("spread", "")), k - len(chosen)
        )
        chosen += [self.geo.zones[n] for n in names]
        for z in chosen:
            self.zone_load[z.name] += 1
        return chosen

    def plan(self, arch: dict) -> list[Instance]:
        scope = arch.get("scope", "local")
        zones = sorted(self.geo.zones.values(), key=lambda z: z.name)
        places = arch.get("places", [])
        if scope == "local":
            return [
                Instance(arch, z.code, zone=z, locality=z.locality, sites=[z])
                for z in self.pick_zones(arch, "local", arch.get("count", 1), zones, places)
            ]
        if scope == "locality":
            rng = rng_for("localities", arch["key"])
            codes = sorted(rng.sample(["NW", "NE", "S"], arch.get("count", 3)), key=["NW", "NE", "S"].index)
            out = []
            for code in codes:
                pool = [z for z in zones if z.locality == code]
                sites = self.pick_zones(arch, code, self.site_count(arch), pool, places)
                out.append(Instance(arch, code, locality=code, sites=sites))
            return out
        default_places = places or CITY_CENTRE_ZONES
        sites = self.pick_zones(arch, "city", self.site_count(arch), zones, default_places)
        return [Instance(arch, "city", locality=None, sites=sites)]

    @staticmethod
    def site_count(arch: dict) -> int:
        if arch.get("delivery", "venue") in ("phone", "online", "confidential"):
            return 0
        return arch.get("sites", 1)

    # ---- services --------------------------------------------------------------------------------
    def choose_venue(self, arch: dict, inst: Instance, zone: Zone, index: int, taken: set[str]) -> dict:
        rng = rng_for("venue-kind", arch["key"], inst.key, index)
        kinds = arch.get("venues", ["community_centre"])
        kind = rng.choices(kinds, weights=[3.0 if i == 0 else 1.0 for i in range(len(kinds))])[0]
        org_kind = arch.get("org", "own")
        if org_kind == "church" and "church_hall" in kinds:
            kind = "church_hall"  # a church runs its groups in its own hall
        citywide_centre = kind == "hub" and org_kind.startswith("single:") and arch.get("scope") == "citywide"
        owned = kind in ("office", "warehouse") or citywide_centre
        if owned and org_kind != "own":
            venue = self.venue(zone, kind, owner=self.org_for(arch, inst, "", None))
        else:
            venue = self.venue(zone, "community_centre" if owned else kind)
        if venue["id"] in taken:  # an organisation's one office cannot be two of its sites
            venue = self.venue(zone, "community_centre")
        taken.add(venue["id"])
        return venue

    def service_name(self, arch: dict, inst: Instance, venue: dict | None, org: dict | None) -> str:
        rng = rng_for("name", arch["key"], inst.key)
        patterns = list(arch["names"])
        start = rng.randrange(len(patterns))
        patterns = patterns[start:] + patterns[:start]
        zone = inst.zone
        areas = zone.names + [zone.name] if zone else ["Glasgow"]
        locality = self.localities[inst.locality]["label"] if inst.locality else "Glasgow"
        for area in areas:
            for pattern in patterns:
                name = pattern.format(
                    area=area,
                    venue=venue["name"] if venue else "",
                    org=org["name"] if org else "",
                    locality=locality,
                )
                if name not in self.service_names:
                    self.service_names.add(name)
                    return name
        raise RuntimeError(f"no unique name for {arch['key']} in {inst.key}")

    def build(self) -> list[dict]:
        services = []
        for arch in self.content["archetype"]:
            for inst in self.plan(arch):
                services.append(self.build_service(arch, inst))
        self.apply_statuses(services)
        return sorted(services, key=lambda s: (s["name"].lower(), s["id"]))

    def build_service(self, arch: dict, inst: Instance) -> dict:
        rng = rng_for("service", arch["key"], inst.key)
        delivery = arch.get("delivery", "venue")
        taken: set[str] = set()
        venues = [self.choose_venue(arch, inst, zone, i, taken) for i, zone in enumerate(inst.sites)]
        org_first = arch.get("org", "own") != "own"
        org = self.org_for(arch, inst, "", venues[0] if venues else None) if org_first else None
        name = self.service_name(arch, inst, venues[0] if venues else None, org)
        if org is None:
            org = self.org_for(arch, inst, name, venues[0] if venues else None)
        service_id = uid("service", arch["key"], inst.key)
        slug = slugify(name)
        same_as_org = name == org["name"]
        email = org["email"] if same_as_org else f"{slug}@example.org"
        url = org["website"] if same_as_org else f"{org['website']}/{slug}"

        schedule_options = arch["schedules"]
        site_schedules = [
            parse_schedule(
                schedule_options[(rng.randrange(len(schedule_options)) + i) % len(schedule_options)]
            )
            for i in range(max(1, len(venues)))
        ]
        all_sessions = [s for group in site_schedules for s in group]
        locality_label = self.localities[inst.locality]["label"] if inst.locality else "Glasgow"
        area = inst.zone.names[0] if inst.zone else locality_label
        fill = {
            "area": area,
            "venue": venues[0]["name"] if venues else "",
            "org": org["name"],
            "locality": locality_label,
            "when": describe_sessions(site_schedules[0]),
            "day": site_schedules[0][0].first_day,
            "where": self.where_to_go(venues[0]) if len(venues) == 1 else "",
        }
        valid_from = self.as_of - dt.timedelta(days=rng.randint(90, 900))
        season = season_dates(arch.get("season", ""), self.as_of)

        service_phone = self.service_phone(arch, inst, org, service_id, rng)
        phones = [service_phone]
        contacts = self.contacts(arch, service_id, email, rng)
        service: dict = {
            "id": service_id,
            "organization_id": org["id"],
            "name": name,
            "description": self.describe(arch, inst, venues, fill, rng),
            "url": url,
            "email": email,
            "status": "active",
        }
        if arch.get("interpretation"):
            service["interpretation_services"] = arch["interpretation"]
        service["application_process"] = arch.get("application") or self.default_application(arch["route"])
        cost = arch.get("cost")
        service["fees_description"] = cost["description"] if cost else "Free."
        service["eligibility_description"] = arch.get("eligibility", "Open to all adults.").format(**fill)
        for age in ("minimum_age", "maximum_age"):
            short = age.split("_")[0][:3] + "_age"
            if short in arch:
                service[age] = arch[short]
        assured, modified = self.freshness(rng)
        service["assured_date"] = assured.isoformat()
        service["assurer_email"] = ASSURER_EMAIL
        service["last_modified"] = modified
        service["phones"] = phones
        remote = delivery in ("phone", "confidential") or not venues
        service["schedules"] = (
            self.schedules(all_sessions, "service_id", service_id, valid_from, season, delivery, notes=arch)
            if remote
            else []
        )
        service["service_areas"] = self.service_areas(arch, inst, service_id)
        service["service_at_locations"] = self.service_at_locations(
            arch, service_id, name, url, venues, site_schedules, valid_from, season, service_phone, delivery
        )
        service["languages"] = [
            {
                "id": uid(service_id, "language", code),
                "service_id": service_id,
                "name": LANGUAGE_NAMES[code],
                "code": code,
            }
            for code in ["en", *arch.get("languages", [])]
        ]
        service["organization"] = org
        service["cost_options"] = [self.cost_option(service_id, cost, valid_from)]
        service["contacts"] = contacts
        service["attributes"] = [self.attribute(service_id, slug_) for slug_ in arch["categories"]]
        service["x_linkpad"] = self.linkpad_extras(arch, inst, rng, fill)
        return service

    def describe(self, arch: dict, inst: Instance, venues: list[dict], fill: dict, rng: random.Random) -> str:
        """The archetype's text plus a line about this place, so listings are not carbon copies."""
        text = arch["description"].format(**fill)
        areas = list(dict.fromkeys(v["zone"].names[0] for v in venues))
        if len(areas) > 1:
            text += f" Sessions run in {join_words(areas)}."
        elif arch.get("scope", "local") == "local" and rng.random() < 0.6:
            colour = rng.choice(
                [
                    "Started by local residents in {year}.",
                    "Running in {area} since {year}.",
                    "Run by a small team of local volunteers.",
                    "New faces are always welcome.",
                    "Most people who come live within walking distance.",
                ]
            )
            text += " " + colour.format(year=rng.randint(1998, 2023), area=fill["area"])
        return text

    @staticmethod
    def where_to_go(venue: dict) -> str:
        """A practical last line for the first-visit text: the address and how easy it is to get in."""
        labels = {a["description"]: a["details"] for a in venue["accessibility"]}
        if venue["kind"] == "park":
            street = venue["address_1"].removeprefix("Main gates, ")
            return f"The main gates of {venue['name']} are on {street}, {venue['postcode']}. Paths are mostly flat."
        line = f"{venue['name']} is at {venue['address_1']}, {venue['postcode']}."
        if "Steps at entrance" in labels:
            return line + " There are two steps at the door, and a portable ramp if you need it."
        extras = [phrase for label, phrase in ACCESS_PHRASES.items() if label in labels]
        if "Step-free access" in labels:
            return line + " There is " + join_words(["step-free access", *extras]) + "."
        return line

    @staticmethod
    def default_application(route: str) -> str:
        return {
            "drop_in": "Just turn up. You do not need to book or be referred.",
            "self_refer": "Get in touch to book or to refer yourself. A link worker, GP or other professional "
            "can also refer you, with your agreement.",
            "needs_referral": "You need a referral from a professional, such as a link worker, GP, health "
            "visitor or social worker.",
        }[route]

    def service_phone(
        self, arch: dict, inst: Instance, org: dict, service_id: str, rng: random.Random
    ) -> dict:
        scope, key = arch.get("scope", "local"), f"service:{arch['key']}:{inst.key}"
        if arch.get("phone_type") == "text":
            number, kind, text = self.mobile.get(key), "text", "Text this number. Texts are free."
        elif arch.get("delivery") == "phone" and scope == "national":
            number, kind, text = (
                self.freephone.get(key),
                "voice",
                "Freephone: free from mobiles and landlines.",
            )
        elif arch.get("delivery") == "phone":
            number, kind, text = self.landline.get(key), "voice", "Main line."
        elif arch.get("contact_role") and arch.get("org", "own") == "own" and rng.random() < 0.6:
            number, kind, text = self.mobile.get(key), "voice", "Mobile: call or text."
        elif arch.get("org", "own") == "own":
            return {
                "id": uid(service_id, "phone"),
                "service_id": service_id,
                "number": org["phones"][0]["number"],
                "type": "voice",
                "description": "Main number.",
            }
        else:
            number, kind, text = (
                self.landline.get(key),
                "voice",
                f"Direct line for this service at {org['name']}.",
            )
        return {
            "id": uid(service_id, "phone"),
            "service_id": service_id,
            "number": number,
            "type": kind,
            "description": text,
        }

    def contacts(self, arch: dict, service_id: str, email: str, rng: random.Random) -> list[dict]:
        role = arch.get("contact_role")
        if not role:
            return []
        contact_id = uid(service_id, "contact")
        first_name = rng.choice(self.vocab["contact_names"])
        number = self.mobile.get(f"contact:{service_id}") if rng.random() < 0.5 else None
        contact = {
            "id": contact_id,
            "service_id": service_id,
            "name": first_name,
            "title": role,
            "email": email,
            "phones": [],
        }
        if number:
            contact["phones"].append(
                {
                    "id": uid(contact_id, "phone"),
                    "contact_id": contact_id,
                    "number": number,
                    "type": "voice",
                    "description": f"Call or text {first_name}.",
                }
            )
        return [contact]

    def schedules(
        self,
        sessions: list[Session],
        link_field: str,
        link_id: str,
        valid_from: dt.date,
        season: tuple[dt.date, dt.date] | None,
        delivery: str,
        notes: dict | None = None,
    ) -> list[dict]:
        attending = {
            "phone": "By phone",
            "online": "Online",
            "home": "By phone, or a home visit by arrangement",
            "confidential": "In person at a venue that is shared once you have a place",
        }.get(delivery, "In person")
        out = []
        for i, s in enumerate(sessions):
            item = {"id": uid(link_id, "schedule", i), link_field: link_id, "freq": s.freq}
            if s.interval != 1:
                item["interval"] = s.interval
                item["dtstart"] = first_weekday_on_or_after(valid_from, s.byday).isoformat()
            item["byday"] = s.byday
            item["opens_at"], item["closes_at"] = s.opens, s.closes
            item["valid_from"] = (season[0] if season else valid_from).isoformat()
            if season:
                item["valid_to"] = season[1].isoformat()
            item["description"] = s.words[0].upper() + s.words[1:] + "."
            item["attending_type"] = attending
            if season:
                item["notes"] = (
                    "Runs from October to March."
                    if season[0].month == 10
                    else "Runs in the school summer holidays."
                )
            out.append(item)
        return out

    def service_at_locations(
        self,
        arch: dict,
        service_id: str,
        name: str,
        url: str,
        venues: list[dict],
        site_schedules: list[list[Session]],
        valid_from: dt.date,
        season: tuple | None,
        service_phone: dict,
        delivery: str,
    ) -> list[dict]:
        out = []
        for venue, sessions in zip(venues, site_schedules, strict=False):
            sal_id = uid(service_id, "at", venue["id"])
            when = describe_sessions(sessions)
            if delivery == "home":
                text = f"Office of {name}. Most support happens in your own home. The office is open {when}."
            elif venue["name"] in name:
                text = f"{name}: {when}."
            else:
                text = f"{name} at {venue['name']}: {when}."
            phone_number = venue["phone"] or service_phone["number"]
            out.append(
                {
                    "id": sal_id,
                    "service_id": service_id,
                    "location_id": venue["id"],
                    "description": text,
                    "phones": [
                        {
                            "id": uid(sal_id, "phone"),
                            "service_at_location_id": sal_id,
                            "number": phone_number,
                            "type": "voice",
                            "description": "Reception at the venue."
                            if venue["phone"]
                            else service_phone["description"],
                        }
                    ],
                    "schedules": self.schedules(
                        sessions, "service_at_location_id", sal_id, valid_from, season, delivery
                    ),
                    "location": self.location_json(venue),
                }
            )
        if delivery == "online" or arch.get("online"):
            location_id = uid(service_id, "virtual-location")
            sal_id = uid(service_id, "at", location_id)
            sessions = [s for group in site_schedules for s in group]
            out.append(
                {
                    "id": sal_id,
                    "service_id": service_id,
                    "location_id": location_id,
                    "description": f"{name} online: join from a phone, tablet or computer.",
                    "schedules": self.schedules(
                        sessions, "service_at_location_id", sal_id, valid_from, season, "online"
                    ),
                    "location": {
                        "id": location_id,
                        "location_type": "virtual",
                        "name": f"{name} (online)",
                        "url": f"{url}/online",
                        "description": "Online. You need an internet connection and an email address.",
                    },
                }
            )
        return out

    def service_areas(self, arch: dict, inst: Instance, service_id: str) -> list[dict]:
        scope = arch.get("scope", "local")
        if scope == "local":
            z = inst.zone
            return [
                {
                    "id": uid(service_id, "area"),
                    "service_id": service_id,
                    "name": z.name,
                    "description": f"{z.name} and nearby neighbourhoods in {self.localities[z.locality]['label']}.",
                    "uri": GEOGRAPHY_URI + z.code,
                }
            ]
        if scope == "locality":
            loc = self.localities[inst.locality]
            zones = sorted(
                {n for z in self.geo.zones.values() if z.locality == inst.locality for n in z.names[:1]}
            )
            return [
                {
                    "id": uid(service_id, "area"),
                    "service_id": service_id,
                    "name": loc["title"],
                    "description": f"The {loc['label']} locality of Glasgow City, including "
                    f"{join_words(zones[:6])} and neighbouring areas.",
                }
            ]
        if scope == "national":
            return [
                {
                    "id": uid(service_id, "area"),
                    "service_id": service_id,
                    "name": "Scotland",
                    "description": f"Anywhere in Scotland (country code {SCOTLAND_CODE}; ALISS code XS).",
                    "uri": GEOGRAPHY_URI + SCOTLAND_CODE,
                }
            ]
        return [
            {
                "id": uid(service_id, "area"),
                "service_id": service_id,
                "name": "Glasgow City",
                "description": f"Anyone living in Glasgow City council area (council code {GLASGOW_CODE}; "
                f"ALISS and pre-2018 code {GLASGOW_OLD_CODE}).",
                "uri": GEOGRAPHY_URI + GLASGOW_CODE,
            }
        ]

    def cost_option(self, service_id: str, cost: dict | None, valid_from: dt.date) -> dict:
        start = dt.date(self.as_of.year if self.as_of.month >= 4 else self.as_of.year - 1, 4, 1)
        item = {"id": uid(service_id, "cost"), "service_id": service_id, "valid_from": start.isoformat()}
        if cost:
            item |= {
                "option": cost["option"],
                "currency": "GBP",
                "amount": cost["amount"],
                "amount_description": cost["description"],
            }
        else:
            item |= {"option": "Free", "currency": "GBP", "amount": 0, "amount_description": "Free."}
        return item

    def attribute(self, service_id: str, slug: str) -> dict:
        term = self.terms.get(slug)
        if term is None:
            raise SystemExit(f"unknown ALISS category slug: {slug}")
        return {
            "id": uid(service_id, "attribute", slug),
            "link_id": service_id,
            "taxonomy_term_id": term["id"],
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term": term,
        }

    def freshness(self, rng: random.Random) -> tuple[dt.date, str]:
        roll = rng.random()
        if roll < 0.10:
            days = rng.randint(560, 1100)  # over 18 months: stale
        elif roll < 0.16:
            days = rng.randint(370, 540)  # 12 to 18 months: due for review
        else:
            days = 2 + int(355 * rng.random() ** 1.6)
        assured = self.as_of - dt.timedelta(days=days)
        modified_day = min(self.as_of, assured + dt.timedelta(days=rng.randint(0, 21)))
        stamp = dt.datetime.combine(
            modified_day, dt.time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))
        )
        return assured, stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randint(0, 999):03d}Z"

    def linkpad_extras(self, arch: dict, inst: Instance, rng: random.Random, fill: dict) -> dict:
        capacity = rng.choice(arch.get("capacity", ["taking_referrals"]))
        first_visit = arch["first_visit"].format(**fill)
        if inst.sites and arch.get("delivery", "venue") == "venue" and fill.get("where"):
            first_visit += " " + fill["where"]
        extras = {
            "first_visit": first_visit,
            "referral_route": arch["route"],
            "capacity": capacity,
        }
        if capacity == "waiting_list":
            extras["capacity_note"] = (
                f"There is a waiting list of about {rng.choice([3, 4, 6, 8, 10, 12])} weeks."
            )
        elif capacity == "full":
            extras["capacity_note"] = "Full at the moment. Get in touch to go on the list for the next one."
        extras["scope"] = arch.get("scope", "local")
        extras["theme"] = arch["theme"]
        extras["archetype"] = arch["key"]
        if inst.zone:
            extras["neighbourhood"] = inst.zone.name
            extras["intermediate_zone"] = inst.zone.code
        if inst.locality:
            extras["locality"] = inst.locality
        extras["fictional"] = True
        return extras

    def apply_statuses(self, services: list[dict]) -> None:
        """A few listings that a directory must cope with: stopped, paused, or carrying a notice."""
        by_id = sorted(services, key=lambda s: s["id"])
        stale_cutoff = (self.as_of - dt.timedelta(days=548)).isoformat()
        local = [s for s in by_id if s["x_linkpad"]["scope"] == "local"]
        stale = [s for s in local if s["assured_date"] < stale_cutoff]
        for s in stale[:4]:
            s["status"] = "inactive"
            s["alert"] = (
                "This group has stopped meeting. The listing is kept so that older referrals still make sense."
            )
        fresh = [s for s in local if s["assured_date"] >= stale_cutoff and s["service_at_locations"]]
        reopen = self.as_of + dt.timedelta(weeks=6)
        for s in fresh[:2]:
            s["status"] = "temporarily closed"
            s["alert"] = (
                f"Closed while the building is repaired. Sessions are due to restart in {reopen:%B %Y}. "
                "Phone before you go."
            )
        for s in fresh[2:10]:
            s["alert"] = "No sessions between 24 December and 5 January. Back as normal after that."


# ----------------------------------------------------------------------------------------------
# Practices
# ----------------------------------------------------------------------------------------------
def build_practices(source: Path, geo: Geography) -> str:
    real = read_csv(source / "gp_practices_scotland" / "gp_practices_scotland_enriched.csv")
    real_names = {r["name"].strip().upper() for r in real}
    sites = {
        r["postcode"]: r
        for r in real
        if r["council_area_name"] == "Glasgow City" and r["status_at_snapshot"] == "open"
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["code", "name", "postcode", "latitude", "longitude", "neighbourhood", "list_size", "deprived_share"]
    )
    for code, name, postcode in DEMO_PRACTICES:
        upper = name.upper()
        if upper in real_names or any(upper in n or n in upper for n in real_names if len(n) > 12):
            raise SystemExit(f"demo practice name is too close to a real one: {name}")
        if postcode not in sites or postcode not in geo.postcode_points:
            raise SystemExit(f"{postcode} is not an open Glasgow GP site with a live postcode")
        lat, lon, _ = geo.postcode_points[postcode]
        near = [
            (p, d)
            for (la, lo, p, d) in geo.datazones
            if km_between(lat, lon, la, lo) <= PRACTICE_CATCHMENT_KM
        ]
        share = sum(p for p, d in near if d) / sum(p for p, _ in near)
        rng = rng_for("practice", code)
        share = min(0.97, max(0.0, share + rng.uniform(-0.04, 0.04)))
        list_size = rng.randint(300, 1150) * 10 if share < 0.3 else rng.randint(320, 980) * 10
        writer.writerow(
            [
                code,
                name,
                postcode,
                f"{lat:.5f}",
                f"{lon:.5f}",
                sites[postcode]["intzone_name"],
                list_size,
                f"{share:.2f}",
            ]
        )
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------
def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before os.replace below
        "w",
        encoding="utf-8",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
        newline="\n",
    )
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o644)  # NamedTemporaryFile creates 0600; these are shared data files
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def summary(services: list[dict]) -> str:
    themes = Counter(s["x_linkpad"]["theme"] for s in services)
    scopes = Counter(s["x_linkpad"]["scope"] for s in services)
    zones = {s["x_linkpad"].get("neighbourhood") for s in services} - {None}
    venue_zones = {
        sal["location"]["addresses"][0]["address_2"]
        for s in services
        for sal in s["service_at_locations"]
        if sal["location"]["location_type"] == "physical"
    }
    return (
        f"{len(services)} services, {len({s['organization']['id'] for s in services})} organisations, "
        f"{len({sal['location']['id'] for s in services for sal in s['service_at_locations']})} locations; "
        f"local services in {len(zones)} neighbourhoods, venues in {len(venue_zones)} named areas\n"
        f"scope: {dict(sorted(scopes.items()))}\n"
        f"themes: {dict(sorted(themes.items()))}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder holding the shared data")
    parser.add_argument("--out-dir", type=Path, default=HERE, help="where to write the files")
    parser.add_argument(
        "--as-of",
        default=DEFAULT_AS_OF.isoformat(),
        help="date the data is 'checked' against (YYYY-MM-DD or 'today'); default %(default)s",
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the files are out of date"
    )
    args = parser.parse_args(argv)
    as_of = dt.date.today() if args.as_of == "today" else dt.date.fromisoformat(args.as_of)

    content = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    geo = load_geography(args.source, content["neighbourhoods"])
    taxonomy, terms, by_slug = load_taxonomy(args.source)
    services = DirectoryBuilder(content, geo, by_slug, as_of).build()
    outputs = {
        "community_supports.hsds.json": to_json(services),
        "community_supports_taxonomy.hsds.json": to_json({"taxonomies": [taxonomy], "taxonomy_terms": terms}),
        "practices.csv": build_practices(args.source, geo),
    }
    if args.check:
        stale = [
            n
            for n, text in outputs.items()
            if not (args.out_dir / n).exists() or (args.out_dir / n).read_text(encoding="utf-8") != text
        ]
        print("out of date: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for name, text in outputs.items():
        write_atomic(args.out_dir / name, text)
    print(summary(services))
    return 0


if __name__ == "__main__":
    sys.exit(main())
