"""Reads for the listing pages: one service with everything a page shows, and shortlists."""

from django.db.models import Prefetch, QuerySet

from .models import Attribute, Service, ServiceAtLocation, Shortlist, TaxonomyTerm


def services_for_display() -> QuerySet[Service]:
    locations = ServiceAtLocation.objects.select_related("location").prefetch_related(
        "location__addresses", "location__accessibility", "location__phones", "schedules"
    )
    return Service.objects.select_related("organization").prefetch_related(
        Prefetch("service_at_locations", queryset=locations),
        "schedules",
        "phones",
        "contacts",
        "cost_options",
        "service_areas",
        "languages",
    )


def service_for_page(*, service_id: str) -> Service | None:
    return services_for_display().filter(pk=service_id).first()


def service_categories(*, service: Service) -> list[TaxonomyTerm]:
    term_ids = Attribute.objects.filter(link_entity="service", link_id=service.pk).values("taxonomy_term")
    return list(TaxonomyTerm.objects.filter(pk__in=term_ids).order_by("name"))


def shortlist_services(*, shortlist: Shortlist | None) -> list[Service]:
    if shortlist is None:
        return []
    ids = list(shortlist.items.values_list("service_id", flat=True))
    by_id = services_for_display().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def shortlist_by_token(*, token: str | None) -> Shortlist | None:
    return Shortlist.objects.filter(token=token).first() if token else None


def top_level_categories() -> list[TaxonomyTerm]:
    return list(TaxonomyTerm.objects.filter(parent__isnull=True).exclude(slug="").order_by("name"))
