"""The thematic view: themes against the sources that raised them, and the items behind
each count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Window

from boards.models import Board
from lscb.vocab import RAG
from reviews.models import (
    CONCERN,
    Action,
    Finding,
    Recommendation,
    Review,
    ReviewKind,
    ReviewStatus,
    is_concern,
)
from reviews.selectors.counts import live_actions, open_actions

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
        has_action=Exists(live_actions(recommendation=rec)),
        has_open=Exists(open_actions(recommendation=rec)),
        has_overdue=Exists(open_actions(recommendation=rec, timescale__lt=today)),
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
        Recommendation.themes.through.objects.filter(
            recommendation__review__board=board, recommendation__withdrawn_at__isnull=True
        ),
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
    finding_tags = Finding.themes.through.objects.filter(
        finding__review__board=board, finding__withdrawn_at__isnull=True
    ).values_list(
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


# Items of each source the page of everything on a theme shows; the rest are a link away,
# on that source's own list, a page at a time.
EVERYTHING_SIZE = 20
PAGE_SIZE = 50
# Reviews a page of those that raised a theme, each listed with everything it raised.
REVIEWS_PER_PAGE = 20
# Every list a theme's items come in: one per column of the themes page, and every kind of
# recommendation together, which the page of everything on a theme links to.
LIST_LABELS = {**SOURCE_LABELS, "recommendations": "Requirements and recommendations"}


@dataclass
class ThemeItems:
    theme: object
    source: str
    state: str
    recommendations: list[Recommendation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    # How many items each list holds in all (outcomes, recommendations, findings), of
    # which the lists above are one page.
    totals: dict[str, int] = field(default_factory=dict)
    # The page shown of a single source's list.
    page: Page | None = None


def _outcomes(board: Board, theme, state: str, today: dt.date) -> QuerySet:
    """The theme's outcomes in `state`, each marked `carried_on` when another outcome of
    the same list took it over (and then stands for both, workplans.impact)."""
    from workplans.models import Outcome  # present whenever outcomes_available()

    qs = Outcome.objects.filter(themes=theme, workplan__board=board)
    if state in ("open", "overdue"):
        qs = qs.exclude(current_rag=RAG.COMPLETE)
    if state == "overdue":
        qs = qs.filter(due_date__lt=today)
    successors = qs.filter(carried_from=OuterRef("pk")).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=today)
    )
    return (
        qs.select_related("workplan")
        .annotate(carried_on=Exists(successors))
        .order_by("due_date", "pk")
    )


def _flag_outcomes(outcomes: list, today: dt.date) -> None:
    """Set `impact_flag` (workplans.impact) on each of one page of outcomes, or None."""
    from workplans.impact import impact_flags

    flags = impact_flags(outcomes, today)
    for o in outcomes:
        o.impact_flag = None if o.carried_on else flags.get(o.pk)


def _findings(board: Board, theme, state: str) -> QuerySet:
    finds = Finding.objects.filter(themes=theme, review__board=board, withdrawn_at__isnull=True)
    if state == "open":
        finds = finds.exclude(review__status=ReviewStatus.CLOSED)
    if state != "all":
        finds = finds.filter(CONCERN)
    return finds.select_related("review").order_by("review__start_date", "position", "pk")


def _recommendations(
    board: Board, theme, kinds: frozenset[str] | None, state: str, today: dt.date
) -> QuerySet:
    """Recommendations on `theme` of reviews of `kinds` (None: every kind) in `state`, with
    their live actions."""
    qs = Recommendation.objects.filter(themes=theme, review__board=board, withdrawn_at__isnull=True)
    if kinds is not None:
        qs = qs.filter(review__kind__in=kinds)
    if state != "all":
        # Only open and overdue lists ask the flags: three subqueries a recommendation.
        qs = _recommendation_flags(qs, "pk", today)
    if state == "open":
        # _recommendation_is_open, as a filter.
        qs = qs.filter(
            Q(has_action=True, has_open=True)
            | Q(has_action=False) & ~Q(review__status=ReviewStatus.CLOSED)
        )
    elif state == "overdue":
        qs = qs.filter(has_overdue=True)
    live = Action.objects.filter(withdrawn_at__isnull=True).order_by("position", "id")
    return (
        qs.select_related("review")
        .prefetch_related(Prefetch("actions", queryset=live))
        .order_by("review__start_date", "review_id", "kind", "number")
    )


def _mark_overdue(recommendations: list[Recommendation], today: dt.date) -> None:
    for rec in recommendations:
        for action in rec.actions.all():
            action.overdue = action.is_overdue(today)


def _page(qs: QuerySet, size: int, number: int | str) -> Page:
    """One page of `qs` (the last for a number past it, the first for anything else), its
    items read."""
    page = Paginator(qs, size).get_page(number)
    page.object_list = list(page.object_list)
    return page


def _first(qs: QuerySet, size: int) -> tuple[list, int]:
    """The first `size` items of `qs` and how many it holds, in one query: the database
    counts them all beside each row (COUNT(*) OVER ()) before it stops at `size`."""
    items = list(qs.annotate(list_total=Window(Count("pk")))[:size])
    return items, items[0].list_total if items else 0


def _repeated(board: Board, theme, page: int | str) -> Page:
    """One page of the reviews that raised `theme`, in the order they started, each with
    the recommendations and concerns it raised (`raised_recs`, `raised_findings`)."""
    recs = Recommendation.objects.filter(
        themes=theme, review__board=board, withdrawn_at__isnull=True
    )
    finds = Finding.objects.filter(
        themes=theme, review__board=board, withdrawn_at__isnull=True
    ).filter(CONCERN)
    reviews = Review.objects.filter(board=board).filter(
        Exists(recs.filter(review=OuterRef("pk"))) | Exists(finds.filter(review=OuterRef("pk")))
    )
    shown = _page(reviews.order_by("start_date", "pk"), REVIEWS_PER_PAGE, page)
    by_id: dict[int, Review] = {}
    for review in shown.object_list:
        review.raised_recs, review.raised_findings = [], []
        by_id[review.pk] = review
    for rec in recs.filter(review_id__in=by_id).order_by("kind", "number"):
        by_id[rec.review_id].raised_recs.append(rec)
    for finding in finds.filter(review_id__in=by_id).order_by("position", "pk"):
        by_id[finding.review_id].raised_findings.append(finding)
    return shown


def theme_items(
    board: Board,
    theme,
    *,
    source: str,
    state: str,
    today: dt.date,
    page: int | str = 1,
    only: str | None = None,
) -> ThemeItems:
    """The items behind one number on the themes page.

    `state` is open, overdue or all for one source (a key of LIST_LABELS), shown `page` by
    page, or for every source when `source` is empty, the first EVERYTHING_SIZE of each
    (findings carry no due date, so none is overdue); `repeated` lists the reviews that
    raised the theme with the recommendations and concerns each raised, a page at a time
    (source is ignored). `only` narrows every source to the workplan's ("outcomes") or
    the reviews' ("reviews"), which the page caches apart.
    """
    result = ThemeItems(theme, source, state)
    if state == "repeated":
        result.page = _repeated(board, theme, page)
        result.reviews = result.page.object_list
        result.totals["reviews"] = result.page.paginator.count
        return result
    lists: dict[str, QuerySet] = {}
    if only not in (None, "outcomes", "reviews"):
        raise ValueError(f"only is outcomes or reviews, not {only!r}")
    outcomes, reviews = only != "reviews", only != "outcomes"
    if outcomes and source in ("", "outcomes") and outcomes_available():
        lists["outcomes"] = _outcomes(board, theme, state, today)
    if reviews and source in ("", "recommendations"):
        lists["recommendations"] = _recommendations(board, theme, None, state, today)
    elif reviews and source in KIND_GROUPS:
        lists["recommendations"] = _recommendations(
            board, theme, KIND_GROUPS[source][1], state, today
        )
    if reviews and (source == "findings" or (source == "" and state != "overdue")):
        lists["findings"] = _findings(board, theme, state)
    for key, qs in lists.items():
        if source:
            result.page = _page(qs, PAGE_SIZE, page)
            items, total = result.page.object_list, result.page.paginator.count
        else:
            items, total = _first(qs, EVERYTHING_SIZE)
        setattr(result, key, items)
        result.totals[key] = total
    if "outcomes" in lists:
        _flag_outcomes(result.outcomes, today)
    _mark_overdue(result.recommendations, today)
    return result
