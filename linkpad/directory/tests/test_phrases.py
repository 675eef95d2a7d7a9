"""What people say: the phrases search matches for each category, shipped and looked after by editors."""

import csv
import tomllib

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.directory.hsds.aliss_taxonomy import categories_file
from linkpad.directory.models import CategoryPhrase, SearchIndexState
from linkpad.directory.phrases import (
    phrase_add,
    phrase_matches,
    phrase_remove,
    phrases_load,
    shipped_phrases,
    shipped_phrases_file,
)
from linkpad.directory.search.indexing import services_reindex
from linkpad.directory.selectors import search_services

from .hsds_factories import AttributeFactory, ServiceFactory, TaxonomyTermFactory

pytestmark = pytest.mark.django_db

CARER = "I look after my mum all day and never get a minute to myself"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small_file(tmp_path):
    return write(
        tmp_path / "say.toml",
        """
[categories.respite]
phrases = ["I look after my mum and I'm worn out", "caring for my husband round the clock, need a break"]

[categories.community-garden]
phrases = ["I'd love to get my hands in the soil", "want to grow my own veg but I've no garden"]
""",
    )


def service_in(slug: str, name: str, description: str):
    term = TaxonomyTermFactory(slug=slug, name=slug.replace("-", " ").title())
    service = ServiceFactory(name=name, description=description)
    AttributeFactory(link_id=service.pk, taxonomy_term=term)
    return service


# The shipped file ------------------------------------------------------------------------------------


def test_the_shipped_file_covers_every_aliss_category_with_real_phrases():
    with categories_file().open(encoding="utf-8") as handle:
        slugs = {row["slug"] for row in csv.DictReader(handle)}
    shipped = shipped_phrases()
    assert set(shipped) == slugs
    raw = tomllib.loads(shipped_phrases_file().read_text(encoding="utf-8"))["categories"]
    for slug, phrases in shipped.items():
        assert len(phrases) >= 4, slug
        assert len(phrases) == len(raw[slug]["phrases"]), f"{slug} has a repeated phrase"
        assert all(2 <= len(phrase.split()) <= 20 for phrase in phrases), slug


def test_every_category_of_the_demo_directory_has_at_least_eight_phrases():
    demo = tomllib.loads(
        (shipped_phrases_file().parents[1] / "demo" / "community_support_archetypes.toml").read_text()
    )
    used = {slug for archetype in demo["archetype"] for slug in archetype["categories"]}
    shipped = shipped_phrases()
    assert {slug for slug in used if len(shipped.get(slug, [])) < 8} == set()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[categories.x\nphrases = []", "not valid TOML"),
        ('title = "no categories"', "has no [categories.<slug>] tables"),
        ("[categories.x]\nwords = []", 'needs phrases = ["...", ...]'),
        ('[categories.x]\nphrases = ["lonely"]', "Write at least 2 words"),
    ],
)
def test_a_broken_file_is_explained_and_nothing_is_loaded(tmp_path, text, problem):
    with pytest.raises(ValueError, match=problem.replace("[", r"\[").replace(".", r"\.")):
        phrases_load(write(tmp_path / "bad.toml", text))
    assert not CategoryPhrase.objects.exists()


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(ValueError, match="There is no phrases file"):
        phrases_load(tmp_path / "nowhere.toml")


# Loading ---------------------------------------------------------------------------------------------


def test_loading_again_changes_nothing_and_follows_the_file(small_file, django_assert_max_num_queries):
    first = phrases_load(small_file)
    assert (first.added, first.embedded) == (4, 4)
    token = SearchIndexState.objects.get().token
    with django_assert_max_num_queries(8):  # not one per phrase
        again = phrases_load(small_file)
    assert (again.added, again.removed, again.unchanged, again.embedded) == (0, 0, 4, 0)
    assert SearchIndexState.objects.get().token == token  # nothing changed, so search need not reload
    small_file.write_text(small_file.read_text().replace('"want to grow my own veg but I\'ve no garden"', ""))
    changed = phrases_load(small_file)
    assert (changed.added, changed.removed) == (0, 1)
    assert SearchIndexState.objects.get().token != token
    assert all(len(bytes(row.embedding)) == 384 * 4 for row in CategoryPhrase.objects.all())


