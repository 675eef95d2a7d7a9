"""Subject access: a CLP downloads everything held about one person, as JSON or PDF; an administrator
can do the same at the command line. Only synthetic people."""

import io
import json
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.referrals.models import Person

from ..subject_access import AUDIT_TRAIL, PURPOSE, PURPOSE_COMMAND_LINE, SECTIONS, subject_access_export
from .factories import community_organisation_with_staff, practice_with_clp
from .whole_record import person_with_everything

pytestmark = pytest.mark.django_db

SECTION_KEYS = [section.key for section in SECTIONS] + [AUDIT_TRAIL]


@pytest.fixture
def world():
    """Isla Quarrier with a closed episode holding every kind of record, and Rab Ogilvie at the same practice."""
    practice, staff, clp = practice_with_clp()
    isla = person_with_everything(
        practice=practice, staff=staff, clp=clp, given_name="Isla", family_name="Quarrier"
    )
    rab = person_with_everything(
        practice=practice,
        staff=staff,
        clp=clp,
        given_name="Rab",
        family_name="Ogilvie",
        serial=40,
        close=False,
    )
    return {"practice": practice, "staff": staff, "clp": clp, "isla": isla.person, "rab": rab.person}


def url(person: Person, fmt: str) -> str:
    return reverse("casework:subject-access", args=[person.pk, fmt])


def download_json(client, person) -> dict:
    response = client.get(url(person, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_json_holds_every_section_with_the_persons_data_and_nobody_elses(world, verified_client):
    document = download_json(verified_client(world["clp"]), world["isla"])

    assert document["format"] == "linkpad-subject-access"
    assert document["person_id"] == world["isla"].pk
    assert list(document["sections"]) == SECTION_KEYS
    empty = [key for key, rows in document["sections"].items() if not rows]
    assert empty == [], f"sections with nothing in them: {empty}"
    sections = document["sections"]
    assert sections["person"][0]["family_name"] == "Quarrier"
    assert sections["person"][0]["date_of_birth"] == "1958-09-23"  # ISO dates
    assert sections["referrals"][0]["details"].startswith("Isla Quarrier has been very isolated")
    assert {row["reason"] for row in sections["referral_reasons"]} == {"loneliness"}
    assert [row["status"] for row in sections["referral_statuses"]][:1] == ["received"]
    assert sections["contact_attempts"][0]["outcome"] == "reached"
    assert sections["episode_statuses"][-1]["stage"] == "closed"
    assert sections["episode_statuses"][-1]["stage_label"] == "Closed"
    assert "bowling club" in sections["what_matters"][0]["narrative"]
    assert {row["domain"] for row in sections["needs"]} == {"loneliness", "bereavement"}
    assert sections["goals"][0]["text"] == "Quarrier goes bowling weekly"
    assert sections["goal_notes"][0]["note"] == "Quarrier went once"
    assert sections["contacts"][0]["mode"] == "walk_and_talk"
    assert sections["tasks"][0]["text"] == "Ring Quarrier about the club"
    assert sections["closures"][0]["summary"] == "Quarrier now bowls weekly"
    assert sections["links"][0]["service"]["name"] == "Springburn Bowling Club"
    assert [row["stage"] for row in sections["link_statuses"]] == ["suggested", "agreed"]
    assert sections["episodes"][0]["clp"]["name"] == str(world["clp"])
    trail = sections[AUDIT_TRAIL]
    assert {"create"} <= {row["action"] for row in trail}
    assert any(row["record"].startswith("goal ") and "text" in row["changes"] for row in trail)
    # Nothing about the other person at the same practice.
    text = json.dumps(document)
    assert "Ogilvie" not in text and "Rab" not in text


def test_the_pdf_has_a_heading_for_every_section_and_reads_back(world, verified_client):
    response = verified_client(world["clp"]).get(url(world["isla"], "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Everything Linkpad holds about Isla Quarrier" in text
    for section in SECTIONS:
        assert section.label in text, section.label
    assert "Who viewed or changed these records" in text
    assert "Quarrier now bowls weekly" in text
    assert "Walk and talk" in text  # choices as people read them
    assert "Ogilvie" not in text


def test_the_download_is_recorded_as_a_subject_access_view(world, verified_client):
    verified_client(world["clp"]).get(url(world["isla"], "json"))
    views = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__purpose=PURPOSE)
    person_views = views.filter(object_pk=str(world["isla"].pk), content_type__model="person")
    assert person_views.get().actor == world["clp"]
    assert {entry.content_type.model for entry in views} == {"person", "referral", "episode"}


def test_the_episode_page_offers_the_download(world, verified_client):
    episode = world["isla"].episodes.get()
    page = verified_client(world["clp"]).get(reverse("casework:episode", args=[episode.pk])).content.decode()
    assert "Download everything we hold (subject access)" in page
    assert url(world["isla"], "pdf") in page and url(world["isla"], "json") in page


def test_another_practices_clp_gets_404(world, verified_client):
    _, _, other_clp = practice_with_clp()
    client = verified_client(other_clp)
    for fmt in ("json", "pdf"):
        assert client.get(url(world["isla"], fmt)).status_code == 404
    assert not LogEntry.objects.filter(additional_data__purpose=PURPOSE).exists()


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.COMMUNITY_STAFF, Role.ADMIN])
def test_nobody_but_the_practices_clp_may_download(world, verified_client, role):
    organisation = (
        world["practice"] if role != Role.COMMUNITY_STAFF else community_organisation_with_staff()[0]
    )
    user = user_with_role(role, organisation=organisation)
    assert verified_client(user).get(url(world["isla"], "json")).status_code == 404


def test_the_practice_staff_who_referred_them_get_404(world, verified_client):
    assert verified_client(world["staff"]).get(url(world["isla"], "json")).status_code == 404


def test_an_unknown_format_or_person_is_404(world, verified_client):
    client = verified_client(world["clp"])
    assert client.get(url(world["isla"], "xml")).status_code == 404
    assert client.get(reverse("casework:subject-access", args=[99999, "json"])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get(url(world["isla"], "json"))
    assert response.status_code == 302


def test_an_export_for_a_user_holds_only_what_they_may_see(world):
    """The selector never hands the page someone else's person, but the export is scoped row by row too;
    the administrator's export (no user) has everything."""
    _, _, other_clp = practice_with_clp()
    scoped = subject_access_export(person=world["isla"], user=other_clp)
    assert [key for key, _, records in scoped.sections if records] == []
    assert all(records for _, _, records in subject_access_export(person=world["isla"]).sections)


def test_the_command_writes_json_and_pdf_atomically(world, tmp_path):
    out = StringIO()
    call_command(
        "subject-access",
        str(world["isla"].pk),
        "--format",
        "json",
        "--out",
        str(tmp_path / "a.json"),
        stdout=out,
    )
    document = json.loads((tmp_path / "a.json").read_text())
    assert document["sections"]["person"][0]["given_name"] == "Isla"
    assert "Everything Linkpad holds about this person." == document["scope"]
    assert f"person {world['isla'].pk}" in out.getvalue()
    call_command(
        "subject-access",
        str(world["isla"].pk),
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "a.pdf"),
        stdout=out,
    )
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.pdf"]  # no temporary files left
    entry = LogEntry.objects.filter(
        additional_data__purpose=PURPOSE_COMMAND_LINE, content_type__model="person"
    )
    assert entry.count() == 2 and entry.first().actor is None


def test_the_command_says_plainly_when_there_is_no_such_person(db, tmp_path):
    with pytest.raises(CommandError, match="There is no person 424242"):
        call_command("subject-access", "424242", "--out", str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists()
