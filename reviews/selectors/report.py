"""Reviews' part of the quarterly report: open actions as they stood on a date, of reviews
and of meetings' decisions, and what each review did in the quarter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from boards.models import Board
from lscb.progress import LATEST_FIRST
from lscb.vocab import RAG, Quarter
from reviews.clocks import Clock, clocks_for
from reviews.models import (
    RECOMMENDATION_KIND_ORDER,
    Action,
    ActionProgress,
    Finding,
    FindingKind,
    Recommendation,
    Review,
    ReviewStatus,
)
from reviews.selectors.counts import LIVE_ACTION, count_subquery


@dataclass(frozen=True)
class ReportActionRow:
    """One open action of a review as it stood on the report date."""

    review_id: int
    review_title: str
    review_kind: str
    review_kind_label: str
    recommendation_number: int
    recommendation_kind: str
    recommendation_kind_label: str
    action_id: int
    action_text: str
    responsible: str
    agency: str
    timescale: dt.date | None
    timescale_label: str
    rag: str  # "" when no progress had been recorded by then
    rag_label: str
    narrative: str
    overdue: bool
    clocks: tuple[Clock, ...]


def _as_of(on: dt.date) -> QuerySet[Action]:
    latest = ActionProgress.objects.filter(action=OuterRef("pk"), date__lte=on).order_by(
        *LATEST_FIRST
    )
    return Action.objects.annotate(
        rag_on=Coalesce(Subquery(latest.values("rag")[:1]), Value(""), output_field=CharField()),
        narrative_on=Coalesce(
            Subquery(latest.values("narrative")[:1]), Value(""), output_field=TextField()
        ),
    )


def _responsible(action: Action) -> str:
    """Who is responsible, one a line: the plan's roles or names as written, then the
    people named (prefetched) whom they leave out."""
    people = [p.name for p in action.responsible_people.all()]
    lines = action.responsible_lines
    return "\n".join([*lines, *(n for n in people if n not in lines)])


def _reviews_live_on(board: Board, on: dt.date) -> Q:
    return Q(recommendation__review__board=board, recommendation__review__start_date__lte=on) & (
        Q(recommendation__review__closed_date__isnull=True)
        | Q(recommendation__review__closed_date__gt=on)
    )


def open_actions_for_report(board: Board, on: dt.date) -> list[ReportActionRow]:
    """Open actions of the board's reviews as they stood on `on`, in two queries
    (actions with their status as of `on`, and the people responsible)."""
    actions = (
        _as_of(on)
        .filter(_reviews_live_on(board, on), **LIVE_ACTION)
        .select_related("recommendation__review", "agency")
        .prefetch_related("responsible_people")
        .order_by(
            "recommendation__review__start_date",
            "recommendation__review_id",
            "recommendation__kind",
            "recommendation__number",
            "position",
            "id",
        )
    )
    clocks: dict[int, tuple[Clock, ...]] = {}
    rows = []
    for a in actions:
        if a.rag_on == RAG.COMPLETE:
            continue
        rec = a.recommendation
        review = rec.review
        if review.pk not in clocks:
            clocks[review.pk] = tuple(clocks_for(review, on))
        rows.append(
            ReportActionRow(
                review_id=review.pk,
                review_title=review.title,
                review_kind=review.kind,
                review_kind_label=review.get_kind_display(),
                recommendation_number=rec.number,
                recommendation_kind=rec.kind,
                recommendation_kind_label=rec.get_kind_display(),
                action_id=a.pk,
                action_text=a.what,
                responsible=_responsible(a),
                agency=a.agency.name if a.agency else "",
                timescale=a.timescale,
                timescale_label=a.timescale_label,
                rag=a.rag_on,
                rag_label=RAG(a.rag_on).label if a.rag_on else "No update",
                narrative=a.narrative_on,
                overdue=a.timescale is not None and a.timescale < on,
                clocks=clocks[review.pk],
            )
        )
    return rows


@dataclass(frozen=True)
class ReportDecisionRow:
    """One decision of a meeting of the board or a subgroup, open on the report date."""

    action_id: int
    meeting_body: str
    meeting_date: dt.date
    item_number: int
    item_title: str
    item_private: bool  # taken in private (Schedule 12A): not for publication
    action_text: str
    responsible: str
    agency: str
    timescale_label: str
    rag: str  # "" when no progress had been recorded by then
    narrative: str
    overdue: bool


def open_decisions_for_report(board: Board, on: dt.date) -> list[ReportDecisionRow]:
    """Decisions recorded in the minutes of the board's and its subgroups' meetings held by
    `on` and open then, by the same rule as the reviews' actions (`open_actions_for_report`):
    not withdrawn, and not complete by their latest progress dated on or before `on`. In
    meeting order; two queries (the decisions with their status as of `on` and their
    meetings, and their owners), one when there are none."""
    decisions = (
        _as_of(on)
        .filter(board=board, minute__item__meeting__date__lte=on, **LIVE_ACTION)
        .select_related("minute__item__meeting__subgroup", "agency")
        .prefetch_related("responsible_people")
        .order_by(
            "minute__item__meeting__date",
            "minute__item__meeting_id",
            "minute__item__number",
            "position",
            "id",
        )
    )
    rows = []
    for a in decisions:
        if a.rag_on == RAG.COMPLETE:
            continue
        item = a.minute.item
        meeting = item.meeting
        rows.append(
            ReportDecisionRow(
                action_id=a.pk,
                meeting_body=meeting.subgroup.name if meeting.subgroup_id else board.name,
                meeting_date=meeting.date,
                item_number=item.number,
                item_title=item.title,
                item_private=item.is_exempt,
                action_text=a.what,
                responsible=_responsible(a),
                agency=a.agency.name if a.agency else "",
                timescale_label=a.timescale_label,
                rag=a.rag_on,
                narrative=a.narrative_on,
                overdue=a.timescale is not None and a.timescale < on,
            )
        )
    return rows


@dataclass(frozen=True)
class ReviewActivity:
    """What a review did in one quarter, for the report's case review panel paragraph."""

    review_id: int
    title: str
    kind: str
    kind_label: str
    subject_reference: str
    lead_reviewer: str
    status: str
    status_label: str
    start_date: dt.date
    events: tuple[tuple[dt.date, str], ...]
    recommendation_count: int
    open_actions: int  # as of the quarter's last day
    actions_completed_in_quarter: int
    clocks: tuple[Clock, ...]


