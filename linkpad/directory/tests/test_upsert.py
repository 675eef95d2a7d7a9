"""upsert writes many rows by HSDS id: inserts new ones, updates changed ones, keeps Linkpad's own links.

Runs on SQLite (INSERT ... ON CONFLICT) and on PostgreSQL (COPY into a staging table, then upsert).
"""

import pytest
from django.db import transaction

from linkpad.accounts.models import OrganisationKind
from linkpad.accounts.tests.factories import OrganisationFactory
from linkpad.directory.hsds.upsert import upsert
from linkpad.directory.models import Organization

pytestmark = pytest.mark.django_db


def rows(*names, extra=None):
    return [{"id": f"org-{i}", "name": name, "extra": extra or {"n": i}} for i, name in enumerate(names)]


def test_inserts_then_updates_by_id_with_json_and_defaults():
    assert upsert(Organization, rows("Allotment Trust", "Men's Shed")) == 2
    assert upsert(Organization, rows("Allotment Trust (North)", "Men's Shed", extra={"changed": True})) == 2
    found = {org.id: org for org in Organization.objects.all()}
    assert set(found) == {"org-0", "org-1"}
    assert found["org-0"].name == "Allotment Trust (North)"
    assert found["org-1"].extra == {"changed": True}
    assert found["org-0"].alternate_name == ""  # the field's default, not NULL


def test_an_update_never_overwrites_a_claim():
    community = OrganisationFactory(kind=OrganisationKind.COMMUNITY_ORGANISATION)
    upsert(Organization, rows("Food Bank"))
    Organization.objects.filter(pk="org-0").update(claimed_by=community)
    upsert(Organization, rows("Food Bank, Possilpark"))
    org = Organization.objects.get(pk="org-0")
    assert org.name == "Food Bank, Possilpark"
    assert org.claimed_by == community


def test_a_rolled_back_upsert_leaves_nothing_and_the_next_one_works():
    with pytest.raises(RuntimeError), transaction.atomic():
        upsert(Organization, rows("Half Written"))
        raise RuntimeError("a later record failed")
    assert not Organization.objects.exists()
    upsert(Organization, rows("Written Whole"))
    assert Organization.objects.get().name == "Written Whole"


def test_many_rows_in_one_call():
    names = [f"Group {i}" for i in range(1234)]
    assert upsert(Organization, rows(*names)) == 1234
    assert Organization.objects.count() == 1234
