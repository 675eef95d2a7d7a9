"""Safeguarding from the episode page: recording a risk, resolving it, and recording an escalation."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from ..safeguarding import escalation_record, risk_flag_raise, risk_flag_resolve
from ..safeguarding_forms import EscalationForm, RiskFlagForm, RiskResolveForm
from ..selectors import flag_to_work_on, flags_to_escalate
from .episode import _act


@login_required
@require_POST
def risk_record(request, episode_id: int):
    def run(episode, data):
        risk_flag_raise(
            episode=episode,
            by=request.user,
            version=data["version"],
            kind=data["kind"],
            detail=data["detail"],
        )

    form = RiskFlagForm(request.POST, prefix="risk")
    return _act(
        request, episode_id, "risk", form, run, "Risk recorded. A reminder to review it is due today."
    )


@login_required
@require_POST
def flag_resolve(request, episode_id: int, flag_id: int):
    def run(flag, data):
        risk_flag_resolve(flag=flag, by=request.user, version=data["version"], resolution=data["resolution"])

    name = f"flag-{flag_id}"

    def target():
        return flag_to_work_on(user=request.user, episode_id=episode_id, flag_id=flag_id)

    form = RiskResolveForm(request.POST, prefix=name)
    return _act(
        request, episode_id, name, form, run, "Risk flag resolved. It stays in the history.", target=target
    )


@login_required
@require_POST
def escalation(request, episode_id: int):
    flags = flags_to_escalate(user=request.user, episode_id=episode_id)

    def run(episode, data):
        chosen = data["flag"]
        escalation_record(
            episode=episode,
            by=request.user,
            version=data["version"],
            escalated_to=data["escalated_to"],
            to_whom=data["to_whom"],
            escalated_at=data["escalated_at"],
            shared=data["shared"],
            outcome=data["outcome"],
            flag=next((f for f in flags if str(f.pk) == chosen), None),
        )

    form = EscalationForm(request.POST, prefix="escalation", flags=flags)
    return _act(request, episode_id, "escalation", form, run, "Escalation recorded.")
