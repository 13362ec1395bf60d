"""The board page's workplan panel: the current plan's RAG chart and what is overdue for update."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

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
    counts = Outcome.objects.filter(workplan=workplan).aggregate(
        total=Count("pk"), not_updated=Count("pk", filter=selectors.not_updated_in(quarter))
    )
    return (
        "workplans/includes/dashboard_panel.html",
        {
            "workplan": workplan,
            "quarter": quarter,
            "total": counts["total"],
            "not_updated": counts["not_updated"],
            **chart_context(workplan, chart_id="board-workplan-chart"),
        },
    )
