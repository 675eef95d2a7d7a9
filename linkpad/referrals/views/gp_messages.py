"""Messages back to the GP: the CLP previews and sends one from an episode; the practice reads, prints,
downloads (PDF) or exports (JSON, for a GP system) it."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from linkpad.core.pdf import render_pdf

from ..gp_message_selectors import episode_for_gp_message, gp_message_for_page, is_practice_staff_for
from ..gp_messages import (
    GpMessageError,
    gp_message_compose,
    gp_message_export,
    gp_message_mark_read,
    gp_message_send,
)
from ..models import GpMessageKind
from ..presenters import gp_message_date
from ..professional_forms import GpMessageForm

#: The messages a CLP may choose to send by hand; declines and no-response are sent by themselves.
CHOOSABLE = [GpMessageKind.RECEIVED, GpMessageKind.FIRST_CONTACT, GpMessageKind.UPDATE, GpMessageKind.CLOSURE]


def _chosen_kind(episode, asked: str | None) -> str:
    if asked in CHOOSABLE:
        return asked
    return GpMessageKind.CLOSURE if hasattr(episode, "closure") else GpMessageKind.UPDATE


@login_required
@require_http_methods(["GET", "POST"])
def compose(request, episode_id: int):
    episode = episode_for_gp_message(user=request.user, episode_id=episode_id)
    if episode is None:
        raise Http404("No such episode.")
    form = GpMessageForm(request.POST or None)
    kind = _chosen_kind(episode, request.POST.get("kind") or request.GET.get("kind"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = gp_message_send(referral=episode.referral, kind=kind, by=request.user, episode=episode)
            except GpMessageError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Message sent to the practice.")
                return redirect("referrals:gp-message", message_id=sent.pk)
    preview = gp_message_compose(referral=episode.referral, kind=kind, by=request.user, episode=episode)
    context = {
        "page_title": f"Message to GP about {episode.person}",
        "episode": episode,
        "message": preview,
        "kind": kind,
        "kinds": [GpMessageKind(k) for k in CHOOSABLE],
        "form": form,
        "gp_message_date": gp_message_date,
    }
    return render(request, "referrals/gp_message_new.jinja", context, status=status)


def _message_or_404(request, message_id: int, purpose: str):
    message = gp_message_for_page(user=request.user, message_id=message_id, purpose=purpose)
    if message is None:
        raise Http404("No such message.")
    return message


@login_required
def message_page(request, message_id: int):
    message = _message_or_404(request, message_id, "GP message")
    context = {
        "page_title": f"{message.get_kind_display()}: {message.referral.person}",
        "message": message,
        "is_practice_staff": is_practice_staff_for(user=request.user, message=message),
        "gp_message_date": gp_message_date,
    }
    return render(request, "referrals/gp_message.jinja", context)


@login_required
def message_print(request, message_id: int):
    message = _message_or_404(request, message_id, "GP message print")
    context = {"message": message, "gp_message_date": gp_message_date}
    return render(request, "referrals/print/gp_message.jinja", context)


@login_required
def message_pdf(request, message_id: int):
    message = _message_or_404(request, message_id, "GP message PDF")
    pdf = render_pdf(
        "referrals/print/gp_message.jinja", {"message": message, "gp_message_date": gp_message_date}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gp-message-{message.pk}.pdf"'
    return response


@login_required
def message_json(request, message_id: int):
    message = _message_or_404(request, message_id, "GP message export")
    body = json.dumps(gp_message_export(message), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="gp-message-{message.pk}.json"'
    return response


@login_required
@require_POST
def mark_read(request, message_id: int):
    message = _message_or_404(request, message_id, "GP message")
    try:
        gp_message_mark_read(message=message, by=request.user)
    except GpMessageError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Marked as read.")
    return redirect("referrals:gp-inbox")
