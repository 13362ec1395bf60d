"""The reviews panel on the board page: statutory clocks needing attention, overdue actions."""

from __future__ import annotations

import datetime as dt

from reviews.selectors.dashboard import dashboard_summary


def reviews_panel(board, access, today: dt.date | None = None) -> tuple[str, dict] | None:
    summary = dashboard_summary(board, today or dt.date.today())
    if summary is None:
        return None
    return "reviews/includes/dashboard_panel.html", {"summary": summary, "board": board}
