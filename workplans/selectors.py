"""Reads for workplan pages, the board dashboard and the quarterly report.

Every function here issues a fixed number of queries however many outcomes a workplan has.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import Exact, GreaterThanOrEqual

from boards.access import BoardAccess, Need
from boards.models import Board
from lscb import audit
from lscb.progress import LATEST_FIRST
from lscb.vocab import RAG, RAG_ORDER, Impact, Quarter
from workplans.impact import impact_flags
from workplans.models import Outcome, ProgressUpdate, Workplan

NO_SUBGROUP = "No lead subgroup"


def workplans_for_board(board: Board) -> list[Workplan]:
    return list(
        Workplan.objects.filter(board=board)
        .select_related("approved_by")
        .annotate(outcome_count=Count("outcomes", filter=Q(outcomes__retired_on__isnull=True)))
        .order_by("-start", "-id")
    )


def draft_workplans(board: Board) -> QuerySet[Workplan]:
    """Workplans still waiting for the chair's approval, newest period first."""
    return Workplan.objects.filter(board=board, status=Workplan.Status.DRAFT).order_by("-start")


def current_workplan(
    board: Board, today: dt.date | None = None, *, counts_for: Quarter | None = None
) -> Workplan | None:
    """The workplan covering `today`, else the latest that started before it.

    An approved plan wins over a draft covering the same day. With `counts_for`, the plan
    also carries `outcome_total` and `not_updated` (its outcomes not updated in that
    quarter, see not_updated_in), counted in the same query.
    """
    day = today or dt.date.today()
    covering = GreaterThanOrEqual(F("end"), day)
    approved = Exact(F("status"), Workplan.Status.APPROVED)
    covering_and_approved = ExpressionWrapper(Q(covering, approved), output_field=BooleanField())
    # One query whichever case applies, so pages run the same queries for every board:
    # plans covering the day come first (approved, then latest), then the latest earlier one.
    # Conditions sort true first with desc(): plain lookups cost the query's compilation
    # about a quarter fewer function calls than Case/When did. No select_related: no
    # caller shows who approved the plan.
    plans = Workplan.objects.filter(board=board, start__lte=day)
    if counts_for is not None:
        plans = plans.annotate(
            outcome_total=Count("outcomes", filter=live_in(counts_for, "outcomes__")),
            not_updated=Count("outcomes", filter=not_updated_in(counts_for, "outcomes__")),
        )
    return plans.order_by(
        covering.desc(), covering_and_approved.desc(), "-start", approved.desc(), "-id"
    ).first()


def outcomes_for_table(workplan: Workplan) -> QuerySet[Outcome]:
    """The workplan's outcomes in plan order; one query. Tables also need with_links."""
    return Outcome.objects.filter(workplan=workplan).order_by("order", "id")


def rag_rank() -> Case:
    """An outcome's RAG status as a number, not started first, for sorting by status."""
    return Case(
        *[When(current_rag=rag, then=Value(i)) for i, rag in enumerate(RAG_ORDER)],
        default=Value(-1),
        output_field=IntegerField(),
    )


def with_links(
    workplan: Workplan, outcomes: list[Outcome], *, leads: bool = False
) -> list[Outcome]:
    """Gives each outcome the names of its lead subgroups and themes, and with leads=True of
    its named leads; a query each, none for no outcomes.

    Sets `lead_subgroup_names`, `lead_subgroup_ids` (for access.mark_recordable),
    `theme_names` and `lead_names`, each in the linked model's own order. Plain values from
    the link tables: prefetch_related built a related manager, a queryset and model
    instances per outcome per relation, more than the whole rest of the table's reads. The
    links of all the workplan's outcomes are read, so filters add no query.
    """
    if not outcomes:
        return outcomes
    by_id = {o.pk: o for o in outcomes}
    for o in outcomes:
        o.lead_subgroup_names, o.lead_subgroup_ids = [], set()
        o.theme_names, o.lead_names = [], []
    # Ordering by the linked row orders by its model's Meta.ordering, as a prefetch would.
    subgroups = _links(
        Outcome.lead_subgroups, workplan, "subgroup", "subgroup_id", "subgroup__name"
    )
    for outcome_id, subgroup_id, name in subgroups:
        if o := by_id.get(outcome_id):
            o.lead_subgroup_names.append(name)
            o.lead_subgroup_ids.add(subgroup_id)
    for outcome_id, name in _links(Outcome.themes, workplan, "theme", "theme__name"):
        if o := by_id.get(outcome_id):
            o.theme_names.append(name)
    if leads:
        for outcome_id, name in _links(Outcome.leads, workplan, "person", "person__name"):
            if o := by_id.get(outcome_id):
                o.lead_names.append(name)
    return outcomes


