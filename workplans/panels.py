"""The board page's workplan panel (the current plan's delivery chart, what is overdue for
update and the outcomes flagged for impact) and the drafts waiting for the chair's approval."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from boards.access import BoardAccess
from boards.models import Board
from lscb.approvals import Awaiting
from lscb.vocab import Quarter
from workplans import selectors
from workplans.charts import chart_context
from workplans.impact import plan_impact_flags


def workplan_panel(board: Board, access: BoardAccess, today: dt.date | None = None):
    day = today or dt.date.today()
    quarter = Quarter.containing(day)
    workplan = selectors.current_workplan(board, day, counts_for=quarter)
    if workplan is None:
        return None
    return (
        "workplans/includes/dashboard_panel.html",
        {
            "workplan": workplan,
            "quarter": quarter,
            "total": workplan.outcome_total,
            "not_updated": workplan.not_updated,
            "impact_flags": plan_impact_flags(workplan, day),
            **chart_context(workplan, chart_id="board-workplan-chart"),
        },
    )


def drafts_awaiting_approval(board: Board) -> list[Awaiting]:
    """The board's draft workplans, newest first: the chair approves each on its page."""
    return [
        Awaiting(
            kind="Draft workplan",
            title=f"{plan.title} ({plan.period_label})",
            url=reverse("workplans:detail", args=[board.slug, plan.pk]),
            action="approve",
        )
        for plan in selectors.draft_workplans(board)
    ]
