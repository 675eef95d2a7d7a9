"""Every page that shows or changes one person's record, tried by everyone who must not reach it.

The record is at practice A: a referral, its episode with a goal, a task, a risk flag, a measure, a link
referred to the East community organisation, and a message to the GP. For each URL that names one of
those records by id, users of every other role and organisation get 404 (403 where the page is only for
another role) and leave nothing in the audit log; the one user it is for gets 200 and an ACCESS entry.
A table, so that a page added to urls.py without a row here fails `test_every_personal_data_url_is_listed`.
"""

from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from linkpad.accounts.models import Role
from linkpad.accounts.tests.factories import user_with_role
from linkpad.casework.models import Episode, RiskFlag, RiskKind, Task
from linkpad.casework.safeguarding import risk_flag_raise
from linkpad.casework.services import current_stage, goal_add, task_add
from linkpad.outcomes.tests.factories import record
from linkpad.referrals.gp_messages import gp_message_send
from linkpad.referrals.services import current_status

from .factories import (
    community_organisation_with_staff,
    fresh,
    link_to,
    open_episode,
    practice_with_clp,
    service_for_links,
)

pytestmark = pytest.mark.django_db

CLP, STAFF, EAST = "clp", "practice staff", "east staff"
BOTH = (STAFF, CLP)  # the practice's messages and referrals, for its staff and its CLPs


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple[tuple[str, str], ...]  # URL argument -> the record it names
    method: str = "get"
    for_: tuple[str, ...] = (CLP,)  # whose page it is, at practice A (or East): the first is tried for 200


