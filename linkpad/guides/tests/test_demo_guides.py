"""Every demo practice (data/demo/practices.csv) gets a real low mood guide from the demo directory.

Slow: the demo directory's 307 services are embedded for search (about 20 s on two cores)."""

import csv
import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from linkpad.accounts.demo import load_practices
from linkpad.accounts.models import OrganisationKind
from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.directory.demo import demo_directory_load
from linkpad.directory.models import Service
from linkpad.directory.presenters import stale_since
from linkpad.directory.search.indexing import services_reindex
from linkpad.guides.concerns import CONCERNS
from linkpad.guides.documents import guide_pdf
from linkpad.guides.selectors import RADIUS_KM, guide_build
from tests.support.directory import load_geography_with_postcodes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DATA = Path(settings.LINKPAD_DATA_DIR)
PRACTICES_CSV = DATA / "demo" / "practices.csv"


def demo_postcodes() -> list[str]:
    with PRACTICES_CSV.open(encoding="utf-8") as handle:
        return [row["postcode"] for row in csv.DictReader(handle)]


def test_each_demo_practice_gets_a_guide_of_real_nearby_supports(tmp_path):
    load_geography_with_postcodes(tmp_path / "geography", *demo_postcodes())
    programme = OrganisationFactory(kind=OrganisationKind.PROGRAMME, name="Demo programme")
    practices = load_practices(PRACTICES_CSV, programme)
    demo_directory_load()
    services_reindex()
    assert len(practices) == 12

    for practice in practices:
        guide = guide_build(site_url="https://linkpad.example.scot", practice_code=practice.code)
        supports = [support for section in guide.sections for support in section.supports]
        assert len(supports) >= 6, practice.name
        assert all(section.supports for section in guide.sections), practice.name
        names = [support.name for support in supports]
        assert len(names) == len(set(names))
        for support in supports:
            assert support.km is None or support.km <= RADIUS_KM
            assert not stale_since(Service.objects.get(pk=support.service_id).assured_date)
        for section in guide.sections:
            km = [support.km for support in section.supports]
            assert km == sorted(km, key=lambda value: (value is None, value or 0)), practice.name

    first = practices[0]
    for slug in CONCERNS:
        guide = guide_build(site_url="https://linkpad.example.scot", practice_code=first.code, concern=slug)
        started = time.perf_counter()
        pdf = guide_pdf(guide)
        assert time.perf_counter() - started < 1.0, slug
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) <= 2, slug
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "116 123" in text and "0800 83 85 87" in text
        assert f"support near {first.name}" in text
