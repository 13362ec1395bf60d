"""Reads for reviews pages, the board dashboard and the quarterly report.

Every function here runs a fixed number of queries however many reviews, recommendations
and actions a board has: counts come from subqueries, related rows from prefetches.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Coalesce

from boards.models import Board
from lscb.progress import LATEST_FIRST
from lscb.vocab import RAG, Quarter
from reviews.clocks import CLOCK_FIELDS, Clock, clocks_for, day_month_year
from reviews.models import (
    RECOMMENDATION_KIND_ORDER,
    Action,
    ActionProgress,
    Finding,
    Recommendation,
    RecommendationKind,
    Review,
    ReviewKind,
    ReviewStatus,
    is_concern,
    timescale_label,
)


def _count(qs: QuerySet, key: str):
    """A correlated COUNT(*) subquery, so annotating several counts cannot multiply rows."""
    counted = qs.order_by().values(key).annotate(c=Count("pk")).values("c")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _open_actions(**filters) -> QuerySet:
    return Action.objects.filter(**filters).exclude(current_rag=RAG.COMPLETE)


def with_action_counts(qs: QuerySet[Review], today: dt.date) -> QuerySet[Review]:
    review = OuterRef("pk")
    return qs.annotate(
        recommendation_count=_count(Recommendation.objects.filter(review=review), "review"),
        open_action_count=_count(
            _open_actions(recommendation__review=review), "recommendation__review"
        ),
        overdue_action_count=_count(
            _open_actions(recommendation__review=review, timescale__lt=today),
            "recommendation__review",
        ),
    )


def overdue_review_ids(qs: QuerySet[Review], today: dt.date) -> set[int]:
    """Reviews with an overdue open action or an overdue statutory clock (one query)."""
    overdue_action = Exists(
        _open_actions(recommendation__review=OuterRef("pk"), timescale__lt=today)
    )
    ids = set()
    for review in qs.annotate(has_overdue_action=overdue_action).only("id", *CLOCK_FIELDS):
        if review.has_overdue_action or any(
            c.state == "overdue" for c in clocks_for(review, today)
        ):
            ids.add(review.pk)
    return ids


# What the list page shows of each review, and what its clocks need (clocks_for reads
# these names as attributes, which the named rows have).
_LIST_FIELDS = (
    "pk",
    "title",
    "subject_reference",
    "status",
    *CLOCK_FIELDS,
    "signed_off_at",
    "recommendation_count",
    "open_action_count",
    "overdue_action_count",
)
_KIND_LABELS = dict(ReviewKind.choices)
_STATUS_LABELS = dict(ReviewStatus.choices)


def review_list_values(qs: QuerySet[Review], today: dt.date) -> QuerySet:
    """The list page's reviews as named rows with their action counts: plain values, not
    model instances, as the page shows a few fields of up to 50 reviews."""
    return with_action_counts(qs, today).values_list(*_LIST_FIELDS, named=True)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review list, its labels and start date already text."""

    pk: int
    title: str
    subject_reference: str
    kind_label: str
    status_label: str
    started_label: str
    is_signed_off: bool
    recommendation_count: int
    open_action_count: int
    overdue_action_count: int
    clocks: list[Clock]


def review_rows(reviews, today: dt.date) -> list[ReviewRow]:
    """Rows for the list page from the named rows of review_list_values."""
    return [
        ReviewRow(
            pk=r.pk,
            title=r.title,
            subject_reference=r.subject_reference,
            kind_label=_KIND_LABELS.get(r.kind, r.kind),
            status_label=_STATUS_LABELS.get(r.status, r.status),
            started_label=day_month_year(r.start_date),
            is_signed_off=r.signed_off_at is not None,
            recommendation_count=r.recommendation_count,
            open_action_count=r.open_action_count,
            overdue_action_count=r.overdue_action_count,
            clocks=clocks_for(r, today),
        )
        for r in reviews
    ]


@dataclass
class PlanSection:
    kind: str
    label: str
    recommendations: list[Recommendation]


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
    all_actions = [a for r in recs for a in r.action_list]
    for action in all_actions:
        action.overdue = action.is_overdue(today)
        lines = action.responsible_lines
        # The people named in the text, then anyone linked who is not already named.
        action.responsible_names = [*lines, *(p.name for p in action.people if p.name not in lines)]
    return ReviewPage(
        review=review,
        clocks=clocks_for(review, today),
        findings=findings,
        sections=sections,
        reopenings=_reopenings(review),
        action_count=len(all_actions),
        open_action_count=sum(1 for a in all_actions if a.is_open),
        overdue_action_count=sum(1 for a in all_actions if a.overdue),
        criteria=labels_for(review.criteria_met or []),
    )


