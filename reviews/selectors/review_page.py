"""Reads for one review's page: its clocks, findings, action plan and reopenings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from reviews.clocks import Clock, clocks_for
from reviews.models import (
    RECOMMENDATION_KIND_ORDER,
    RECOMMENDATION_KIND_PLURALS,
    Action,
    ActionProgress,
    Finding,
    Recommendation,
    RecommendationKind,
    Review,
)


@dataclass
class PlanSection:
    kind: str
    label: str
    recommendations: list[Recommendation]

    @property
    def heading(self) -> str:
        if len(self.recommendations) == 1:
            return self.label
        return RECOMMENDATION_KIND_PLURALS[self.kind]


@dataclass(frozen=True)
class Reopening:
    """A reopening of the action plan as the review page lists it, with people by name."""

    at: dt.datetime
    by: str
    reason: str
    previously_signed_off_by: str  # "" when nobody had signed it off
    previously_signed_off_at: dt.datetime | None


def _display_name(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """User.get_full_name(), or the username when there is none (as the pages show users)."""
    return f"{first_name or ''} {last_name or ''}".strip() or (username or "")


def _reopenings(review: Review) -> list[Reopening]:
    # Names read as values: selecting and building two users with every column is most of
    # the cost of a list that is nearly always empty.
    rows = review.reopenings.values_list(
        "at",
        "reason",
        "previously_signed_off_at",
        "by__first_name",
        "by__last_name",
        "by__username",
        "previously_signed_off_by__first_name",
        "previously_signed_off_by__last_name",
        "previously_signed_off_by__username",
    )
    reopenings = []
    for at, reason, previously_at, first, last, username, p_first, p_last, p_username in rows:
        previously = _display_name(p_first, p_last, p_username) if p_username else ""
        reopenings.append(
            Reopening(at, _display_name(first, last, username), reason, previously, previously_at)
        )
    return reopenings


@dataclass
class ReviewPage:
    review: Review
    clocks: list[Clock]
    findings: list[Finding]
    sections: list[PlanSection]
    reopenings: list[Reopening]
    action_count: int
    open_action_count: int
    overdue_action_count: int
    criteria: list[str] = field(default_factory=list)


def review_page(review: Review, today: dt.date) -> ReviewPage:
    """Everything the review page shows, in seven queries after the review itself:
    findings, their themes, recommendations, their themes, their actions (+ agency), the
    actions' people, reopenings.

    Related rows come as plain lists (Prefetch to_attr): the template walks them for every
    recommendation and action, and a prefetched manager builds a queryset each time.
    Orderings name the columns: within one review they give the models' default order,
    which would otherwise join the reviews table again to sort by it."""
    from reviews.criteria import labels_for

    themes = Prefetch("themes", to_attr="theme_list")
    findings = list(review.findings.order_by("position", "id").prefetch_related(themes))
    actions = (
        Action.objects.select_related("agency")
        .prefetch_related(Prefetch("responsible_people", to_attr="people"))
        .order_by("position", "id")
    )
    recs = list(
        review.recommendations.prefetch_related(
            themes, Prefetch("actions", queryset=actions, to_attr="action_list")
        ).order_by("number")
    )
    sections = []
    for kind in RECOMMENDATION_KIND_ORDER:
        mine = [r for r in recs if r.kind == kind]
        if mine:
            sections.append(PlanSection(kind, RecommendationKind(kind).label, mine))
    for number, finding in enumerate(findings, start=1):
        finding.shown_number = number
    all_actions = [a for r in recs for a in r.action_list]
    for rec in recs:
        for number, action in enumerate(rec.action_list, start=1):
            action.shown_number = number
            # An action of a withdrawn recommendation is withdrawn with it.
            action.counts = not (rec.is_withdrawn or action.is_withdrawn)
    for action in all_actions:
        action.overdue = action.counts and action.is_overdue(today)
        lines = action.responsible_lines
        # The people named in the text, then anyone linked who is not already named.
        action.responsible_names = [*lines, *(p.name for p in action.people if p.name not in lines)]
    return ReviewPage(
        review=review,
        clocks=clocks_for(review, today),
        findings=findings,
        sections=sections,
        reopenings=_reopenings(review),
        action_count=sum(1 for a in all_actions if a.counts),
        open_action_count=sum(1 for a in all_actions if a.counts and a.is_open),
        overdue_action_count=sum(1 for a in all_actions if a.overdue),
        criteria=labels_for(review.criteria_met or []),
    )


def action_history(action: Action) -> list[ActionProgress]:
    return list(action.updates.select_related("author", "reported_via"))
