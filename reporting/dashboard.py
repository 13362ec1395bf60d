"""The board page's panel: the latest quarterly report and where to get it."""

from __future__ import annotations

from boards.access import BoardAccess, Need
from boards.models import Board
from reporting.selectors import latest_report


def report_panel(board: Board, access: BoardAccess) -> tuple[str, dict] | None:
    if not access.can(Need.REPORTS):
        return None
    return "reporting/panel.html", {"board": board, "report": latest_report(board)}
