"""Writes about listings: shortlists, problem reports, claims and proposed changes."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from .models import ListingProblem, Service, Shortlist, ShortlistItem

SHORTLIST_LIMIT = 30
SHORTLIST_FULL = f"A shortlist can hold up to {SHORTLIST_LIMIT} supports. Remove one to add another."


class ListingError(ValueError):
    """Something a person asked for that cannot be done, in words they can act on."""


@transaction.atomic
def shortlist_add(*, shortlist: Shortlist | None, service: Service) -> Shortlist:
    shortlist = shortlist or Shortlist.objects.create()
    if shortlist.items.count() >= SHORTLIST_LIMIT and not shortlist.items.filter(service=service).exists():
        raise ListingError(SHORTLIST_FULL)
    ShortlistItem.objects.get_or_create(shortlist=shortlist, service=service)
    return shortlist


@transaction.atomic
def shortlist_remove(*, shortlist: Shortlist, service_id: str) -> None:
    shortlist.items.filter(service_id=service_id).delete()


def shortlist_email(*, shortlist: Shortlist, services: list[Service], to: str, link: str) -> None:
    """Send the shortlist to an address. The address is used once and never stored."""
    context = {"services": services, "link": link}
    send_mail(
        subject="Local supports shortlisted for you",
        message=render_to_string("directory/email/shortlist.txt", context),
        from_email=None,
        recipient_list=[to],
    )


@transaction.atomic
def problem_report(
    *, service: Service, kind: str, message: str = "", email: str = "", user=None
) -> ListingProblem:
    problem = ListingProblem(
        service=service,
        kind=kind,
        message=message,
        reporter_email=email,
        reported_by=user if getattr(user, "is_authenticated", False) else None,
    )
    problem.full_clean()
    problem.save()
    return problem
