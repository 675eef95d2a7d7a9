"""The area code table agrees with the shipped geography and maps every ALISS area."""

import csv
import gzip
from pathlib import Path

from django.conf import settings

from linkpad.directory.hsds.areas import AREAS, COUNCIL, HEALTH_BOARD, HSCP, OLD_TO_CURRENT, current_area_code


def data_file(*parts: str) -> Path:
    return Path(settings.LINKPAD_DATA_DIR).joinpath(*parts)


def current_codes_in_geography() -> set[tuple[str, str]]:
    with gzip.open(data_file("geography", "datazones.csv.gz"), "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = set()
    for column, kind in (("CA", COUNCIL), ("HB", HEALTH_BOARD), ("HSCP", HSCP)):
        codes |= {(row[column], kind) for row in rows}
    return codes


def test_the_table_holds_exactly_the_current_codes_of_the_geography():
    table = {(code, kind) for code, _name, kind in AREAS if kind != "country"}
    assert table == current_codes_in_geography()


def test_old_codes_map_onto_current_codes_of_the_same_kind():
    current = {code: kind for code, _name, kind in AREAS}
    for old, new in OLD_TO_CURRENT.items():
        assert new in current
        assert old not in current


def test_every_aliss_service_area_maps_to_a_current_code_of_its_kind():
    kinds = {
        "Local Authority": COUNCIL,
        "Health Board": HEALTH_BOARD,
        "Health and Social Care Partnership": HSCP,
    }
    current = {code: kind for code, _name, kind in AREAS}
    with data_file("aliss", "aliss_service_areas.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = current_area_code(row["code"])
            assert code in current, row
            if row["type_name"] in kinds:
                assert current[code] == kinds[row["type_name"]], row
                assert current_area_code(row["name"], kind=kinds[row["type_name"]]) == code, row


def test_fifes_old_partnership_code_is_s37000014_not_edinburghs():
    assert current_area_code("S37000014") == "S37000032"
    assert current_area_code("S37000012") == "S37000012"  # City of Edinburgh, unchanged
