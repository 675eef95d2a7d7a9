"""Demo organisations and sign-ins. Every person and practice here is made up."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Membership, Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "linkpad-demo"  # noqa: S105 - documented demo sign-in, only for is_demo users
PROGRAMME = ("Glasgow Community Links Programme (demo)", "DEMO-PROG")
EMPLOYER = ("Northside Links Partnership (demo)", "DEMO-CLP")
#: The demo community organisation user works here; its code is the id of its listing in the demo directory.
COMMUNITY_ORGANISATION = ("Springburn Men's Shed", "d51bf0e2-e03a-522e-a888-bc3e82e50d32", "G21 1UR")


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    where: str  # "practices", "programme", "employer" or "community"
    superuser: bool = False


DEMO_USERS = [
    DemoUser("clp@example.org", "Jamie Baird", Role.LINK_PRACTITIONER, "practices"),
    DemoUser("practice@example.org", "Dr Sam Morrow", Role.PRACTICE_STAFF, "first-practice"),
    DemoUser("practice2@example.org", "Alex Kilbride", Role.PRACTICE_STAFF, "second-practice"),
    DemoUser("manager@example.org", "Fiona Grant", Role.PROGRAMME_MANAGER, "programme"),
    DemoUser("community@example.org", "Kenny Douglas", Role.COMMUNITY_STAFF, "community"),
    DemoUser("editor@example.org", "Ruth Lennox", Role.DIRECTORY_EDITOR, "programme"),
    DemoUser("admin@example.org", "Iain Mackay", Role.ADMIN, "programme", superuser=True),
]


def _organisation(name: str, kind: str, code: str, **fields) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        kind=kind, code=code, defaults={"name": name, **fields}
    )
    return organisation


def load_practices(path: Path, programme: Organisation) -> list[Organisation]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        _organisation(
            row["name"],
            OrganisationKind.GP_PRACTICE,
            row["code"],
            postcode=row["postcode"],
            programme=programme,
        )
        for row in rows
    ]


def _user(spec: DemoUser) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            email=spec.email, password=DEMO_PASSWORD, full_name=spec.full_name, is_demo=True
        )
    user.is_staff = user.is_superuser = spec.superuser
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@transaction.atomic
def demo_accounts_load(*, practices_csv: Path) -> dict[str, int]:
    """Create (or bring back to their demo state) the demo organisations and users. Idempotent."""
    programme = _organisation(PROGRAMME[0], OrganisationKind.PROGRAMME, PROGRAMME[1])
    employer = _organisation(EMPLOYER[0], OrganisationKind.CLP_EMPLOYER, EMPLOYER[1], programme=programme)
    community = _organisation(
        COMMUNITY_ORGANISATION[0],
        OrganisationKind.COMMUNITY_ORGANISATION,
        COMMUNITY_ORGANISATION[1],
        postcode=COMMUNITY_ORGANISATION[2],
    )
    practices = load_practices(practices_csv, programme)
    places = {
        "practices": [employer, *practices[:3]],
        "first-practice": practices[:1],
        "second-practice": practices[1:2],
        "programme": [programme],
        "employer": [employer],
        "community": [community],
    }
    for spec in DEMO_USERS:
        user = _user(spec)
        for organisation in places[spec.where]:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=spec.role)
    return {
        "organisations": Organisation.objects.count(),
        "users": len(DEMO_USERS),
        "practices": len(practices),
    }
