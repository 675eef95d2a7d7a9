"""The public listing pages: a service, reporting a problem, and the shortlist (print, email, share)."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail

from linkpad.directory.models import ListingProblem, Shortlist
from linkpad.directory.services import SHORTLIST_FULL, SHORTLIST_LIMIT

from .hsds_factories import ScheduleFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    service = ServiceFactory(
        name="Calton Bereavement Café",
        description="A warm place to talk about the person you have lost.",
        first_visit="Come along on a Tuesday. Someone will meet you at the door.",
        assured_date=date.today() - timedelta(days=30),
    )
    ScheduleFactory(service=service, byday="TU", opens_at="10:00", closes_at="12:00")
    return service


def test_a_service_page_says_what_happens_the_first_time_and_when(client, service):
    html = client.get(f"/directory/services/{service.pk}/").content.decode()
    assert "Calton Bereavement Café" in html
    assert "The first time you go" in html and "Someone will meet you at the door." in html
    assert "Tuesdays, 10am to midday" in html
    assert "Check before you go" not in html


def test_a_listing_not_checked_for_over_a_year_says_check_before_you_go(client, service):
    service.assured_date = date.today() - timedelta(days=400)
    service.save()
    assert "Check before you go" in client.get(f"/directory/services/{service.pk}/").content.decode()


def test_an_unknown_service_is_a_404(client):
    assert client.get("/directory/services/no-such-service/").status_code == 404


def test_anyone_can_report_a_problem_with_a_listing(client, service):
    response = client.post(
        f"/directory/services/{service.pk}/report/",
        {"kind": "times_wrong", "message": "It is Wednesdays now."},
    )
    assert response.status_code == 302
    problem = ListingProblem.objects.get()
    assert problem.service == service and problem.kind == "times_wrong" and problem.reported_by is None


def test_a_problem_report_without_a_reason_is_refused_with_a_clear_message(client, service):
    response = client.post(f"/directory/services/{service.pk}/report/", {"message": "hmm"})
    assert "Select what is wrong with this listing" in response.content.decode()
    assert not ListingProblem.objects.exists()


def test_a_robot_filling_the_hidden_field_is_refused(client, service):
    client.post(f"/directory/services/{service.pk}/report/", {"kind": "other", "website": "http://spam"})
    assert not ListingProblem.objects.exists()


def test_the_shortlist_collects_services_and_is_shared_by_link(client, service):
    client.post("/directory/shortlist/add/", {"service_id": service.pk, "next": "/directory/"})
    client.post("/directory/shortlist/add/", {"service_id": service.pk})  # adding twice keeps one
    shortlist = Shortlist.objects.get()
    assert shortlist.items.count() == 1
    page = client.get("/directory/shortlist/").content.decode()
    assert "Calton Bereavement Café" in page and shortlist.token in page
    shared = client.__class__().get(f"/directory/shortlist/{shortlist.token}/").content.decode()
    assert "Calton Bereavement Café" in shared and "Check before you go" in shared
    client.post("/directory/shortlist/remove/", {"service_id": service.pk})
    assert shortlist.items.count() == 0


def test_the_shortlist_is_emailed_and_the_address_is_not_kept(client, service):
    client.post("/directory/shortlist/add/", {"service_id": service.pk})
    client.post("/directory/shortlist/", {"email": "someone@example.org"})
    assert len(mail.outbox) == 1
    assert "Calton Bereavement Café" in mail.outbox[0].body
    assert "&amp;" not in mail.outbox[0].body
    assert not Shortlist.objects.filter(token__contains="someone").exists()


def test_a_bad_email_address_is_explained(client, service):
    client.post("/directory/shortlist/add/", {"service_id": service.pk})
    page = client.post("/directory/shortlist/", {"email": "not-an-address"}).content.decode()
    assert "Enter an email address in the right format" in page
    assert not mail.outbox


def test_a_shortlist_has_a_limit(client):
    services = ServiceFactory.create_batch(SHORTLIST_LIMIT + 1)
    for extra in services:
        client.post("/directory/shortlist/add/", {"service_id": extra.pk})
    assert Shortlist.objects.get().items.count() == SHORTLIST_LIMIT
    assert SHORTLIST_FULL in client.get("/directory/shortlist/").content.decode()


def test_the_next_address_after_shortlisting_never_leads_off_site(client, service):
    response = client.post(
        "/directory/shortlist/add/", {"service_id": service.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/directory/shortlist/"


def test_an_imported_script_address_is_never_made_a_link(client):
    service = ServiceFactory(url="javascript:alert(1)", email="a@example.org")
    html = client.get(f"/directory/services/{service.pk}/").content.decode()
    assert 'href="javascript:' not in html
    assert 'href="mailto:a@example.org"' in html


def test_the_email_form_cannot_be_used_to_send_lots_of_email(client, service):
    from linkpad.directory.views.shortlists import EMAIL_LIMIT, EMAILS_PER_SESSION

    client.post("/directory/shortlist/add/", {"service_id": service.pk})
    for number in range(EMAILS_PER_SESSION + 2):
        response = client.post("/directory/shortlist/", {"email": f"person{number}@example.org"})
    assert len(mail.outbox) == EMAILS_PER_SESSION
    assert EMAIL_LIMIT.split(".")[0] in response.content.decode()


def selected_radius(page: str) -> list[str]:
    return re.findall(r'<option value="(\d+)" selected', page)


def test_a_search_link_without_a_radius_shows_the_5_km_the_search_uses(client):
    assert selected_radius(
        client.get("/directory/", {"q": "lonely since my wife died"}).content.decode()
    ) == ["5"]
    assert selected_radius(client.get("/directory/", {"q": "lonely", "radius": "2"}).content.decode()) == [
        "2"
    ]