_EVENT_FIELDS = [
    ("start_date", "started"),
    ("incident_known_date", "serious incident became known"),
    ("notification_date", "notified"),
    ("decision_date", "rapid review completed"),
    ("report_date", "inspection report received"),
    ("action_statement_date", "written statement of action sent"),
    ("published_date", "published"),
    ("closed_date", "closed"),
]


def review_activity(board: Board, quarter: Quarter) -> list[ReviewActivity]:
    """Reviews active at any time in the quarter; see `review_activity_between`."""
    return review_activity_between(board, quarter.start, quarter.end)


def review_activity_between(board: Board, start: dt.date, end: dt.date) -> list[ReviewActivity]:
    """Reviews active at any time from `start` to `end` (started by the end, not closed
    before the start), in three queries: reviews, their actions' status at the end, and the
    completions dated inside the period."""
    reviews = list(
        Review.objects.filter(board=board, start_date__lte=end)
        .filter(Q(closed_date__isnull=True) | Q(closed_date__gte=start))
        .annotate(
            recommendation_count=count_subquery(
                Recommendation.objects.filter(review=OuterRef("pk"), withdrawn_at__isnull=True),
                "review",
            )
        )
        .order_by("start_date", "pk")
    )
    ids = [r.pk for r in reviews]
    open_by_review: dict[int, int] = defaultdict(int)
    for review_id, rag in (
        _as_of(end)
        .filter(recommendation__review_id__in=ids, **LIVE_ACTION)
        .values_list("recommendation__review_id", "rag_on")
    ):
        if rag != RAG.COMPLETE:
            open_by_review[review_id] += 1
    completed: dict[int, int] = defaultdict(int)
    for review_id, _action_id in (
        ActionProgress.objects.filter(
            action__recommendation__review_id__in=ids,
            action__withdrawn_at__isnull=True,
            action__recommendation__withdrawn_at__isnull=True,
            rag=RAG.COMPLETE,
            date__range=(start, end),
        )
        .values_list("action__recommendation__review_id", "action_id")
        .distinct()
    ):
        completed[review_id] += 1
    result = []
    for r in reviews:
        events = [
            (getattr(r, name), label)
            for name, label in _EVENT_FIELDS
            if getattr(r, name) and start <= getattr(r, name) <= end
        ]
        if r.signed_off_at and start <= r.signed_off_at.date() <= end:
            events.append((r.signed_off_at.date(), "action plan signed off by the chair"))
        status = ReviewStatus(r.status)
        if status == ReviewStatus.CLOSED and r.closed_date and r.closed_date > end:
            # Closed after the quarter, so still open at its end.
            status = (
                ReviewStatus.ACTION_PLAN if r.recommendation_count else ReviewStatus.IN_PROGRESS
            )
        result.append(
            ReviewActivity(
                review_id=r.pk,
                title=r.title,
                kind=r.kind,
                kind_label=r.get_kind_display(),
                subject_reference=r.subject_reference,
                lead_reviewer=r.lead_reviewer,
                status=status.value,
                status_label=status.label,
                start_date=r.start_date,
                events=tuple(sorted(events)),
                recommendation_count=r.recommendation_count,
                open_actions=open_by_review[r.pk],
                actions_completed_in_quarter=completed[r.pk],
                clocks=tuple(clocks_for(r, end)),
            )
        )
    return result