def test_an_editors_phrases_and_removals_survive_loading_the_file_again(small_file):
    phrases_load(small_file)
    editor = user_with_role(Role.DIRECTORY_EDITOR)
    term = TaxonomyTermFactory(slug="respite", name="Respite")
    own = phrase_add(term=term, text="my dad has dementia and I'm on my knees", by=editor)
    shipped = CategoryPhrase.objects.get(text="I look after my mum and I'm worn out")
    phrase_remove(phrase=shipped)
    phrases_load(small_file)
    assert CategoryPhrase.objects.filter(pk=own.pk).exists()
    shipped.refresh_from_db()
    assert shipped.hidden  # not put back
    assert LogEntry.objects.get_for_object(own).exists()  # editors' changes are in the history
    assert LogEntry.objects.get_for_object(shipped).exists()


def test_an_editor_phrase_is_checked(small_file):
    phrases_load(small_file)
    term = TaxonomyTermFactory(slug="respite", name="Respite")
    editor = user_with_role(Role.DIRECTORY_EDITOR)
    with pytest.raises(ValidationError, match="at least 2 words"):
        phrase_add(term=term, text="  tired  ", by=editor)
    with pytest.raises(ValidationError, match="Respite already has that phrase"):
        phrase_add(term=term, text="I LOOK AFTER my mum and I'm worn out", by=editor)
    assert CategoryPhrase.objects.count() == 4


# Search ----------------------------------------------------------------------------------------------


def test_what_people_say_lifts_the_services_of_that_category(small_file):
    carers = service_in("respite", "Northside Short Breaks", "Short breaks and a regular sitting service.")
    service_in("community-garden", "Northside Growing Space", "A shared growing space with raised beds.")
    service_in("museums-galleries", "Northside Gallery Tours", "Guided tours of the collections.")
    services_reindex()

    def scores():
        return {result.service.name: result.score for result in search_services(text=CARER).results}

    without = scores()
    phrases_load(small_file)
    with_phrases = search_services(text=CARER).results
    assert with_phrases[0].service == carers
    lifted = scores()
    # the nearest respite phrase is close (cosine well over 0.5), and SAID_WEIGHT is 0.5
    assert "Northside Short Breaks" not in without  # its own words are too far from the person's
    assert lifted["Northside Short Breaks"] > 0.25
    assert lifted.get("Northside Gallery Tours", 0) - without.get("Northside Gallery Tours", 0) < 1e-6
    phrase_remove(phrase=CategoryPhrase.objects.get(text="I look after my mum and I'm worn out"))
    phrase_remove(phrase=CategoryPhrase.objects.get(text__startswith="caring for my husband"))
    assert scores() == pytest.approx(without)


def test_phrase_matches_name_the_category_and_the_nearest_phrase(small_file):
    phrases_load(small_file)
    TaxonomyTermFactory(slug="community-garden", name="Community Garden")
    best = phrase_matches("somewhere to grow tatties and carrots", limit=2)
    assert [match.category for match in best] == ["community-garden", "respite"]
    assert best[0].phrase == "want to grow my own veg but I've no garden"
    assert best[0].term.name == "Community Garden" and best[1].term is None
    assert best[0].score > best[1].score


# Pages -----------------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(verified_client):
    return verified_client(user_with_role(Role.DIRECTORY_EDITOR, full_name="Ruth Editor"))


def test_only_directory_editors_see_the_phrase_pages(verified_client, small_file):
    phrases_load(small_file)
    TaxonomyTermFactory(slug="respite", name="Respite")
    clp = verified_client(user_with_role(Role.LINK_PRACTITIONER))
    assert clp.get("/directory/manage/what-people-say/").status_code == 403
    assert clp.get("/directory/manage/what-people-say/respite/").status_code == 403
    phrase = CategoryPhrase.objects.first()
    assert (
        clp.post(f"/directory/manage/what-people-say/phrases/{phrase.pk}/", {"action": "remove"}).status_code
        == 403
    )
    phrase.refresh_from_db()
    assert not phrase.hidden