def outcomes_led_by(user, workplan: Workplan) -> set[int]:
    """Ids of the workplan's outcomes that name this login as a lead; one query."""
    return set(
        Outcome.leads.through.objects.filter(
            outcome__workplan=workplan, person__user=user
        ).values_list("outcome_id", flat=True)
    )


def _links(relation, workplan: Workplan, target: str, *fields: str) -> QuerySet:
    """(outcome id, *fields) for each row of a many-to-many link table of the workplan."""
    return (
        relation.through.objects.filter(outcome__workplan=workplan)
        .order_by(target)
        .values_list("outcome_id", *fields)
    )


def live_in(quarter: Quarter, prefix: str = "") -> Q:
    """Outcomes not retired before `quarter` began: those it counts and reports on."""
    return Q(**{f"{prefix}retired_on__isnull": True}) | Q(
        **{f"{prefix}retired_on__gte": quarter.start}
    )


def not_updated_in(quarter: Quarter, prefix: str = "") -> Q:
    """Outcomes with no update dated in `quarter` or later (complete ones, and ones retired
    by the quarter's end, are never due); `prefix` is the path to the outcome from another
    model, e.g. "outcomes__"."""
    date = f"{prefix}last_update_date"
    retired = f"{prefix}retired_on"
    return (
        (Q(**{f"{date}__isnull": True}) | Q(**{f"{date}__lt": quarter.start}))
        & ~Q(**{f"{prefix}current_rag": RAG.COMPLETE})
        & (Q(**{f"{retired}__isnull": True}) | Q(**{f"{retired}__gt": quarter.end}))
    )


def _rag_as_of(as_of: dt.date, field: str, *, rated: bool = False) -> Subquery:
    """A field of the latest update on or before `as_of`; rated=True: of the latest that
    rated impact (see lscb.progress.current_status)."""
    latest = ProgressUpdate.objects.filter(outcome=OuterRef("pk"), date__lte=as_of).order_by(
        *LATEST_FIRST
    )
    if rated:
        latest = latest.exclude(impact="")
    return Subquery(latest.values(field)[:1])


def rag_counts_by_subgroup(
    workplan: Workplan, as_of: dt.date | None = None
) -> list[tuple[str, dict[str, int]]]:
    """RAG counts per lead subgroup for `lscb.charts.rag_bar_chart`; one query.

    An outcome led by two subgroups counts in both rows. An outcome with no update yet
    (or none on or before `as_of`) counts as not started.
    """
    qs = Outcome.objects.filter(workplan=workplan)
    if as_of is not None:
        qs = qs.filter(live_in(Quarter.containing(as_of)))
        qs = qs.annotate(rag_value=_rag_as_of(as_of, "rag"))
        rag_field = "rag_value"
    else:
        qs = qs.filter(retired_on__isnull=True)
        rag_field = "current_rag"
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # No ordering: the rows are summed and sorted here, and Outcome's default ordering,
    # though left out of a grouped query's SQL, costs half the query's Python to drop.
    for name, rag, n in (
        qs.values_list("lead_subgroups__name", rag_field).annotate(n=Count("id")).order_by()
    ):
        counts[name or NO_SUBGROUP][rag or RAG.NOT_STARTED] += n
    return _chart_rows(counts)


def rag_counts_of(outcomes: list[Outcome]) -> list[tuple[str, dict[str, int]]]:
    """rag_counts_by_subgroup of the current status, from outcomes already read with
    with_links; no query. They must be all the workplan's outcomes, not a filtered few;
    retired ones are left out."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for outcome in outcomes:
        if outcome.retired_on is not None:
            continue
        rag = outcome.current_rag or RAG.NOT_STARTED
        for name in set(outcome.lead_subgroup_names) or {NO_SUBGROUP}:
            counts[name][rag] += 1
    return _chart_rows(counts)


def _chart_rows(counts: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
    """Subgroups by name, outcomes without a lead subgroup last."""
    names = sorted(n for n in counts if n != NO_SUBGROUP)
    if NO_SUBGROUP in counts:
        names.append(NO_SUBGROUP)
    return [(name, {str(k): v for k, v in counts[name].items()}) for name in names]


@dataclass(frozen=True)
class TimelineEntry:
    update: ProgressUpdate
    previous_rag: str  # the RAG of the update before this one by date; '' for the first


def outcome_timeline(outcome: Outcome) -> list[TimelineEntry]:
    """The outcome's updates, newest first, each with the RAG it changed from; one query."""
    updates = list(
        outcome.updates.select_related("author", "author__person", "reported_via").order_by(
            "date", "created_at", "id"
        )
    )
    entries = []
    previous = ""
    for update in updates:
        entries.append(TimelineEntry(update, previous))
        previous = update.rag
    return entries[::-1]


