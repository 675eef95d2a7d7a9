"""The "at a glance" guide: local supports for one worry, nearest first, with the crisis lines always there."""

import io
import time

import pytest
from pypdf import PdfReader

from linkpad.directory.selectors import UnknownPlace
from linkpad.guides import selectors
from linkpad.guides.audiences import UnknownAudience
from linkpad.guides.concerns import CONCERNS, UnknownConcern, concern_for, guide_wording
from linkpad.guides.crisis import crisis_lines
from linkpad.guides.documents import guide_filename, guide_html, guide_pdf
from linkpad.guides.readability import flesch_reading_ease
from linkpad.guides.selectors import GuidePlaceError, guide_build

SITE = "https://linkpad.example.scot"
CRISIS_NUMBERS = ["116 123", "0800 83 85 87", "111", "85258", "999"]


def names(section) -> list[str]:
    return [support.name for support in section.supports]


def all_names(guide) -> list[str]:
    return [name for section in guide.sections for name in names(section)]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def link_targets(pdf: bytes) -> set[str]:
    targets = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.add(action["/URI"])
    return targets


@pytest.mark.parametrize("slug", list(CONCERNS))
def test_every_guide_reads_easily(slug):
    assert flesch_reading_ease(guide_wording(CONCERNS[slug])) >= 60


def test_reading_ease_tells_plain_from_dense_wording():
    assert flesch_reading_ease("If money is worrying you, these people can help.") > 60
    dense = "Comprehensive multidisciplinary interventions facilitate psychosocial rehabilitation."
    assert flesch_reading_ease(dense) < 30


def test_the_crisis_lines_come_from_the_shipped_data_with_the_date_checked():
    lines = crisis_lines()
    text = " ".join(line.how for line in lines.lines)
    for number in CRISIS_NUMBERS:
        assert number in text
    assert lines.checked.year >= 2026


def test_a_guide_for_a_practice_lists_nearby_supports_by_need(guide_directory, practice):
    guide = guide_build(site_url=SITE, concern="money-worries", practice_code="TEST01")
    assert guide.place == "Keppochhill Test Practice, G22 5AA"
    assert [s.heading for s in guide.sections] == [s.heading for s in concern_for("money-worries").sections]
    found = all_names(guide)
    assert "Partick Money Advice" in found and "Warm Homes Energy Advice" in found
    assert "Aberdeen Grief Cafe" not in found  # too far
    assert len(found) == len(set(found))  # each support once
    money = next(
        s for section in guide.sections for s in section.supports if s.name == "Partick Money Advice"
    )
    assert money.distance == "3.3 km from Keppochhill Test Practice"
    assert money.phones == ["0141 496 0101"]
    assert money.first_visit.startswith("Come to the drop-in")
    assert money.when == ["Wednesdays, 1pm to 4pm"]
    assert guide.live_url == f"{SITE}/guides/?practice=TEST01&concern=money-worries"


def test_each_section_is_nearest_first(guide_directory):
    guide = guide_build(site_url=SITE, concern="low-mood", postcode="G22 5AA")
    for section in guide.sections:
        km = [support.km for support in section.supports]
        assert km == sorted(km, key=lambda value: (value is None, value or 0))
    assert any(support.km and support.km < 1 for section in guide.sections for support in section.supports)


def test_only_listings_checked_within_the_freshness_window_are_listed(guide_directory):
    guide = guide_build(site_url=SITE, concern="bereavement", postcode="G22 5AA")
    found = all_names(guide)
    assert "Springburn Grief Cafe" in found
    assert "Keppoch Loss Group" not in found  # not checked for three years
    assert "Springburn Bereavement Circle" not in found  # closed