def test_an_editor_tries_words_adds_removes_and_puts_back_phrases(editor_client, small_file):
    phrases_load(small_file)
    TaxonomyTermFactory(slug="respite", name="Respite")
    page = editor_client.get("/directory/manage/what-people-say/").content.decode()
    assert "Respite" in page and "/directory/manage/what-people-say/respite/" in page
    tried = editor_client.get("/directory/manage/what-people-say/", {"said": CARER}).content.decode()
    assert "Categories these words lift" in tried
    assert tried.index("Respite") < tried.index("community-garden")

    url = "/directory/manage/what-people-say/respite/"
    refused = editor_client.post(url, {"text": "knackered"})
    assert refused.status_code == 200 and "Write at least 2 words" in refused.content.decode()
    added = editor_client.post(url, {"text": "my wife has MS and I do everything for her"}, follow=True)
    page = added.content.decode()
    assert "Search uses it from now on" in page and "Ruth Editor" in page

    shipped = CategoryPhrase.objects.get(text__startswith="caring for my husband")
    editor_client.post(f"/directory/manage/what-people-say/phrases/{shipped.pk}/", {"action": "remove"})
    shipped.refresh_from_db()
    assert shipped.hidden
    page = editor_client.get(url).content.decode()
    assert "Removed phrases that Linkpad ships (1)" in page
    editor_client.post(f"/directory/manage/what-people-say/phrases/{shipped.pk}/", {"action": "restore"})
    shipped.refresh_from_db()
    assert not shipped.hidden
    assert editor_client.get("/directory/manage/what-people-say/no-such-thing/").status_code == 404


def test_the_why_line_names_the_category_whose_phrases_matched(small_file):
    service = ServiceFactory(name="Northside Hub", description="A community hub with lots going on.")
    for slug, name in (("community-garden", "Community Garden"), ("respite", "Respite")):
        AttributeFactory(link_id=service.pk, taxonomy_term=TaxonomyTermFactory(slug=slug, name=name))
    phrases_load(small_file)
    services_reindex()
    assert search_services(text=CARER).results[0].why.startswith("respite")
    veg = search_services(text="I want to grow tatties and carrots but I've only a flat").results[0]
    assert veg.why.startswith("community garden")


def test_the_phrases_command_loads_a_file_and_tries_words(small_file, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with pytest.raises(CommandError, match="There are no phrases yet"):
        call_command("phrases", "try", "anything", "at", "all", stdout=out)
    call_command("phrases", "load", str(small_file), stdout=out)
    assert "4 phrases added, 0 removed, 0 unchanged, 4 embedded" in out.getvalue()
    TaxonomyTermFactory(slug="respite", name="Respite")
    tried = StringIO()
    call_command("phrases", "try", CARER, "--limit", "1", stdout=tried)
    assert tried.getvalue().strip().endswith("Respite: “I look after my mum and I'm worn out”")
    with pytest.raises(CommandError, match="not valid TOML"):
        call_command("phrases", "load", str(write(tmp_path / "broken.toml", "[categories")))
    assert CategoryPhrase.objects.count() == 4


def test_exported_phrases_load_back_the_same_without_the_removed_ones(small_file, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    phrases_load(small_file)
    editor = user_with_role(Role.DIRECTORY_EDITOR)
    phrase_add(
        term=TaxonomyTermFactory(slug="respite", name="Respite"),
        text='she said "no more" and cried',
        by=editor,
    )
    phrase_remove(phrase=CategoryPhrase.objects.get(text__startswith="caring for my husband"))
    out = StringIO()
    call_command("phrases", "export", str(tmp_path / "out.toml"), stdout=out)
    assert "Wrote 4 phrases" in out.getvalue()
    exported = shipped_phrases(tmp_path / "out.toml")
    assert exported == {
        "community-garden": [
            "I'd love to get my hands in the soil",
            "want to grow my own veg but I've no garden",
        ],
        "respite": ["I look after my mum and I'm worn out", 'she said "no more" and cried'],
    }


def test_an_import_warns_but_goes_on_when_the_phrases_file_is_broken(monkeypatch, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from linkpad.directory import phrases
    from linkpad.directory.models import Service

    from .hsds_factories import hsds_service

    broken = write(tmp_path / "what_people_say.toml", "[categories")
    monkeypatch.setattr(phrases, "shipped_phrases_file", lambda: broken)
    source = tmp_path / "one.json"
    source.write_text(json.dumps(hsds_service(name="Warm Welcome Cafe")))
    err = StringIO()
    call_command("import-hsds", str(source), "--no-progress", stdout=StringIO(), stderr=err)
    assert (
        "What people say was not brought up to date: what_people_say.toml is not valid TOML" in err.getvalue()
    )
    assert Service.objects.filter(name="Warm Welcome Cafe").exists()
