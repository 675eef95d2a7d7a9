"""Recording a measure from the episode page, and the results shown there as a chart, a table and the change."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from linkpad.casework.models import RiskFlag
from linkpad.casework.tests.factories import fresh, practice_with_clp
from linkpad.core.audit import views_of

from ..models import Administration
from .factories import record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def client(episode, verified_client):
    return verified_client(episode.clp)


def choose_url(episode) -> str:
    return f"/casework/{episode.pk}/measures/"


def record_url(episode, measure="swemwbs", timepoint="baseline") -> str:
    return f"/casework/{episode.pk}/measures/{measure}/{timepoint}/"


def answers(episode, values, **extra):
    data = {f"item_{n}": value for n, value in enumerate(values, start=1)}
    return {"version": fresh(episode).version, "completed_on": TODAY.strftime("%d/%m/%Y"), **data, **extra}


class TestChoosing:
    def test_the_episode_page_offers_to_record_a_measure(self, episode, client):
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        assert choose_url(episode) in text and "Record a measure" in text
        assert "No measures recorded yet." in text

    def test_choose_a_measure_and_timepoint(self, episode, client):
        text = client.get(choose_url(episode)).content.decode()
        assert "SWEMWBS: Short Warwick-Edinburgh Mental Wellbeing Scale" in text and "Baseline" in text
        response = client.get(choose_url(episode), {"measure": "phq9", "timepoint": "review"})
        assert response.status_code == 302 and response.url == record_url(episode, "phq9", "review")

    def test_choosing_nothing_says_what_to_do(self, episode, client):
        response = client.get(choose_url(episode), {"measure": ""})
        text = response.content.decode()
        assert response.status_code == 400
        assert "Choose the measure to record" in text and "Choose when in the support this is" in text


class TestRecording:
    def test_the_form_shows_every_item_with_its_options_and_the_copyright_line(self, episode, client):
        text = client.get(record_url(episode)).content.decode()
        assert "I&#39;ve been feeling optimistic about the future" in text
        assert "I&#39;ve been able to make up my own mind about things" in text
        assert text.count('type="radio"') == 7 * 5
        assert "None of the time" in text and "All of the time" in text
        assert "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008" in text
        assert views_of(episode.person).filter(actor=episode.clp).exists()

    def test_saving_shows_the_result_on_the_episode_page(self, episode, client):
        response = client.post(record_url(episode), answers(episode, [3, 3, 3, 3, 3, 3, 3]), follow=True)
        text = response.content.decode()
        assert response.redirect_chain[-1][0] == f"/casework/{episode.pk}/"
        assert "SWEMWBS recorded." in text
        assert "19.25" in text and "Recorded once." in text
        assert Administration.objects.get().score == 19.25

    def test_a_missing_answer_is_shown_and_the_other_answers_kept(self, episode, client):
        data = answers(episode, [3, 3, 3, 3, 3, 3, 3])
        del data["item_4"]
        data["item_2"] = "5"
        response = client.post(record_url(episode), data)
        text = response.content.decode()
        assert response.status_code == 400
        assert "Answer question 4: I&#39;ve been dealing with problems well" in text
        assert re.search(r'name="item_2"[^>]*value="5"[^>]*checked', text)
        assert not Administration.objects.exists()

    def test_a_stale_form_is_refused_and_kept(self, episode, client):
        data = answers(episode, [1] * 7)
        record(episode, "goal", [4])
        response = client.post(record_url(episode), data)
        assert response.status_code == 409
        text = response.content.decode()
        assert "Someone else changed this episode" in text
        assert f'name="version" value="{fresh(episode).version}"' in text  # saving again will work
        assert Administration.objects.count() == 1

    def test_a_safety_flag_is_raised_and_said(self, episode, client):
        response = client.post(
            record_url(episode, "phq9"), answers(episode, [1, 1, 0, 0, 0, 0, 0, 0, 2]), follow=True
        )
        text = response.content.decode()
        assert "a risk-to-self flag was raised" in text
        assert "Safety flag: item 9 answered 2" in text
        assert RiskFlag.objects.get(episode=episode).reference == "PHQ-9 item 9 answered 2"

    def test_an_unknown_measure_or_timepoint_is_not_found(self, episode, client):
        assert client.get(record_url(episode, "pam")).status_code == 404
        assert client.get(record_url(episode, "phq9", "someday")).status_code == 404


class TestResultsOnTheEpisodePage:
    def test_a_chart_with_its_title_a_table_and_the_change(self, episode, client):
        record(episode, "swemwbs", [3, 3, 3, 3, 3, 3, 4], on=TODAY - dt.timedelta(days=60))
        record(episode, "swemwbs", [4, 4, 4, 4, 4, 3, 3], timepoint="review")
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        svg = re.search(r"<svg viewBox.*?</svg>", text, re.S).group(0)
        assert (
            'role="img"' in svg and '<title id="measure-chart-swemwbs-title">SWEMWBS over time</title>' in svg
        )
        assert "19.98" in svg and "23.21" in svg  # the description carries the figures
        assert svg.count("<circle") == 2 and "<polyline" in svg
        assert "SWEMWBS went from 19.98 to 23.21 (up 3.23): meaningful improvement" in text
        assert "<caption" in text and "SWEMWBS results" in text
        assert "Baseline" in text and "Review" in text

    def test_the_higher_point_is_drawn_higher(self, episode, client):
        record(episode, "goal", [2], on=TODAY - dt.timedelta(days=30))
        record(episode, "goal", [8], timepoint="review")
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', text)]
        assert len(ys) == 2 and ys[1] < ys[0]  # SVG y grows downwards

    def test_ons4_draws_four_lines_with_a_key(self, episode, client):
        record(episode, "ons4", [4, 5, 3, 8], on=TODAY - dt.timedelta(days=30))
        record(episode, "ons4", [7, 7, 6, 4], timepoint="review")
        text = client.get(f"/casework/{episode.pk}/").content.decode()
        assert text.count("<polyline") == 4
        assert "life satisfaction from 4 to 7" in text and "Anxiety" in text

    def test_another_practices_clp_cannot_record_or_see_them(self, episode, verified_client):
        record(episode, "goal", [4])
        _, _, other_clp = practice_with_clp()
        client = verified_client(other_clp)
        assert client.get(choose_url(episode)).status_code == 404
        assert client.get(record_url(episode)).status_code == 404
        assert client.post(record_url(episode), answers(episode, [3] * 7)).status_code == 404
        assert Administration.objects.count() == 1


def test_the_phq9_form_warns_about_question_9(episode, client):
    text = client.get(record_url(episode, "phq9")).content.decode()
    assert "Question 9 asks about thoughts of self-harm" in text
    assert "Question 9 asks" not in client.get(record_url(episode, "gad7")).content.decode()