def action_history(action: Action) -> list[ActionProgress]:
    return list(action.updates.select_related("author"))


# --- Dashboard -------------------------------------------------------------------------


@dataclass
class ClockAlert:
    review: object  # a named row: pk, title and the dates clocks_for reads
    clock: Clock


@dataclass(frozen=True)
class OverdueAction:
    pk: int
    what: str
    review_id: int
    review_title: str
    timescale_label: str


@dataclass
class DashboardSummary:
    clock_alerts: list[ClockAlert]
    overdue_actions: list[OverdueAction]
    overdue_action_total: int


DASHBOARD_ACTION_LIMIT = 10


def dashboard_summary(board: Board, today: dt.date) -> DashboardSummary | None:
    """Open reviews' clocks that are due soon or overdue, and overdue open actions. Rows
    are read as plain values: the panel shows a title and a date or two of each."""
    reviews = list(
        Review.objects.filter(board=board)
        .exclude(status=ReviewStatus.CLOSED)
        .order_by("title")
        .values_list("pk", "title", *CLOCK_FIELDS, named=True)
    )
    if not reviews:
        return None
    alerts = [ClockAlert(r, c) for r in reviews for c in clocks_for(r, today) if c.needs_attention]
    alerts.sort(key=lambda a: a.clock.due)
    overdue = _open_actions(
        recommendation__review__board=board,
        timescale__lt=today,
    ).exclude(recommendation__review__status=ReviewStatus.CLOSED)
    # The first few, each carrying the count of all (a window over the whole result,
    # taken before the limit): one query, not a second to count.
    rows = list(
        overdue.annotate(total=Window(Count("pk")))
        .order_by("timescale", "id")
        .values_list(
            "pk",
            "what",
            "timescale",
            "timescale_is_month",
            "recommendation__review_id",
            "recommendation__review__title",
            "total",
        )[:DASHBOARD_ACTION_LIMIT]
    )
    listed = [
        OverdueAction(pk, what, review_id, review_title, timescale_label(timescale, is_month))
        for pk, what, timescale, is_month, review_id, review_title, _ in rows
    ]
    total = rows[0][-1] if rows else 0
    return DashboardSummary(alerts, listed, total)


# --- Thematic view ---------------------------------------------------------------------

KIND_GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "case_reviews": (
        "Case review recommendations",
        frozenset(
            {
                ReviewKind.SERIOUS_CASE_REVIEW,
                ReviewKind.PRACTICE_REVIEW,
                ReviewKind.RAPID_REVIEW,
                ReviewKind.NEAR_MISS,
                ReviewKind.MANAGEMENT_REVIEW,
                ReviewKind.LEARNING_EVENT,
                ReviewKind.DOMESTIC_HOMICIDE,
            }
        ),
    ),
    "inspections": (
        "Inspection recommendations",
        frozenset({ReviewKind.SINGLE_AGENCY_INSPECTION, ReviewKind.ILACS, ReviewKind.JTAI}),
    ),
    "learning": (
        "Peer review and audit recommendations",
        frozenset({ReviewKind.PEER_REVIEW, ReviewKind.SECTION_11}),
    ),
}
SOURCE_LABELS = {
    "outcomes": "Workplan outcomes",
    **{key: label for key, (label, _) in KIND_GROUPS.items()},
    "findings": "Inspection and review findings",
}
# Column headings on the themes page, where space is short.
SOURCE_SHORT_LABELS = {
    "outcomes": "Workplan outcomes",
    "case_reviews": "Case reviews",
    "inspections": "Inspections",
    "learning": "Peer reviews and audits",
    "findings": "Findings",
}
STATES = ("open", "overdue", "all")


def outcomes_available() -> bool:
    """Workplan outcomes join the thematic view once the workplans app defines them."""
    from boards.models import Theme

    return hasattr(Theme, "outcomes")


def group_of(kind: str) -> str:
    for key, (_, kinds) in KIND_GROUPS.items():
        if kind in kinds:
            return key
    return "learning"


@dataclass
class Cell:
    """One source's open and overdue counts for one theme (overdue None: not applicable)."""

    open: int = 0
    overdue: int | None = 0


