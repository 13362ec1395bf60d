"""The board page's workplan panel: the current plan's RAG chart and what is overdue for update."""

from __future__ import annotations

import datetime as dt

from boards.access import BoardAccess
from boards.models import Board
from lscb.vocab import Quarter
from workplans import selectors
from workplans.charts import chart_context
from workplans.models import Outcome


def workplan_panel(board: Board, access: BoardAccess, today: dt.date | None = None):
    day = today or dt.date.today()
    workplan = selectors.current_workplan(board, day)
    if workplan is None:
        return None
    quarter = Quarter.containing(day)
    outcomes = Outcome.objects.filter(workplan=workplan)
    return (
        "workplans/includes/dashboard_panel.html",
        {
            "workplan": workplan,
            "quarter": quarter,
            "total": outcomes.count(),
            "not_updated": outcomes.filter(selectors.not_updated_in(quarter)).count(),
            **chart_context(workplan, chart_id="board-workplan-chart"),
        },
    )
