"""The fictional Glasgow demo directory (data/demo/), loaded by `linkpad demo`."""

from pathlib import Path

from django.conf import settings

from .hsds.aliss_taxonomy import aliss_taxonomy_load
from .hsds.importer import ImportReport, Progress, hsds_import, hsds_taxonomy_import
from .hsds.sources import json_source


def demo_files() -> tuple[Path, Path]:
    folder = Path(settings.LINKPAD_DATA_DIR) / "demo"
    return folder / "community_supports_taxonomy.hsds.json", folder / "community_supports.hsds.json"


def demo_directory_load(*, progress: Progress | None = None) -> ImportReport:
    """Load the ALISS categories (with what people say about each) and the demo services. Running it
    again changes nothing."""
    from .phrases import phrases_load

    taxonomy_file, services_file = demo_files()
    aliss_taxonomy_load()
    phrases_load()
    taxonomy = json_source(taxonomy_file)
    hsds_taxonomy_import(taxonomies=taxonomy.taxonomies, terms=taxonomy.taxonomy_terms)
    services = json_source(services_file)
    return hsds_import(records=services.services, source="Linkpad demo directory", progress=progress)


def demo_claims_link() -> int:
    """Community organisations in the demo look after their own listings (matched by listing id)."""
    from linkpad.accounts.models import Organisation, OrganisationKind

    from .models import Organization

    linked = 0
    for organisation in Organisation.objects.filter(kind=OrganisationKind.COMMUNITY_ORGANISATION).exclude(
        code=""
    ):
        linked += Organization.objects.filter(pk=organisation.code).update(claimed_by=organisation)
    return linked