@dataclass
class ThemeRow:
    theme: object
    cells: dict[str, Cell]
    review_ids: set[int] = field(default_factory=set)
    # Set by theme_matrix once every tag is counted; the page reads each several times.
    raised_by: int = 0
    is_hotspot: bool = False
    # (source, its full label, cell) in column order.
    ordered: list[tuple[str, str, Cell]] = field(default_factory=list)


@dataclass
class ThemeMatrix:
    sources: list[tuple[str, str]]
    rows: list[ThemeRow]
    hotspots: list[ThemeRow] = field(default_factory=list)


def _recommendation_flags(qs: QuerySet, rec_ref: str, today: dt.date) -> QuerySet:
    rec = OuterRef(rec_ref)
    return qs.annotate(
        has_action=Exists(Action.objects.filter(recommendation=rec)),
        has_open=Exists(_open_actions(recommendation=rec)),
        has_overdue=Exists(_open_actions(recommendation=rec, timescale__lt=today)),
    )


def _recommendation_is_open(has_action: bool, has_open: bool, review_status: str) -> bool:
    # A recommendation is open until every one of its actions is complete; one with no
    # actions yet is open unless its review has been closed.
    if has_action:
        return has_open
    return review_status != ReviewStatus.CLOSED


def theme_matrix(board: Board, today: dt.date) -> ThemeMatrix:
    """Themes against sources with open, overdue and repeated counts. Queries: themes,
    outcome counts per theme (when workplans is there), recommendation tags, finding tags."""
    from boards.models import Theme

    sources = list(SOURCE_LABELS.items())
    with_outcomes = outcomes_available()
    if not with_outcomes:
        sources = [s for s in sources if s[0] != "outcomes"]
    keys = [s for s, _ in sources]
    rows = {
        t.pk: ThemeRow(t, {k: Cell(overdue=None if k == "findings" else 0) for k in keys})
        for t in Theme.objects.all()
    }
    if with_outcomes:
        # Counted by the database: a board's ten years of outcomes are thousands of tags.
        through = Theme.outcomes.through
        outcome_counts = (
            through.objects.filter(outcome__workplan__board=board)
            .exclude(outcome__current_rag=RAG.COMPLETE)
            .values("theme_id")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(outcome__due_date__lt=today)))
            .values_list("theme_id", "open", "overdue")
        )
        for theme_id, open_count, overdue_count in outcome_counts:
            if theme_id in rows:
                cell = rows[theme_id].cells["outcomes"]
                cell.open, cell.overdue = open_count, overdue_count
    rec_tags = _recommendation_flags(
        Recommendation.themes.through.objects.filter(recommendation__review__board=board),
        "recommendation_id",
        today,
    ).values_list(
        "theme_id",
        "recommendation__review_id",
        "recommendation__review__kind",
        "recommendation__review__status",
        "has_action",
        "has_open",
        "has_overdue",
    )
    for theme_id, review_id, kind, status, has_action, has_open, has_overdue in rec_tags:
        if theme_id not in rows:  # a theme added since the themes were read
            continue
        row = rows[theme_id]
        row.review_ids.add(review_id)
        if _recommendation_is_open(has_action, has_open, status):
            cell = row.cells[group_of(kind)]
            cell.open += 1
            if has_overdue:
                cell.overdue += 1
    finding_tags = Finding.themes.through.objects.filter(finding__review__board=board).values_list(
        "theme_id",
        "finding__review_id",
        "finding__kind",
        "finding__judgement",
        "finding__review__status",
    )
    for theme_id, review_id, kind, judgement, status in finding_tags:
        if theme_id not in rows or not is_concern(kind, judgement):
            continue
        row = rows[theme_id]
        row.review_ids.add(review_id)
        if status != ReviewStatus.CLOSED:
            row.cells["findings"].open += 1
    for row in rows.values():
        row.raised_by = len(row.review_ids)
        row.is_hotspot = row.raised_by >= 2
        row.ordered = [(key, label, row.cells[key]) for key, label in sources]
    ordered_rows = list(rows.values())
    hotspots = sorted(
        (r for r in ordered_rows if r.is_hotspot), key=lambda r: (-r.raised_by, r.theme.name)
    )
    sources = [(key, SOURCE_SHORT_LABELS[key]) for key, _ in sources]
    return ThemeMatrix(sources, ordered_rows, hotspots)


@dataclass
class ThemeItems:
    theme: object
    source: str
    state: str
    recommendations: list[Recommendation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)