@dataclass(frozen=True)
class ReportFinding:
    """One finding of a review, as the report prints it."""

    area: str
    judgement_label: str
    summary: str


@dataclass(frozen=True)
class ReportRecommendationAction:
    """One live action of a reported recommendation, with its status on the report date."""

    what: str
    responsible: str
    timescale_label: str
    rag: str
    narrative: str
    overdue: bool


@dataclass(frozen=True)
class ReportRecommendation:
    kind_label: str
    number: int
    text: str
    actions: tuple[ReportRecommendationAction, ...]


@dataclass(frozen=True)
class ReviewFindings:
    """One review's section of the quarterly report: what it found and what is being done."""

    review_id: int
    title: str
    kind_label: str
    lead_reviewer: str
    inspectorate: str
    report_date: dt.date | None
    summary: str
    judgements: tuple[ReportFinding, ...]
    strengths: tuple[ReportFinding, ...]
    areas_for_development: tuple[ReportFinding, ...]
    recommendations: tuple[ReportRecommendation, ...]


def review_findings_for_report(
    board: Board, review_ids: list[int], on: dt.date
) -> list[ReviewFindings]:
    """The chosen reviews' findings and live recommendations, with their actions' status on
    `on`; withdrawn items are left out. Five queries however many reviews are chosen:
    reviews, findings, recommendations, actions as of `on`, and the people responsible."""
    if not review_ids:
        return []
    reviews = list(
        Review.objects.filter(board=board, pk__in=review_ids).order_by("start_date", "pk")
    )
    ids = [r.pk for r in reviews]
    findings: dict[int, list[Finding]] = defaultdict(list)
    for finding in Finding.objects.filter(review_id__in=ids, withdrawn_at__isnull=True).order_by(
        "review_id", "position", "id"
    ):
        findings[finding.review_id].append(finding)
    recs = sorted(
        Recommendation.objects.filter(review_id__in=ids, withdrawn_at__isnull=True),
        key=lambda r: (RECOMMENDATION_KIND_ORDER.index(r.kind), r.number, r.pk),
    )
    actions: dict[int, list[ReportRecommendationAction]] = defaultdict(list)
    for a in (
        _as_of(on)
        .filter(recommendation_id__in=[r.pk for r in recs], withdrawn_at__isnull=True)
        .prefetch_related("responsible_people")
        .order_by("position", "id")
    ):
        actions[a.recommendation_id].append(
            ReportRecommendationAction(
                what=a.what,
                responsible=_responsible(a),
                timescale_label=a.timescale_label,
                rag=a.rag_on,
                narrative=a.narrative_on,
                overdue=a.rag_on != RAG.COMPLETE and a.timescale is not None and a.timescale < on,
            )
        )
    recs_by_review: dict[int, list[ReportRecommendation]] = defaultdict(list)
    for rec in recs:
        recs_by_review[rec.review_id].append(
            ReportRecommendation(
                kind_label=rec.get_kind_display(),
                number=rec.number,
                text=rec.text,
                actions=tuple(actions[rec.pk]),
            )
        )
    result = []
    for r in reviews:
        mine = findings[r.pk]

        def of(kind: str, mine: list[Finding] = mine) -> tuple[ReportFinding, ...]:
            return tuple(
                ReportFinding(f.area, f.get_judgement_display(), f.summary)
                for f in mine
                if f.kind == kind
            )

        result.append(
            ReviewFindings(
                review_id=r.pk,
                title=r.title,
                kind_label=r.get_kind_display(),
                lead_reviewer=r.lead_reviewer,
                inspectorate=r.inspectorate,
                report_date=r.report_date,
                summary=r.summary,
                judgements=of(FindingKind.JUDGEMENT),
                strengths=of(FindingKind.STRENGTH),
                areas_for_development=of(FindingKind.AREA_FOR_IMPROVEMENT),
                recommendations=tuple(recs_by_review[r.pk]),
            )
        )
    return result