def ids(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple((argument, argument.removesuffix("_id")) for argument in pairs)


E = ids("episode_id")
PAGES = [
    # referrals
    Page("referrals:yours-referral", ids("referral_id"), for_=(STAFF,)),
    Page("referrals:yours-withdraw", ids("referral_id"), "post", (STAFF,)),
    Page("referrals:gp-message", ids("message_id"), for_=BOTH),
    Page("referrals:gp-message-print", ids("message_id"), for_=BOTH),
    Page("referrals:gp-message-pdf", ids("message_id"), for_=BOTH),
    Page("referrals:gp-message-json", ids("message_id"), for_=BOTH),
    Page("referrals:gp-message-read", ids("message_id"), "post", BOTH),
    Page("referrals:gp-message-new", E),
    Page("referrals:referral", ids("referral_id"), for_=(CLP, STAFF)),
    Page("referrals:sent", ids("referral_id"), for_=BOTH),
    Page("referrals:triage", ids("referral_id"), "post"),
    Page("referrals:allocate", ids("referral_id"), "post"),
    Page("referrals:contact", ids("referral_id"), "post"),
    Page("referrals:decline", ids("referral_id"), "post"),
    # casework
    Page("casework:open", ids("referral_id"), "post"),
    Page("casework:episode", E),
    Page("casework:find-support", E),
    Page("casework:subject-access", (("person_id", "person"), ("fmt", "json"))),
    Page("casework:subject-access", (("person_id", "person"), ("fmt", "pdf"))),
    *(
        Page(f"casework:{name}", E, "post")
        for name in ("stage", "what-matters", "goal-add", "contact", "task-add", "close", "risk-add")
    ),
    Page("casework:escalation-add", E, "post"),
    Page("casework:link-add", E, "post"),
    Page("casework:goal-update", (*E, ("goal_id", "goal")), "post"),
    Page("casework:task-done", (*E, ("task_id", "task")), "post"),
    Page("casework:risk-resolve", (*E, ("flag_id", "flag")), "post"),
    Page("casework:link-first-step", (*E, ("link_id", "link")), "post"),
    Page("casework:link-status", (*E, ("link_id", "link")), "post"),
    Page("casework:inbox-answer", ids("link_id"), "post", (EAST,)),
    # outcomes
    Page("outcomes:choose", E),
    Page("outcomes:record", (*E, ("measure", "swemwbs"), ("timepoint", "baseline"))),
    # guides
    Page("guides:link-plan", E),
    Page("guides:link-plan-pdf", E),
    Page("guides:link-plan-send", E, "post"),
]
#: URL names with no record id in them: lists scoped to the user, forms, and the emailed token link.
NOT_ONE_RECORD = {
    "referrals:refer", "referrals:self", "referrals:self-sent", "referrals:professional",
    "referrals:professional-sent", "referrals:gp-inbox", "referrals:yours", "referrals:waiting",
    "casework:caseload", "casework:inbox", "casework:answer", "guides:guide", "guides:guide-pdf",
    "guides:practice",
}  # fmt: skip


@pytest.fixture
def world():
    """Practice A's record, and practice B, each with staff and a CLP; two community organisations."""
    practice, staff, clp = practice_with_clp()
    other_practice, other_staff, other_clp = practice_with_clp()
    east, east_staff = community_organisation_with_staff("East Trust")
    _, west_staff = community_organisation_with_staff("West Trust")
    episode = open_episode(practice=practice, staff=staff, clp=clp)
    goal = goal_add(
        episode=episode, by=clp, version=fresh(episode).version, text="Walk", review_on=timezone.localdate()
    )
    task = task_add(
        episode=episode, by=clp, version=fresh(episode).version, text="Ring", due_on=timezone.localdate()
    )
    flag = risk_flag_raise(
        episode=episode, by=clp, version=fresh(episode).version, kind=RiskKind.OTHER, detail="Made up"
    )
    record(episode, "swemwbs", [3] * 7)
    link = link_to(service_for_links(claimed_by=east), episode=episode, stage="referred")
    message = gp_message_send(referral=episode.referral, kind="update", by=clp, episode=episode)
    records = {
        "episode": episode.pk,
        "referral": episode.referral_id,
        "person": episode.person_id,
        "goal": goal.pk,
        "task": task.pk,
        "flag": flag.pk,
        "link": link.pk,
        "message": message.pk,
    }
    users = {CLP: clp, STAFF: staff, EAST: east_staff}
    strangers = {  # who: (user, the role whose pages they would see at their own organisation)
        "a CLP at practice B": (other_clp, CLP),
        "practice staff at practice B": (other_staff, STAFF),
        "staff of another community organisation": (west_staff, EAST),
        "a programme manager": (user_with_role(Role.PROGRAMME_MANAGER, organisation=practice), None),
        "a directory editor": (user_with_role(Role.DIRECTORY_EDITOR, organisation=practice), None),
    }
    return {"records": records, "users": users, "strangers": strangers, "episode": episode}


def url(page: Page, records: dict) -> str:
    return reverse(page.name, kwargs={arg: records.get(value, value) for arg, value in page.kwargs})


def accesses(user) -> int:
    return LogEntry.objects.filter(actor=user, action=LogEntry.Action.ACCESS).count()


def _names(patterns, namespace: str = "") -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found |= _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace:
            found.add(f"{namespace}:{pattern.name}")
    return found


def test_every_personal_data_url_is_listed():
    apps = ("referrals:", "casework:", "outcomes:", "guides:")
    names = {name for name in _names(get_resolver().url_patterns) if name.startswith(apps)}
    assert names == {page.name for page in PAGES} | NOT_ONE_RECORD


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.method} {p.name} {dict(p.kwargs).get('fmt', '')}")
def test_nobody_else_reaches_the_record_and_nothing_is_audited_for_them(world, verified_client, page):
    records, episode = world["records"], world["episode"]
    before = (fresh(episode).version, current_stage(episode), current_status(episode.referral))
    others = dict(world["strangers"])
    others |= {f"{role} at A": (user, role) for role, user in world["users"].items() if role not in page.for_}
    for who, (user, role) in others.items():
        response = getattr(verified_client(user), page.method)(url(page, records))
        allowed = (404,) if role in page.for_ else (403, 404)  # another organisation's record: not found
        assert response.status_code in allowed, f"{who}: {page.name} answered {response.status_code}"
        assert accesses(user) == 0, f"{who}: a read of {page.name} was audited, so it was shown"
    after = (fresh(episode).version, current_stage(episode), current_status(episode.referral))
    assert after == before and RiskFlag.objects.get().is_open and not Task.objects.get(text="Ring").done


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.method == "get"], ids=lambda p: f"{p.name} {dict(p.kwargs).get('fmt', '')}"
)
def test_the_user_it_is_for_gets_the_page_and_the_read_is_audited(world, verified_client, page):
    user = world["users"][page.for_[0]]
    response = verified_client(user).get(url(page, world["records"]))
    assert response.status_code == 200
    assert accesses(user) > 0
    person = Episode.objects.get(pk=world["records"]["episode"]).person
    assert LogEntry.objects.get_for_object(person).filter(actor=user, action=LogEntry.Action.ACCESS).exists()
