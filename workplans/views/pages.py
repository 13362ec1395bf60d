"""Read pages: the board's workplans, one workplan's table, one outcome, my updates due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString

from boards.access import Need
from lscb.dashboard import panel_slots
from lscb.vocab import Quarter
from workplans import selectors
from workplans.access import (
    can_author_outcome,
    can_author_plan,
    can_record_progress,
    get_board,
    get_outcome_for_user,
    get_workplan_for_user,
    mark_recordable,
    progress_rights_key,
)
from workplans.charts import chart_context
from workplans.filters import OutcomeFilter, filter_key
from workplans.outcome_panels import outcome_panels
from workplans.tables import outcome_rows


@dataclass(frozen=True)
class OutcomeTable:
    filter: OutcomeFilter
    outcomes: list
    rows: SafeString  # the outcomes' <tr>s (workplans.tables)


@dataclass(frozen=True)
class Arrangement:
    live: list  # in plan order; each with `can_author` when the viewer may author the plan
    retired: list


@dataclass(frozen=True)
class MyUpdatesDue:
    workplan: object
    quarter: Quarter
    outcomes: list


@login_required
def workplan_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug)
    return render(
        request,
        "workplans/workplan_list.html",
        {
            "board": board,
            "access": access,
            "nav": "workplans",
            "workplans": selectors.workplans_for_board(board),
            "can_import": access.can(Need.EDIT),
            "can_start": access.can(Need.EDIT),
        },
    )


@login_required
def workplan_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    workplan, access = get_workplan_for_user(request.user, board_slug, pk)
    today = dt.date.today()
    # One filter for both parts that use it: the form (cached until what the plan says
    # changes) and the table it filters (cached until any workplan write, progress too).
    outcome_filter = SimpleLazyObject(
        lambda: OutcomeFilter(
            request.GET or None,
            queryset=selectors.outcomes_for_table(workplan),
            workplan=workplan,
            today=today,
        )
    )

    def table() -> OutcomeTable:
        # Retired outcomes stay in the history but leave the plan's table and chart.
        live = [o for o in outcome_filter.qs if o.retired_on is None]
        outcomes = selectors.with_links(workplan, live)
        mark_recordable(request.user, access, workplan, outcomes)
        return OutcomeTable(outcome_filter, outcomes, outcome_rows(workplan.board, outcomes))

    known_filters = filter_key(request.GET)

    def rag_chart() -> dict:
        # Unfiltered, the table holds every outcome with its lead subgroups, so the chart
        # counts those instead of asking the database again. The chart's part is shared by
        # every filter, so with any known parameter (a filter, or only a sort) it asks.
        if known_filters:
            return chart_context(workplan)
        return chart_context(workplan, rows=selectors.rag_counts_of(table_data.outcomes))

    table_data = SimpleLazyObject(table)
    can_author = can_author_plan(access)

    def arrangement() -> Arrangement:
        board_wide = access.can(Need.EDIT)
        live, retired = selectors.outcomes_to_arrange(
            workplan, subgroup_ids=can_author and not board_wide
        )
        for outcome in live:
            outcome.can_author = can_author and (
                board_wide or access.can_edit_for(outcome.lead_subgroup_ids)
            )
        return Arrangement(live, retired)

    # Everything below is lazy: the page's parts are cached (lscb.fragments), and a hit
    # runs none of these queries.
    return render(
        request,
        "workplans/workplan_detail.html",
        {
            "board": workplan.board,
            "access": access,
            "nav": "workplans",
            "workplan": workplan,
            "priorities": SimpleLazyObject(lambda: list(workplan.priorities.all())),
            "outcome_filter": outcome_filter,
            "table": table_data,
            "filter_key": known_filters,
            "rights_key": progress_rights_key(request.user, access),
            "quarter": Quarter.containing(today),
            "can_edit": access.can(Need.EDIT),
            "can_approve": access.can(Need.APPROVE) and not workplan.is_approved,
            "can_author": can_author,
            "rag_chart": SimpleLazyObject(rag_chart),
            "arrangement": SimpleLazyObject(arrangement),
        },
    )


@login_required
def outcome_detail(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    outcome, access = get_outcome_for_user(request.user, board_slug, pk, prefetch=False)
    # First: for anyone but a board-wide editor it reads the lead subgroups, which the
    # authoring check then reuses.
    can_record = can_record_progress(request.user, access, outcome)
    return render(
        request,
        "workplans/outcome_detail.html",
        {
            "board": outcome.workplan.board,
            "access": access,
            "nav": "workplans",
            "outcome": outcome,
            "workplan": outcome.workplan,
            "timeline": SimpleLazyObject(lambda: selectors.outcome_timeline(outcome)),
            "history": SimpleLazyObject(lambda: selectors.outcome_history(outcome)),
            "carried_into": SimpleLazyObject(lambda: selectors.carried_into(outcome)),
            "panels": SimpleLazyObject(lambda: outcome_panels(outcome, access)),
            "rights_key": progress_rights_key(request.user, access),
            "can_record": can_record and not outcome.is_retired,
            "can_author": can_author_outcome(access, outcome) and not outcome.is_retired,
        },
    )


@login_required
def my_updates(request: HttpRequest, board_slug: str) -> HttpResponse:
    board, access = get_board(request.user, board_slug)
    # Lazy: the list is cached per login (lscb.fragments); a hit runs no query for it.
    due = SimpleLazyObject(
        lambda: MyUpdatesDue(*selectors.my_outcomes_due(request.user, board, access))
    )
    return render(
        request,
        "workplans/my_updates.html",
        {
            "board": board,
            "access": access,
            "nav": "my_updates",
            "due": due,
            "rights_key": progress_rights_key(request.user, access),
            "board_wide": access.can(Need.EDIT),
            "panels": panel_slots(board, access, page="my_updates", user=request.user),
        },
    )
