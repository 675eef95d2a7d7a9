"""Casework: engagement, contacts, links, community organisations' answers, closures and outcome change."""

from __future__ import annotations

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from linkpad.casework.models import (
    Closure,
    ClosureReason,
    Contact,
    ContactMode,
    Episode,
    FirstStep,
    Link,
    LinkStage,
    LinkStatus,
)
from linkpad.directory.models import Attribute
from linkpad.outcomes.measures import MEASURES
from linkpad.outcomes.models import Administration, Timepoint
from linkpad.outcomes.scoring import MEANINGFUL_DECLINE, MEANINGFUL_IMPROVEMENT, NO_MEANINGFUL_CHANGE

from ..tables import STAT, Column, Table, one_way, share, two_way
from .base import Scope

NOT_RECORDED = "Not recorded"


def episodes_opened(scope: Scope):
    return Episode.objects.filter(practice__in=scope.practice_ids, **scope.between("opened_at"))


def engagement(scope: Scope) -> Table:
    attended = (
        Contact.objects.filter(episode=OuterRef("pk"), did_not_attend=False)
        .values("episode")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = dict(
        episodes_opened(scope)
        .annotate(attended=Coalesce(Subquery(attended, output_field=IntegerField()), 0))
        .annotate(
            band=Case(
                When(attended__gte=3, then=Value("Three or more")),
                When(attended__gte=1, then=Value("One or two")),
                default=Value("None yet"),
                output_field=CharField(),
            )
        )
        .values_list("band")
        .annotate(n=Count("id"))
    )
    counts = {band: found.get(band, 0) for band in ("None yet", "One or two", "Three or more")}
    return one_way(
        "engagement",
        "Engagement: contacts attended",
        f"Episodes opened in {scope.period.label}, by the number of contacts the person came to",
        counts,
        row_label="Contacts attended",
        count_label="Episodes",
        total_label="Episodes opened",
        extra=[(Column("Share of episodes", STAT), lambda label, n, total: share(n, total) if label else "")],
        notes=["Engaged means three or more contacts attended. Missed appointments are not counted."],
    )


def contacts_by_mode(scope: Scope) -> Table:
    contacts = Contact.objects.filter(
        episode__practice__in=scope.practice_ids, did_not_attend=False, **scope.days_between("happened_on")
    )
    found = {row["mode"]: row for row in contacts.values("mode").annotate(n=Count("id"))}
    episodes = contacts.aggregate(n=Count("episode", distinct=True))["n"]
    counts = {label: found.get(code, {}).get("n", 0) for code, label in ContactMode.choices}
    table = one_way(
        "contacts-by-mode",
        "Contacts by mode",
        f"Contacts attended in {scope.period.label}, by how they happened",
        counts,
        row_label="Mode",
        count_label="Contacts",
        extra=[(Column("Share of contacts", STAT), lambda label, n, total: share(n, total) if label else "")],
    )
    total = table.rows[-1].values[0]
    shown_episodes = episodes if episodes >= 5 else None
    per_episode = f"{total / shown_episodes:.1f}" if total is not None and shown_episodes else "–"
    table.notes.append(
        "Contacts per episode with any contact in the period: "
        + (per_episode if shown_episodes else "not shown, as fewer than 5 episodes had a contact")
        + "."
    )
    return table


def links_made(scope: Scope):
    return Link.objects.filter(episode__practice__in=scope.practice_ids, **scope.between("created_at"))


def _top_category(term) -> str:
    while term.parent is not None:
        term = term.parent
    return term.name


def links_by_category(scope: Scope) -> Table:
    """Links counted by service in the database, then each service's top-level category (the first of
    its categories by name) looked up once per service, not once per link."""
    by_service = dict(links_made(scope).values_list("service").annotate(n=Count("id")))
    attributes = (
        Attribute.objects.filter(link_entity="service", link_id__in=list(by_service))
        .select_related("taxonomy_term__parent__parent__parent")
        .order_by("taxonomy_term__name")
    )
    category: dict[str, str] = {}
    for attribute in attributes:
        category.setdefault(attribute.link_id, _top_category(attribute.taxonomy_term))
    found: dict[str, int] = {}
    for service, n in by_service.items():
        name = category.get(service, "Not categorised")
        found[name] = found.get(name, 0) + n
    counts = dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
    return one_way(
        "links-by-category",
        "Links by category of support",
        f"Links made in {scope.period.label}, by the directory category of the support",
        counts,
        row_label="Category",
        count_label="Links",
        total_label="Links made",
    )


def _attended():
    return Exists(
        LinkStatus.objects.filter(link=OuterRef("pk"), stage__in=[LinkStage.ATTENDED, LinkStage.ONGOING])
    )


def links_by_first_step(scope: Scope) -> Table:
    found = links_made(scope).annotate(came=_attended()).values("first_step", "came").annotate(n=Count("id"))
    labels = dict(FirstStep.choices) | {"": NOT_RECORDED}
    columns = ["Attended", "Not attended yet"]
    cells: dict = {}
    for row in found:
        key = (labels[row["first_step"]], columns[0] if row["came"] else columns[1])
        cells[key] = cells.get(key, 0) + row["n"]
    return two_way(
        "links-by-first-step",
        "Links by first step and whether the person attended",
        f"Links made in {scope.period.label}, by how the first step was taken",
        cells,
        rows=list(labels.values()),
        columns=columns,
        row_label="First step",
        extra=[
            (Column("Share attended", STAT), lambda row, cells, total: share(cells.get("Attended"), total))
        ],
    )


ANSWERS = {
    LinkStage.FIRST_STEP: "Accepted",
    LinkStage.DECLINED: "Declined",
    LinkStage.ATTENDED: "Confirmed the person came",
}


def community_responses(scope: Scope) -> Table:
    answers = LinkStatus.objects.filter(link=OuterRef("pk")).filter(
        Q(organisation__isnull=False) | Q(by_email_link=True)
    )
    found = dict(
        Link.objects.filter(episode__practice__in=scope.practice_ids, **scope.between("referred_at"))
        .annotate(answer=Subquery(answers.order_by("-created_at", "-pk").values("stage")[:1]))
        .values_list("answer")
        .annotate(n=Count("id"))
    )
    counts = {label: found.get(stage, 0) for stage, label in ANSWERS.items()}
    counts["No answer yet"] = found.get(None, 0)
    return one_way(
        "community-responses",
        "Community organisations' answers to referrals",
        f"Links referred to a community organisation in {scope.period.label}, by the organisation's latest answer",
        counts,
        row_label="Answer",
        count_label="Referrals",
        total_label="Referrals to organisations",
        extra=[(Column("Share", STAT), lambda label, n, total: share(n, total) if label else "")],
    )


def episodes_closed(scope: Scope):
    return Episode.objects.filter(practice__in=scope.practice_ids, **scope.between("closure__closed_at"))


def closures_by_reason(scope: Scope) -> Table:
    found = dict(
        Closure.objects.filter(episode__practice__in=scope.practice_ids, **scope.between("closed_at"))
        .values_list("reason")
        .annotate(n=Count("id"))
    )
    counts = {label: found.get(code, 0) for code, label in ClosureReason.choices}
    return one_way(
        "closures-by-reason",
        "Closures by reason",
        f"Episodes closed in {scope.period.label}, by why they closed",
        counts,
        row_label="Reason",
        count_label="Episodes",
        total_label="Episodes closed",
        extra=[(Column("Share", STAT), lambda label, n, total: share(n, total) if label else "")],
    )


VERDICTS = [MEANINGFUL_IMPROVEMENT, NO_MEANINGFUL_CHANGE, MEANINGFUL_DECLINE]


def _verdict(measure):
    """Meaningful change for one measure, from `change` (closure score minus baseline score)."""
    threshold = measure.change_threshold - 1e-6  # scores carry two decimals: compare as people expect
    if measure.higher_is_better:
        better, worse = Q(change__gte=threshold), Q(change__lte=-threshold)
    else:
        better, worse = Q(change__lte=-threshold), Q(change__gte=threshold)
    return Case(
        When(better, then=Value(MEANINGFUL_IMPROVEMENT)),
        When(worse, then=Value(MEANINGFUL_DECLINE)),
        default=Value(NO_MEANINGFUL_CHANGE),
        output_field=CharField(),
    )


def outcome_change(scope: Scope) -> Table:
    """For each measure anyone closing in the period answered, one query: episodes joined to their
    baseline and closure administrations of it (joins, not a subquery per row), grouped by verdict."""
    measures = [m for m in MEASURES.values() if m.change_threshold is not None]
    closed = episodes_closed(scope)
    answered = set(
        Administration.objects.filter(episode__in=closed, timepoint=Timepoint.CLOSURE)
        .values_list("measure", flat=True)
        .distinct()
    )
    cells: dict = {}
    means: dict = {}
    for measure in (m for m in measures if m.key in answered):
        found = (
            closed.annotate(
                baseline=FilteredRelation(
                    "administrations",
                    condition=Q(
                        administrations__measure=measure.key, administrations__timepoint=Timepoint.BASELINE
                    ),
                ),
                closing=FilteredRelation(
                    "administrations",
                    condition=Q(
                        administrations__measure=measure.key, administrations__timepoint=Timepoint.CLOSURE
                    ),
                ),
            )
            .filter(baseline__score__isnull=False, closing__score__isnull=False)
            .annotate(change=F("closing__score") - F("baseline__score"))
            .annotate(verdict=_verdict(measure))
            .values_list("verdict")
            .annotate(
                n=Count("id", distinct=True), before=Avg("baseline__score"), after=Avg("closing__score")
            )
        )
        total = before = after = 0.0
        for verdict, n, mean_before, mean_after in found:
            cells[(measure.short_name, verdict.capitalize())] = n
            total, before, after = total + n, before + n * mean_before, after + n * mean_after
        if total:
            means[measure.short_name] = {"mean_before": before / total, "mean_after": after / total}

    def mean_move(row, shown, total):
        if not row or not total or row not in means:
            return ""
        return f"{means[row]['mean_before']:.1f} to {means[row]['mean_after']:.1f}"

    return two_way(
        "outcome-change",
        "Outcome change from baseline to closure",
        f"Episodes closed in {scope.period.label} with a measure answered at baseline and at closure",
        cells,
        rows=[m.short_name for m in measures],
        columns=[v.capitalize() for v in VERDICTS],
        row_label="Measure",
        total_label="Episodes",
        extra=[
            (
                Column("Share meaningfully improved", STAT),
                lambda row, shown, total: share(shown.get(MEANINGFUL_IMPROVEMENT.capitalize()), total),
            ),
            (Column("Average score, baseline to closure", STAT), mean_move),
        ],
        notes=[
            "Each measure's own threshold decides what counts as meaningful change (see the outcomes guide). "
            "ONS4 has no single score or threshold, so it is not in this table. The total row counts "
            "episode-measure pairs: an episode can be counted once for each measure."
        ],
    )


ENGAGEMENT_TABLES = [engagement, contacts_by_mode]
LINK_TABLES = [links_by_category, links_by_first_step, community_responses]
OUTCOME_TABLES = [outcome_change, closures_by_reason]
