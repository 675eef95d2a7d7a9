"""Linking from the episode: finding support with the one search, suggesting it, and moving links on."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from linkpad.directory.models import Service
from linkpad.directory.selectors import search_services

from ..forms import FindSupportForm, LinkFirstStepForm, LinkMoveForm, LinkSuggestForm
from ..link_selectors import episode_for_search, link_to_work_on
from ..link_services import link_move, link_plan_first_step, link_suggest
from ..models import LinkStage
from ..presenters import day
from .episode import _act

SEARCH_LIMIT = 10


def _needs_in_words(episode) -> str:
    """What the latest conversation says they want help with, or else what they were referred for."""
    conversation = episode.conversations.all()[:1]
    needs = conversation[0].needs.all() if conversation else episode.referral.reasons.all()
    return " ".join(str(need).lower() for need in needs)


@login_required
def find_support(request, episode_id: int):
    episode = episode_for_search(user=request.user, episode_id=episode_id)
    if episode is None:
        raise Http404("No such episode.")
    if "q" in request.GET:
        form = FindSupportForm(request.GET)
    else:
        form = FindSupportForm(initial={"q": _needs_in_words(episode), "where": episode.person.postcode})
    results = None
    if form.is_bound and form.is_valid():
        try:
            results = search_services(
                text=form.cleaned_data["q"], place=form.cleaned_data["where"] or None, limit=SEARCH_LIMIT
            )
        except ValueError as error:  # an unknown place, in words for the person searching
            form.add_error("where", str(error))
    context = {
        "page_title": f"Find support for {episode.person.given_name}",
        "episode": episode,
        "form": form,
        "results": results,
        "day": day,
    }
    return render(request, "casework/find_support.jinja", context, status=400 if form.errors else 200)


@login_required
@require_POST
def link_add(request, episode_id: int):
    def run(episode, data):
        # Directory listings are public: only the episode needs scoping.
        service = Service.objects.filter(pk=data["service"]).select_related("organization").first()
        if service is None:
            raise Http404("No such service.")
        link_suggest(episode=episode, service=service, by=request.user, version=data["version"])

    form = LinkSuggestForm(request.POST, prefix="link")
    return _act(request, episode_id, "link", form, run, "Added as a suggestion.")


def _link_target(request, episode_id: int, link_id: int):
    return lambda: link_to_work_on(user=request.user, episode_id=episode_id, link_id=link_id)


@login_required
@require_POST
def link_first_step(request, episode_id: int, link_id: int):
    def run(link, data):
        link_plan_first_step(
            link=link,
            by=request.user,
            version=data["version"],
            first_step=data["first_step"],
            first_step_on=data["first_step_on"],
            note=data["note"],
        )

    name = f"link-{link_id}-step"
    form = LinkFirstStepForm(request.POST, prefix=name)
    target = _link_target(request, episode_id, link_id)
    return _act(request, episode_id, name, form, run, "First step saved.", target=target)


@login_required
@require_POST
def link_status(request, episode_id: int, link_id: int):
    site_url = request.build_absolute_uri("/")[:-1]

    def run(link, data):
        link_move(
            link=link,
            stage=data["stage"],
            by=request.user,
            version=data["version"],
            note=data["note"],
            reason=data["reason"],
            site_url=site_url,
        )

    name = f"link-{link_id}-move"
    # Every stage is offered for checking; the service refuses moves the state machine does not allow.
    form = LinkMoveForm(request.POST, prefix=name, stages=list(LinkStage))
    target = _link_target(request, episode_id, link_id)
    return _act(request, episode_id, name, form, run, "Link updated.", target=target)