def theme_items(board: Board, theme, *, source: str, state: str, today: dt.date) -> ThemeItems:
    """The items behind one number on the themes page.

    `state` is open, overdue or all for one source; `repeated` lists every review that
    raised the theme with the recommendations and concerns it raised (source is ignored).
    """
    result = ThemeItems(theme, source, state)
    if state == "repeated":
        recs = Recommendation.objects.filter(themes=theme, review__board=board)
        finds = [
            f
            for f in Finding.objects.filter(themes=theme, review__board=board).select_related(
                "review"
            )
            if f.is_concern
        ]
        by_review: dict[int, Review] = {}
        for rec in recs.select_related("review").order_by("kind", "number"):
            review = by_review.setdefault(rec.review_id, rec.review)
            review.raised_recs = [*getattr(review, "raised_recs", []), rec]
        for finding in finds:
            review = by_review.setdefault(finding.review_id, finding.review)
            review.raised_findings = [*getattr(review, "raised_findings", []), finding]
        result.reviews = sorted(by_review.values(), key=lambda r: (r.start_date, r.pk))
        return result
    if source == "outcomes":
        from workplans.models import Outcome  # present whenever outcomes_available()

        qs = Outcome.objects.filter(themes=theme, workplan__board=board).select_related("workplan")
        if state in ("open", "overdue"):
            qs = qs.exclude(current_rag=RAG.COMPLETE)
        if state == "overdue":
            qs = qs.filter(due_date__lt=today)
        result.outcomes = list(qs.order_by("due_date", "pk"))
    elif source == "findings":
        finds = Finding.objects.filter(themes=theme, review__board=board).select_related("review")
        if state == "open":
            finds = finds.exclude(review__status=ReviewStatus.CLOSED)
        items = [f for f in finds.order_by("review__start_date", "position", "pk")]
        result.findings = [f for f in items if f.is_concern or state == "all"]
    else:
        _, kinds = KIND_GROUPS[source]
        qs = _recommendation_flags(
            Recommendation.objects.filter(
                themes=theme, review__board=board, review__kind__in=kinds
            ),
            "pk",
            today,
        ).select_related("review")
        qs = qs.prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("position", "id"))
        )
        recs = list(qs.order_by("review__start_date", "review_id", "kind", "number"))
        if state == "open":
            recs = [
                r
                for r in recs
                if _recommendation_is_open(r.has_action, r.has_open, r.review.status)
            ]
        elif state == "overdue":
            recs = [r for r in recs if r.has_overdue]
        for rec in recs:
            for action in rec.actions.all():
                action.overdue = action.is_overdue(today)
        result.recommendations = recs
    return result


# --- For the quarterly report ----------------------------------------------------------


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
        .filter(_reviews_live_on(board, on))
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
        people = [p.name for p in a.responsible_people.all()]
        responsible = "\n".join(
            [*a.responsible_lines, *(n for n in people if n not in a.responsible_lines)]
        )
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
                responsible=responsible,
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
    """Reviews active at any time in the quarter (started by its end, not closed before its
    start), in three queries: reviews, their actions' status at the quarter's end, and the
    completions dated inside the quarter."""
    start, end = quarter.start, quarter.end
    reviews = list(
        Review.objects.filter(board=board, start_date__lte=end)
        .filter(Q(closed_date__isnull=True) | Q(closed_date__gte=start))
        .annotate(
            recommendation_count=_count(
                Recommendation.objects.filter(review=OuterRef("pk")), "review"
            )
        )
        .order_by("start_date", "pk")
    )
    ids = [r.pk for r in reviews]
    open_by_review: dict[int, int] = defaultdict(int)
    for review_id, rag in (
        _as_of(end)
        .filter(recommendation__review_id__in=ids)
        .values_list("recommendation__review_id", "rag_on")
    ):
        if rag != RAG.COMPLETE:
            open_by_review[review_id] += 1
    completed: dict[int, int] = defaultdict(int)
    for review_id, _action_id in (
        ActionProgress.objects.filter(
            action__recommendation__review_id__in=ids,
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
        result.append(
            ReviewActivity(
                review_id=r.pk,
                title=r.title,
                kind=r.kind,
                kind_label=r.get_kind_display(),
                subject_reference=r.subject_reference,
                lead_reviewer=r.lead_reviewer,
                status=r.status,
                status_label=r.get_status_display(),
                start_date=r.start_date,
                events=tuple(sorted(events)),
                recommendation_count=r.recommendation_count,
                open_actions=open_by_review[r.pk],
                actions_completed_in_quarter=completed[r.pk],
                clocks=tuple(clocks_for(r, end)),
            )
        )
    return result