def test_with_nothing_nearby_the_guide_still_has_its_sections_and_crisis_lines(sample_geography):
    guide = guide_build(site_url=SITE, postcode="AB24 3AA")
    assert guide.concern.slug == "low-mood"
    assert all(section.supports == [] for section in guide.sections)
    html = guide_html(guide)
    assert "We did not find a group near you for this" in html
    for number in CRISIS_NUMBERS:
        assert number in html


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"postcode": "ZZ9 9ZZ"}, UnknownPlace, ""),
        ({"postcode": ""}, GuidePlaceError, "Enter a postcode"),
        ({"practice_code": "NOPE"}, GuidePlaceError, "We do not know a GP practice with the code NOPE"),
        ({"postcode": "G22 5AA", "concern": "gardening"}, UnknownConcern, "Choose what the guide is about"),
        (
            {"postcode": "G22 5AA", "audience": "babies"},
            UnknownAudience,
            "Choose who the guide is for: adults,",
        ),
    ],
)
def test_unknown_places_and_concerns_are_plain_errors(sample_geography, arguments, error, message):
    with pytest.raises(error) as raised:
        guide_build(site_url=SITE, **arguments)
    assert message in str(raised.value) and str(raised.value)


def test_the_pdf_is_at_most_two_pages_with_the_supports_the_crisis_lines_and_the_live_link(
    guide_directory, practice, monkeypatch
):
    encoded = []
    real_qr = selectors.qr_data_uri
    monkeypatch.setattr(selectors, "qr_data_uri", lambda url: encoded.append(url) or real_qr(url))
    guide = guide_build(site_url=SITE, concern="low-mood", practice_code="TEST01")
    guide_pdf(guide)  # the first document loads the fonts
    started = time.perf_counter()
    pdf = guide_pdf(guide)
    assert time.perf_counter() - started < 1.0
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    text = pdf_text(pdf)
    assert "Low mood and depression: support near" in text
    assert "If you need someone to talk to right now" in text
    for number in CRISIS_NUMBERS:
        assert number in text
    for name in all_names(guide):
        assert name in text
    assert "Check before you go" in text
    assert encoded == [guide.live_url]
    assert guide.live_url in link_targets(pdf)


def test_large_print_is_bigger(guide_directory):
    standard = guide_build(site_url=SITE, concern="low-mood", postcode="G22 5AA")
    large = guide_build(site_url=SITE, concern="low-mood", postcode="G22 5AA", large_print=True)
    assert large.live_url.endswith("&large_print=1")
    assert 'class="guide large-print"' in guide_html(large)
    pages = len(PdfReader(io.BytesIO(guide_pdf(large))).pages)
    assert pages > len(PdfReader(io.BytesIO(guide_pdf(standard))).pages)


def test_a_guide_is_for_adults_unless_asked_and_lists_only_supports_that_take_its_ages(guide_directory):
    adults = guide_build(site_url=SITE, postcode="G22 5AA", concern="stress-and-anxiety")
    assert adults.audience.slug == "adults" and "audience" not in adults.live_url
    assert "North Youth Drop-in" not in all_names(adults)  # 12 to 18
    young = guide_build(
        site_url=SITE, postcode="G22 5AA", concern="stress-and-anxiety", audience="young-people"
    )
    assert "North Youth Drop-in" in all_names(young)
    assert "audience=young-people" in young.live_url
    assert guide_filename(young, "pdf") == "guide-stress-and-anxiety-g225aa-young-people.pdf"
    assert "Young people (12 to 25)" in guide_html(young)
    everyone = guide_build(
        site_url=SITE, postcode="G22 5AA", concern="stress-and-anxiety", audience="everyone"
    )
    assert set(all_names(adults)) | {"North Youth Drop-in"} >= set(all_names(everyone))


def test_a_postcode_typed_over_a_practice_guide_makes_a_guide_for_that_postcode(guide_directory, practice):
    same = guide_build(site_url=SITE, practice_code="TEST01", postcode="g225aa", large_print=True)
    assert same.practice == practice and same.large_print
    other = guide_build(site_url=SITE, practice_code="TEST01", postcode="G11 5AA")
    assert other.practice is None and other.place == "G11 5AA"
