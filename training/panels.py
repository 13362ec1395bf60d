"""The training panel on the board page: coverage against need and the evaluation figures."""

from __future__ import annotations

import datetime as dt

from boards.access import BoardAccess
from boards.models import Board
from training import record
from training.selectors import figures


def training_panel(
    board: Board, access: BoardAccess, today: dt.date | None = None
) -> tuple[str, dict] | None:
    """Nothing until the board has a needs analysis: coverage means nothing without one."""
    read = record.for_page(board)
    if not read.needs:
        return None
    return "training/includes/dashboard_panel.html", {
        "board": board,
        "figures": figures(board, today or dt.date.today(), detail=False, read=read),
    }