def carried_into(outcome: Outcome) -> list[Outcome]:
    """The later years' outcomes that continue this one, with their plans; one query."""
    return list(outcome.carried_into.select_related("workplan").order_by("workplan__start"))


def outcome_history(outcome: Outcome) -> list:
    """Who changed what on this outcome, newest first; one query."""
    return list(audit.history_for(outcome)[:200])


def my_outcomes_due(
    user, board: Board, access: BoardAccess, today: dt.date | None = None
) -> tuple[Workplan | None, Quarter, list[Outcome]]:
    """Outcomes of the current workplan this user answers for that have no update this quarter.

    A board-wide officer or chair answers for every outcome; otherwise the user answers for
    outcomes they are a named lead of and outcomes led by subgroups where they are an officer.
    """
    day = today or dt.date.today()
    quarter = Quarter.containing(day)
    workplan = current_workplan(board, day)
    if workplan is None:
        return None, quarter, []
    qs = outcomes_for_table(workplan).filter(not_updated_in(quarter))
    if not access.can(Need.EDIT):
        mine = Q(leads__user=user) if user.is_authenticated else Q(pk__in=[])
        if access.officer_subgroup_ids:
            mine |= Q(lead_subgroups__in=access.officer_subgroup_ids)
        qs = qs.filter(pk__in=Outcome.objects.filter(mine).values("pk"))
    return workplan, quarter, with_links(workplan, list(qs))


@dataclass(frozen=True)
class AppendixRow:
    """One outcome as the quarterly report's workplan appendix prints it."""

    outcome_id: int
    order: int
    title: str
    how: str
    who: str
    lead_subgroups: tuple[str, ...]
    rag: str  # '' when there was no update on or before the quarter end
    narrative: str
    update_date: dt.date | None
    retired_on: dt.date | None = None  # set when it was retired during or after the quarter
    retired_reason: str = ""
    impact: str = ""  # the latest impact rating on or before the quarter end, if any
    impact_narrative: str = ""
    impact_flag: object = None  # workplans.impact.ImpactFlag when flagged at the quarter end

    @property
    def rag_label(self) -> str:
        return RAG(self.rag).label if self.rag else "No update"

    @property
    def impact_label(self) -> str:
        return Impact(self.impact).label if self.impact else "Not rated"


def report_appendix(board: Board, quarter: Quarter) -> tuple[Workplan | None, list[AppendixRow]]:
    """The workplan covering the quarter's end and each outcome's status as it stood then.

    Updates dated after the quarter end are ignored, so a report re-run later still says
    what was true at the time; an outcome retired before the quarter began is left out.
    Four queries: workplan, outcomes, lead subgroups, impact ratings (for the flag).
    """
    workplan = current_workplan(board, quarter.end)
    if workplan is None:
        return None, []
    outcomes = list(
        Outcome.objects.filter(live_in(quarter), workplan=workplan)
        .prefetch_related("lead_subgroups")
        .annotate(
            rag_then=_rag_as_of(quarter.end, "rag"),
            narrative_then=_rag_as_of(quarter.end, "narrative"),
            date_then=_rag_as_of(quarter.end, "date"),
            impact_then=_rag_as_of(quarter.end, "impact", rated=True),
            impact_narrative_then=_rag_as_of(quarter.end, "impact_narrative", rated=True),
        )
        .order_by("order", "id")
    )
    flags = impact_flags(outcomes, quarter.end)
    rows = []
    for o in outcomes:
        subgroups = tuple(sorted(s.name for s in o.lead_subgroups.all()))
        rows.append(
            AppendixRow(
                outcome_id=o.pk,
                order=o.order,
                title=o.title,
                how=o.how,
                who=o.who or "\n".join(subgroups),
                lead_subgroups=subgroups,
                rag=o.rag_then or "",
                narrative=o.narrative_then or "",
                update_date=o.date_then,
                retired_on=o.retired_on,
                retired_reason=o.retired_reason,
                impact=o.impact_then or "",
                impact_narrative=o.impact_narrative_then or "",
                impact_flag=flags.get(o.pk),
            )
        )
    return workplan, rows


