"""The ALISS category tree as an HSDS taxonomy, loaded into every Linkpad directory.

The ids are fixed (UUID 5 names), and the same as the demo directory's, so services imported from
ALISS, from the demo, or from anyone using these ids all point at the same terms:

>>> aliss_term_id("bereavement")
'809b2efc-ab2d-5abb-a9af-ed99e2a54263'
>>> ALISS_TAXONOMY_ID
'ba72e4f4-ac15-514b-ae2f-a534ea15a8f6'
"""

import csv
import uuid
from pathlib import Path

from django.conf import settings

from .importer import TaxonomyReport, hsds_taxonomy_import

#: The namespace the demo directory generator uses (data/demo/build_community_supports.py).
NAMESPACE = uuid.UUID("5b0f7c55-5d0e-5b0f-9c1f-6d1c3e0a7a11")
ALISS_TAXONOMY_NAME = "ALISS categories"
ALISS_TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:aliss-categories"))
ALISS_TAXONOMY = {
    "id": ALISS_TAXONOMY_ID,
    "name": ALISS_TAXONOMY_NAME,
    "description": (
        "The category tree of ALISS (A Local Information System for Scotland), run by the Health and "
        "Social Care Alliance Scotland. 212 categories under 12 top-level groups. Licensed under CC BY 4.0."
    ),
    "uri": "https://www.aliss.org",
    "version": "2018-11-06",
}


def aliss_term_id(slug: str) -> str:
    """The HSDS id of the ALISS category with this slug."""
    return str(uuid.uuid5(NAMESPACE, f"aliss:{slug}"))


def categories_file() -> Path:
    return Path(settings.LINKPAD_DATA_DIR) / "aliss" / "aliss_categories.csv"


def aliss_terms() -> list[dict]:
    """The 212 ALISS categories as HSDS taxonomy terms, parents before children."""
    with categories_file().open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    slugs = {row["id"]: row["slug"] for row in rows}
    terms = []
    for row in sorted(rows, key=lambda row: (int(row["depth"]), row["path"].lower())):
        term = aliss_term(row["slug"], row["name"], path=row["path"])
        if row["parent_id"]:
            term["parent_id"] = aliss_term_id(slugs[row["parent_id"]])
        terms.append(term)
    return terms


def aliss_term(slug: str, name: str, *, path: str | None = None) -> dict:
    """One ALISS category as an HSDS taxonomy term (as the demo directory writes it)."""
    return {
        "id": aliss_term_id(slug),
        "code": slug,
        "name": name,
        "description": f"ALISS category: {path or name}",
        "taxonomy": ALISS_TAXONOMY_NAME,
        "taxonomy_id": ALISS_TAXONOMY_ID,
        "language": "en",
    }


def aliss_taxonomy_load() -> TaxonomyReport:
    """Load (or bring up to date) the ALISS taxonomy and its terms. Safe to run again: unchanged rows
    are not written."""
    return hsds_taxonomy_import(taxonomies=[ALISS_TAXONOMY], terms=aliss_terms())
