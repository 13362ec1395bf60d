"""The board page's panel: the latest quarterly report and where to get it, with the
training figures of the last quarter ended as that quarter's report gives them."""

from __future__ import annotations

import datetime as dt

from boards.access import BoardAccess, Need
from boards.models import Board
from lscb.vocab import Quarter
from reporting.report import training_figures
from reporting.selectors import latest_report
from training import record


def report_panel(
    board: Board, access: BoardAccess, today: dt.date | None = None
) -> tuple[str, dict] | None:
    if not access.can(Need.REPORTS):
        return None
    quarter = Quarter.containing(today or dt.date.today()).previous()
    # The training panel's read, shared. As on that panel: coverage means nothing until
    # there is a needs analysis.
    read = record.for_page(board)
    return "reporting/panel.html", {
        "board": board,
        "report": latest_report(board),
        "quarter": quarter,
        "training": training_figures(board, quarter, detail=False, read=read)
        if read.needs
        else None,
    }