def plan_before(board: Board, start: dt.date) -> Workplan | None:
    """The plan a year starting on `start` carries forward from: the latest that began
    before it, approved first; one query."""
    approved = Exact(F("status"), Workplan.Status.APPROVED)
    return (
        Workplan.objects.filter(board=board, start__lt=start)
        .order_by("-start", approved.desc(), "-id")
        .first()
    )


def carry_forward_candidates(workplan: Workplan) -> list[Outcome]:
    """The plan's outcomes that may be carried into the next year: neither complete nor
    retired, in plan order, with their lead subgroups' names; three queries."""
    outcomes = list(
        outcomes_for_table(workplan)
        .filter(retired_on__isnull=True)
        .exclude(current_rag=RAG.COMPLETE)
    )
    return with_links(workplan, outcomes)


def outcomes_to_arrange(
    workplan: Workplan, *, subgroup_ids: bool = False
) -> tuple[list[Outcome], list[Outcome]]:
    """(live outcomes in plan order, retired outcomes) for the plan page's "Arrange" and
    "Retired outcomes" sections; one query, and with subgroup_ids=True a second that sets
    `lead_subgroup_ids` on each (for officers of a subgroup, see access.can_edit_for)."""
    outcomes = list(
        outcomes_for_table(workplan).only(
            "id", "workplan_id", "order", "title", "retired_on", "retired_reason"
        )
    )
    if subgroup_ids and outcomes:
        by_id = {o.pk: o for o in outcomes}
        for o in outcomes:
            o.lead_subgroup_ids = set()
        links = Outcome.lead_subgroups.through.objects.filter(outcome__workplan=workplan)
        for outcome_id, subgroup_id in links.values_list("outcome_id", "subgroup_id"):
            if o := by_id.get(outcome_id):
                o.lead_subgroup_ids.add(subgroup_id)
    live = [o for o in outcomes if o.retired_on is None]
    return live, [o for o in outcomes if o.retired_on is not None]


def years_to_start(board: Board, today: dt.date | None = None) -> list[int]:
    """The financial years (by the year they start in) the board has no workplan for, newest
    first: from its first plan's year, or last year, up to next year; one query."""
    this_year = Quarter.containing(today or dt.date.today()).year
    periods = list(Workplan.objects.filter(board=board).values_list("start", "end"))
    first = min([Quarter.containing(start).year for start, _ in periods] + [this_year - 1])

    def taken(year: int) -> bool:
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        return any(s <= end and e >= start for s, e in periods)

    return [y for y in range(this_year + 1, first - 1, -1) if not taken(y)]


def outcomes_chosen(board: Board, ids: list[int]) -> list[Outcome]:
    """The board's outcomes with these ids, with their plans, in plan order; one query."""
    return list(
        Outcome.objects.filter(workplan__board=board, pk__in=ids)
        .select_related("workplan")
        .order_by("workplan__start", "order", "id")
    )


@dataclass(frozen=True)
class ApprovalSummary:
    """What the chair is asked to approve: the plan's live outcomes, and how many of them
    still lack a lead subgroup, a named lead or a due date."""

    outcomes: int
    without_lead_subgroup: int
    without_named_lead: int
    without_due_date: int
    carried_forward: int


def approval_summary(workplan: Workplan) -> ApprovalSummary:
    """The counts the approval page shows; one query."""

    def linked(relation) -> Exists:
        return Exists(relation.through.objects.filter(outcome_id=OuterRef("pk")))

    counts = (
        Outcome.objects.filter(workplan=workplan, retired_on__isnull=True)
        .order_by()
        .aggregate(
            outcomes=Count("pk"),
            without_lead_subgroup=Count("pk", filter=~linked(Outcome.lead_subgroups)),
            without_named_lead=Count("pk", filter=~linked(Outcome.leads)),
            without_due_date=Count("pk", filter=Q(due_date__isnull=True)),
            carried_forward=Count("pk", filter=Q(carried_from__isnull=False)),
        )
    )
    return ApprovalSummary(**counts)
