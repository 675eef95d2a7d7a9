"""Reads for the impact pages: a programme manager sees the scenarios of the programmes they manage."""

from django.db.models import QuerySet

from linkpad.accounts.models import Membership, Organisation, Role, User
from linkpad.impact.models import Scenario, ScenarioRun
from linkpad.impact.services import runs_mark_stopped


def programmes_managed(*, user: User) -> QuerySet[Organisation]:
    managed = Membership.objects.filter(user=user, role=Role.PROGRAMME_MANAGER).values("organisation")
    return Organisation.objects.filter(pk__in=managed).order_by("name", "pk")


def is_manager(user: User) -> bool:
    return user.is_authenticated and programmes_managed(user=user).exists()


def scenarios_for(*, user: User) -> QuerySet[Scenario]:
    return Scenario.objects.for_manager(user).prefetch_related("runs")


def scenario_for(*, user: User, scenario_id: int) -> Scenario | None:
    return Scenario.objects.for_manager(user).filter(pk=scenario_id).first()


def run_for(*, user: User, scenario_id: int, run_id: int) -> ScenarioRun | None:
    runs = ScenarioRun.objects.for_manager(user).filter(scenario_id=scenario_id, pk=run_id)
    runs_mark_stopped(runs=runs)
    return runs.select_related("scenario").first()
