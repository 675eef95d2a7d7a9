"""The closed loop, seen by the service: a community organisation's inbox, and the page an emailed link
opens for a service not on Linkpad. Both show the minimum a service needs and take one answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .. import link_selectors
from ..forms import AnswerForm
from ..link_selectors import community_organisations, inbox_link_to_answer, referral_for_token
from ..link_services import Answer, Answerer, EpisodeError, LinkExpired, LinkInvalid, link_answer
from ..presenters import day

ANSWERED = {
    Answer.ACCEPT: "Thank you: you accepted the referral.",
    Answer.DECLINE: "Thank you: you declined the referral.",
    Answer.ATTENDED: "Thank you: you confirmed that they came.",
}


def answers_for(referral) -> list[tuple[str, str]]:
    """Accepting is only for a referral not yet accepted; attendance and declining until the end."""
    if not referral.is_waiting:
        return []
    if referral.stage == "first_step":
        return [c for c in Answer.CHOICES if c[0] != Answer.ACCEPT]
    return Answer.CHOICES


@login_required
def inbox(request):
    organisations = community_organisations(user=request.user)
    if not organisations:
        raise PermissionDenied("Only community organisation staff have a referrals inbox.")
    return _render_inbox(request, forms={})


def _render_inbox(request, *, forms: dict, status: int = 200):
    referrals = link_selectors.inbox(user=request.user)
    for referral in referrals:
        forms.setdefault(
            referral.link_id, AnswerForm(prefix=f"answer-{referral.link_id}", answers=answers_for(referral))
        )
    context = {"page_title": "Referrals to you", "referrals": referrals, "forms": forms, "day": day}
    return render(request, "casework/inbox.jinja", context, status=status)


@login_required
@require_POST
def inbox_answer(request, link_id: int):
    link = inbox_link_to_answer(user=request.user, link_id=link_id)
    if link is None:
        raise Http404("No such referral.")
    organisation = link.service.organization.claimed_by
    form = AnswerForm(request.POST, prefix=f"answer-{link_id}", answers=Answer.CHOICES)
    if form.is_valid():
        try:
            link_answer(
                link=link,
                answer=form.cleaned_data["answer"],
                answerer=Answerer(user=request.user, organisation=organisation),
                reason=form.cleaned_data["reason"],
            )
        except EpisodeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, ANSWERED[form.cleaned_data["answer"]])
            return redirect("casework:inbox")
    return _render_inbox(request, forms={link_id: form}, status=400)


@require_http_methods(["GET", "POST"])
def answer_by_email(request, token: str):
    """No account: the signed link is the permission, for this referral only, until it is answered."""
    try:
        link, referral = referral_for_token(token=token)
    except (LinkExpired, LinkInvalid) as error:
        context = {"page_title": "This link does not work", "problem": str(error)}
        status = 410 if isinstance(error, LinkExpired) else 404
        return render(request, "casework/answer.jinja", context, status=status)
    form = AnswerForm(request.POST or None, prefix="answer", answers=answers_for(referral))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                link_answer(
                    link=link,
                    answer=form.cleaned_data["answer"],
                    answerer=Answerer(),
                    reason=form.cleaned_data["reason"],
                )
            except EpisodeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, ANSWERED[form.cleaned_data["answer"]])
                return redirect("casework:answer", token=token)
    context = {
        "page_title": f"Referral to {referral.service}",
        "referral": referral,
        "form": form,
        "day": day,
    }
    return render(request, "casework/answer.jinja", context, status=status)
