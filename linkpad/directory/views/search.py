import json
from datetime import time

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from ..forms import SearchForm
from ..listings import top_level_categories
from ..selectors import search_services
from .shortlists import current_shortlist_ids

PAGE_SIZE = 20


def search(request):
    """The public directory: what's going on, where, and filters. Works without JavaScript."""
    data = None
    if request.GET:
        data = request.GET.copy()
        if not data.get("radius"):  # a link with only ?q=: show the radius the search uses, not the first
            data["radius"] = SearchForm.base_fields["radius"].initial
    form = SearchForm(data=data, categories=top_level_categories())
    results, page = None, None
    if form.is_bound and form.is_valid() and form.has_query:
        results = run_search(form, page_number=_page_number(request))
        if results is not None:
            page = Paginator(range(results.total), PAGE_SIZE).get_page(_page_number(request))
    context = {
        "page_title": "Find local support",
        "form": form,
        "results": results,
        "page": page,
        "shortlisted": current_shortlist_ids(request),
        "query_string": request.GET.urlencode(),
        "map": results_map(results),
    }
    return render(request, "directory/search.jinja", context)


def results_map(results) -> dict | None:
    """What the optional map needs: tiles, a centre and one marker per result with a known location."""
    if not settings.LINKPAD_MAP_TILES_URL or results is None:
        return None
    markers = [
        {
            "name": result.service.name,
            "lat": result.nearest_location.latitude,
            "lon": result.nearest_location.longitude,
            "href": reverse("directory:service", args=[result.service.pk]),
        }
        for result in results.results
        if result.nearest_location is not None and result.nearest_location.latitude is not None
    ]
    centre = f"{results.place.latitude},{results.place.longitude}" if results.place else ""
    return {"tiles": settings.LINKPAD_MAP_TILES_URL, "markers": json.dumps(markers), "centre": centre}


def run_search(form: SearchForm, *, page_number: int):
    data = form.cleaned_data
    try:
        return search_services(
            text=data["q"],
            place=data["where"] or None,
            radius_km=float(data["radius"] or SearchForm.base_fields["radius"].initial),
            age=data["age"],
            day=data["day"] or None,
            time=time.fromisoformat(data["time"]) if data["time"] else None,
            categories=[data["category"]] if data["category"] else (),
            free=data["free"],
            accessibility=data["accessibility"],
            taking_referrals=data["taking_referrals"],
            limit=PAGE_SIZE,
            offset=(page_number - 1) * PAGE_SIZE,
        )
    except ValueError as error:  # an unknown place: the message is written for the person searching
        form.add_error("where", str(error))
        return None


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1
