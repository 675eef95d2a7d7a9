# ruff: noqa: F811  (pytest fixtures imported from test_search_factories are then used as arguments)
"""search_services: a CLP types what the person said and gets the right local supports, nearest first."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from linkpad.directory.models import Schedule, ServiceSearchIndex
from linkpad.directory.search.indexing import services_reindex
from linkpad.directory.selectors import UnknownPlace, search_services

from .test_search_factories import directory, sample_geography  # noqa: F401  (fixtures)


def names(results) -> list[str]:
    return [result.service.name for result in results.results]


def result_for(results, name: str):
    return next(result for result in results.results if result.service.name == name)


GRIEF = {"Springburn Grief Cafe", "Aberdeen Grief Cafe"}  # with no place, either is right


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I've been lonely since my husband died", GRIEF),
        ("I can't stop crying since my mum passed", GRIEF),
        ("the electric's on the meter and there's nothing left", {"Warm Homes Energy Advice"}),
        ("letters keep coming about what I owe and I can't pay the rent", {"Partick Money Advice"}),
        ("my man's on the drink again and I'm scared", {"Kelvin Alcohol Support"}),
        ("my dad is retired and lonely, never sees anyone", {"Possil Men's Shed"}),
        ("my teenage daughter is anxious all the time", {"North Youth Drop-in"}),
    ],
)
def test_lay_words_find_the_right_support_first(directory, said, expected):
    assert names(search_services(text=said))[0] in expected


def test_a_typo_still_finds_the_service(directory):
    results = search_services(text="bereavment")
    assert "bereavement" in results.terms
    assert names(results)[0] in GRIEF


def test_inactive_services_never_appear(directory):
    assert "Springburn Bereavement Circle" not in names(search_services(text="bereaved group", limit=50))
    assert "Springburn Bereavement Circle" not in names(search_services(limit=50))


def test_place_keeps_services_within_the_radius_and_those_covering_the_area(directory):
    results = search_services(place="G22 5AA", radius_km=1)
    found = names(results)
    assert "Springburn Grief Cafe" in found
    assert "Partick Money Advice" not in found  # 3.3 km away
    assert "Aberdeen Grief Cafe" not in found
    energy = result_for(results, "Warm Homes Energy Advice")  # 2.7 km away but covers Glasgow City
    assert energy.matched_by == "area"
    assert energy.distance_km == pytest.approx(2.7, abs=0.2)
    grief = result_for(results, "Springburn Grief Cafe")
    assert grief.matched_by == "distance"
    assert grief.distance_km < 0.2
    assert grief.nearest_location.name == "Springburn Grief Cafe venue"
    assert results.place.name == "G22 5AA"


def test_with_no_text_the_nearest_come_first(directory):
    results = search_services(place="G11 5AA", radius_km=10)
    assert names(results)[:2] == ["Kelvin Alcohol Support", "Partick Money Advice"]
    distances = [result.distance_km for result in results.results if result.matched_by == "distance"]
    assert distances == sorted(distances)


def test_nearer_wins_among_equally_relevant_services(directory):
    near_partick = names(
        search_services(text="someone to talk to after a death", place="G11 5AA", radius_km=10)
    )
    assert "Aberdeen Grief Cafe" not in near_partick
    assert near_partick[0] == "Springburn Grief Cafe"


def test_a_district_and_a_neighbourhood_work_as_places(directory):
    assert "Springburn Grief Cafe" in names(search_services(place="G22", radius_km=2))
    possil = search_services(place="Possil Park", radius_km=1)
    assert possil.place.precision == "neighbourhood"
    assert "Possil Men's Shed" in names(possil)


@pytest.mark.parametrize("place", ["Narnia", "ZZ9 9ZZ", "  "])
def test_an_unknown_place_is_a_plain_error(directory, place):
    with pytest.raises(UnknownPlace) as error:
        search_services(text="grief", place=place)
    assert isinstance(error.value, ValueError)
    assert str(error.value)
    assert "Traceback" not in str(error.value)


def test_age_filter(directory):
    teen = names(search_services(age=15, limit=50))
    assert "North Youth Drop-in" in teen
    assert "Springburn Grief Cafe" not in teen  # 18 and over
    assert "Warm Homes Energy Advice" in teen  # no age limits
    assert "North Youth Drop-in" not in names(search_services(age=40, limit=50))


def test_an_age_range_keeps_services_that_take_anyone_in_it(directory):
    adults = names(search_services(ages=(26, 64), limit=50))
    assert "North Youth Drop-in" not in adults  # 12 to 18
    assert "Springburn Grief Cafe" in adults and "Warm Homes Energy Advice" in adults
    young = names(search_services(ages=(12, 25), limit=50))
    assert "North Youth Drop-in" in young
    assert "Springburn Grief Cafe" in young  # 18 and over takes a 20-year-old
    assert "North Youth Drop-in" in names(search_services(ages=(18, 30), limit=50))  # the edge counts


def test_day_and_time_filters(directory):
    tuesday = names(search_services(day="TU", limit=50))
    assert "Springburn Grief Cafe" in tuesday and "Warm Homes Energy Advice" in tuesday
    assert "Possil Men's Shed" not in tuesday
    assert names(search_services(day="Tuesday", limit=50)) == tuesday
    at_eleven = names(search_services(day="TU", time=dt.time(11), limit=50))
    assert "Springburn Grief Cafe" in at_eleven
    assert "Springburn Grief Cafe" not in names(search_services(day="TU", time=dt.time(12), limit=50))
    assert names(search_services(time=dt.time(18), limit=50)) == ["North Youth Drop-in"]


def test_category_filter_includes_sub_categories(directory):
    money = names(search_services(categories=["money-advice"], limit=50))
    assert sorted(money) == ["Partick Money Advice", "Warm Homes Energy Advice"]
    health = names(search_services(categories=["health-and-social-care"], limit=50))
    assert "Springburn Grief Cafe" in health and "Kelvin Alcohol Support" in health
    assert "Partick Money Advice" not in health
    assert names(search_services(categories=["no-such-category"])) == []


def test_free_filter(directory):
    free = names(search_services(free=True, limit=50))
    assert "Possil Men's Shed" not in free  # £2 a session
    assert "Springburn Grief Cafe" in free  # no cost options at all


def test_accessibility_filter(directory):
    assert sorted(names(search_services(accessibility=["step-free"], limit=50))) == ["Springburn Grief Cafe"]
    toilet = names(search_services(accessibility=["Accessible toilet"], limit=50))
    assert sorted(toilet) == ["Possil Men's Shed", "Springburn Grief Cafe"]


def test_taking_referrals_filter(directory):
    assert "Kelvin Alcohol Support" not in names(search_services(taking_referrals=True, limit=50))
    assert "Kelvin Alcohol Support" in names(search_services(limit=50))


def test_stale_listings_are_marked_and_rank_lower(directory):
    results = search_services(text="lost my partner and want to talk to others who have been bereaved")
    fresh = result_for(results, "Springburn Grief Cafe")
    stale = result_for(results, "Keppoch Loss Group")
    assert stale.is_stale and not fresh.is_stale
    assert results.results.index(fresh) < results.results.index(stale)
    assert stale.score < fresh.score
    hidden = search_services(text="bereaved", include_stale=False)
    assert "Keppoch Loss Group" not in names(hidden)


def test_each_result_explains_itself(directory):
    results = search_services(text="my wife died", place="G22 5AA", radius_km=2)
    grief = result_for(results, "Springburn Grief Cafe")
    assert grief.why == "bereavement · 0.1 km · Tuesdays 10am–midday"
    energy = result_for(
        search_services(text="gas bill", place="G22 5AA", radius_km=1), "Warm Homes Energy Advice"
    )
    assert energy.why == "energy advice · covers Glasgow City · Monday to Friday 9am–5pm"
    money = result_for(search_services(text="debt"), "Partick Money Advice")
    assert money.why == "money advice · Wednesdays 1pm–4pm"


def test_results_carry_what_a_page_shows_without_more_queries(directory, django_assert_num_queries):
    results = search_services(text="grief", place="G22 5AA")
    with django_assert_num_queries(0):
        for result in results.results:
            [sal.location.name for sal in result.service.service_at_locations.all()]
            list(result.service.schedules.all()), list(result.service.service_areas.all())
            result.service.organization.name, [term.name for term in result.categories]


def test_paging_and_total(directory):
    everything = search_services(limit=50)
    assert everything.total == len(everything.results) == 8
    first, second = search_services(limit=3), search_services(limit=3, offset=3)
    assert names(first) + names(second) == names(everything)[:6]
    assert first.total == 8


def test_cli_json_shape(directory, capsys):
    call_command("search", "my", "wife", "died", "--postcode", "G22 5AA", "--radius-km", "2", "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed[0]["id"] == "svc-springburn-grief-cafe"
    assert set(printed[0]) >= {"id", "name", "score", "distance_km", "why"}
    assert printed[0]["distance_km"] == pytest.approx(0.1, abs=0.1)


def test_cli_text_output_and_unknown_place(directory, capsys):
    call_command("search", "debt", "--limit", "2")
    out = capsys.readouterr().out
    assert "Partick Money Advice" in out and "money advice" in out
    with pytest.raises(CommandError, match="Narnia"):
        call_command("search", "debt", "--postcode", "Narnia")


def test_reindex_does_nothing_when_up_to_date(directory):
    again = services_reindex()
    assert again.embedded == again.updated == 0
    assert again.unchanged == 9


def test_changing_a_service_re_embeds_only_that_service(directory):
    shed = directory["shed"]
    shed.description += " We also run a walking group."
    shed.save()
    before = dict(ServiceSearchIndex.objects.values_list("service_id", "embedding"))
    result = services_reindex()
    assert (result.embedded, result.updated, result.unchanged) == (1, 0, 8)
    after = dict(ServiceSearchIndex.objects.values_list("service_id", "embedding"))
    changed = [service_id for service_id in after if bytes(after[service_id]) != bytes(before[service_id])]
    assert changed == [shed.pk]
    assert "walking group" in ServiceSearchIndex.objects.get(service=shed).document


def test_changing_only_opening_times_updates_facts_without_the_encoder(directory):
    Schedule.objects.filter(service_at_location__service=directory["shed"]).update(byday="SA")
    result = services_reindex(service_ids=[directory["shed"].pk])
    assert (result.embedded, result.updated) == (0, 1)
    assert "Possil Men's Shed" in names(search_services(day="SA"))


def test_the_search_sees_a_reindex_at_once(directory):
    assert "Possil Men's Shed" in names(search_services(text="woodwork", limit=3))
    directory["shed"].delete()
    services_reindex(service_ids=[directory["shed"].pk])
    assert "Possil Men's Shed" not in names(search_services(text="woodwork", limit=50))


def test_index_services_command(directory, capsys):
    call_command("index_services", "--no-progress")
    assert "9 already up to date" in capsys.readouterr().out


def test_ranking_words_only_among_the_closest_in_meaning_changes_nothing_at_the_top(directory, monkeypatch):
    from linkpad.directory.search import query

    said = "the electric's on the meter and there's nothing left"
    everything = names(search_services(text=said, limit=3))
    monkeypatch.setattr(query, "LEXICAL_POOL", 3)
    assert names(search_services(text=said, limit=3)) == everything


def test_full_text_scores_among_chosen_services_match_the_full_ranking(directory):
    from linkpad.directory.search.lexical import lexical_scores

    ranked = dict(lexical_scores(["grief", "cafe"]))
    assert len(ranked) >= 2
    chosen = sorted(ranked)[:2]
    among = dict(lexical_scores(["grief", "cafe"], among=[*chosen, 10**9]))
    assert among == pytest.approx({index_id: ranked[index_id] for index_id in chosen})


def test_the_nearest_of_several_locations_gives_the_distance():
    import numpy as np

    from linkpad.directory.search.query import _distances
    from linkpad.geography.places import Place

    snapshot = type("Snapshot", (), {})()
    snapshot.size = 3
    snapshot.point_rows = np.array([0, 0, 0, 2])
    snapshot.point_lat = np.array([55.90, 55.87, 55.95, 55.86])
    snapshot.point_lon = np.array([-4.25, -4.25, -4.25, -4.25])
    place = Place(
        query="here", name="here", postcode=None, latitude=55.8601, longitude=-4.25, precision="district"
    )
    distance, nearest = _distances(snapshot, place, np.array([True, True, True]))
    assert nearest.tolist() == [1, -1, 3]
    assert distance[0] == pytest.approx(1.1, abs=0.05) and np.isinf(distance[1])
    distance, nearest = _distances(snapshot, place, np.array([True, True, False]))
    assert nearest.tolist() == [1, -1, -1]


def test_a_large_index_reloads_in_the_background_while_searches_carry_on(
    directory, transactional_db, settings
):
    from linkpad.directory.search import snapshot as snapshots

    settings.LINKPAD_SEARCH_INLINE_RELOAD_MAX = 0  # treat this nine-service directory as a large one
    snapshots.forget_snapshot()
    before = snapshots.get_snapshot()
    assert "Possil Men's Shed" in names(search_services(text="woodwork", limit=3))
    directory["shed"].delete()
    services_reindex(service_ids=[directory["shed"].pk])
    assert snapshots.get_snapshot() is before  # no wait: the copy in hand answers
    assert "Possil Men's Shed" not in names(search_services(text="woodwork", limit=50))  # deleted: skipped
    snapshots.wait_for_reload(timeout=60)
    after = snapshots.get_snapshot()
    assert after is not before and after.token == snapshots.current_token()
    assert after.size == before.size - 1
