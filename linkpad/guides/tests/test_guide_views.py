"""The guide on the web (public, no sign-in), as a PDF, from a practice's home page, and from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import MembershipFactory, OrganisationFactory, user_with_role


def test_anyone_can_see_a_guide_for_a_postcode(guide_directory):
    response = Client().get("/guides/", {"postcode": "g22 5aa", "concern": "money-worries"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Money worries: support near G22 5AA</h1>" in page
    assert "If you owe money" in page and "Partick Money Advice" in page
    assert "Samaritans: Phone 116 123" in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert "http://testserver/guides/?postcode=G22+5AA&amp;concern=money-worries" in page
    assert "Check before you go" in page


def test_the_guide_form_shows_with_no_place_and_explains_bad_input(sample_geography):
    form = Client().get("/guides/")
    assert form.status_code == 200
    assert "Make an at a glance guide" in form.content.decode()
    bad = Client().get("/guides/", {"postcode": "ZZ9 9ZZ"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()
    assert "ZZ9 9ZZ" in bad.content.decode()
    unknown = Client().get("/guides/", {"postcode": "G22 5AA", "concern": "gardening"})
    assert unknown.status_code == 400
    assert "Choose what the guide is about from the list" in unknown.content.decode()


def test_a_guide_for_young_people_says_so_and_keeps_its_audience_in_every_link(guide_directory):
    query = {"postcode": "G22 5AA", "concern": "stress-and-anxiety", "audience": "young-people"}
    page = Client().get("/guides/", query).content.decode()
    assert "Young people (12 to 25)" in page and "North Youth Drop-in" in page
    assert (
        "/guides/guide.pdf?postcode=G22+5AA&amp;concern=stress-and-anxiety&amp;audience=young-people" in page
    )
    assert '<option value="young-people" selected' in page  # the form to make another keeps the choice
    pdf = Client().get("/guides/guide.pdf", query)
    assert 'filename="guide-stress-and-anxiety-g225aa-young-people.pdf"' in pdf["Content-Disposition"]
    bad = Client().get("/guides/", {**query, "audience": "babies"})
    assert bad.status_code == 400
    assert "Choose who the guide is for from the list" in bad.content.decode()


def test_the_pdf_download(guide_directory):
    response = Client().get("/guides/guide.pdf", {"postcode": "G22 5AA", "concern": "bereavement"})
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="guide-bereavement-g225aa.pdf"' in response["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Springburn Grief Cafe" in text


def test_practice_staff_print_their_practice_guide_from_the_home_page(
    guide_directory, practice, verified_client
):
    receptionist = user_with_role(Role.PRACTICE_STAFF, practice)
    client = verified_client(receptionist)
    assert 'href="/guides/practice/"' in client.get("/").content.decode()
    response = client.get("/guides/practice/", follow=True)
    assert response.redirect_chain == [("/guides/guide.pdf?practice=TEST01&concern=low-mood", 302)]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "support near Keppochhill Test Practice" in text
    page = Client().get("/guides/", {"practice": "TEST01"}).content.decode()  # the QR code's page
    assert "Low mood and depression: support near Keppochhill Test Practice, G22 5AA" in page
    assert "/guides/guide.pdf?practice=TEST01&amp;concern=low-mood" in page


def test_someone_at_two_practices_chooses_one(guide_directory, practice, verified_client):
    clp = user_with_role(Role.LINK_PRACTITIONER, practice)
    MembershipFactory(
        user=clp, organisation=OrganisationFactory(name="Second Practice"), role=Role.PRACTICE_STAFF
    )
    page = verified_client(clp).get("/guides/practice/").content.decode()
    assert "Keppochhill Test Practice" in page and "Second Practice" in page
    assert 'href="/guides/guide.pdf?practice=TEST01&amp;concern=low-mood"' in page


def test_the_practice_guide_needs_sign_in(db):
    assert Client().get("/guides/practice/").status_code == 302


def test_a_user_with_no_practice_is_told_so(verified_client, manager_user):
    page = verified_client(manager_user).get("/guides/practice/").content.decode()
    assert "You are not linked to a GP practice" in page


def test_the_command_writes_a_pdf_and_html(guide_directory, tmp_path):
    out = tmp_path / "guide.pdf"
    call_command("guide", postcode="G22 5AA", concern="loneliness", out=str(out))
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 2
    assert "Loneliness: support near G22 5AA" in reader.pages[0].extract_text()
    html = tmp_path / "guide.html"
    call_command("guide", postcode="G22 5AA", concern="loneliness", html=True, out=str(html))
    assert "Possil Men&#39;s Shed" in html.read_text() or "Possil Men's Shed" in html.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"postcode": "ZZ9 9ZZ"}, "ZZ9 9ZZ"),
        ({"postcode": "G22 5AA", "concern": "gardening"}, "Choose what the guide is about"),
        ({"practice": "NOPE"}, "We do not know a GP practice with the code NOPE"),
    ],
)
def test_the_command_explains_bad_input_and_writes_nothing(sample_geography, tmp_path, options, message):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(CommandError, match=message):
        call_command("guide", out=str(folder / "guide.pdf"), **options)
    assert list(folder.iterdir()) == []
