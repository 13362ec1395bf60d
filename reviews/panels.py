"""The reviews panel on the board page (statutory clocks needing attention, overdue actions),
the actions on a person's "my updates due",
and the action plans waiting for the chair's sign-off."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from boards.access import Need
from lscb.approvals import Awaiting
from reviews.selectors.board_actions import my_open_actions
from reviews.selectors.dashboard import dashboard_summary, plans_to_sign_off


def reviews_panel(board, access, today: dt.date | None = None) -> tuple[str, dict] | None:
    summary = dashboard_summary(board, today or dt.date.today())
    if summary is None:
        return None
    return "reviews/includes/dashboard_panel.html", {"summary": summary, "board": board}


def plans_awaiting_sign_off(board) -> list[Awaiting]:
    return [
        Awaiting(
            kind="Action plan",
            title=review.title,
            url=reverse("reviews:detail", args=[board.slug, review.pk]) + "#action-plan",
            action="sign off",
        )
        for review in plans_to_sign_off(board)
    ]


def my_actions_panel(board, access, user) -> tuple[str, dict]:
    """On "my updates due": the board's open actions that name this person as an owner."""
    return "reviews/includes/my_actions.html", {
        "actions": my_open_actions(user, board),
        "board": board,
        "can_record": access.can(Need.EDIT),
    }
