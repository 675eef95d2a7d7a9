"""Organisation administrators see who works in their organisations."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from linkpad.core.audit import audit_view

from ..models import User
from ..selectors import team_members


@login_required
def team(request):
    members = team_members(viewer=request.user)
    audit_view(actor=request.user, objects=members, purpose="team list")
    return render(request, "accounts/team.jinja", {"page_title": "Your team", "members": members})


@login_required
def member(request, pk: int):
    person = (
        User.objects.visible_to(request.user)
        .filter(pk=pk)
        .prefetch_related("memberships__organisation")
        .first()
    )
    if person is None:
        raise Http404("No such team member.")
    audit_view(actor=request.user, objects=[person], purpose="team member")
    return render(request, "accounts/member.jinja", {"page_title": person.full_name, "person": person})
