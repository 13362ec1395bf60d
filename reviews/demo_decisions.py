"""The demo's decisions taken at this year's board meetings.

Part of reviews' demo loader (reviews/demo.py): a decision is an action of the board, so it
is written by reviews' service once boards' demo has held the meetings and minuted them.
The earlier meeting's minutes are left for the chair to approve, as the next meeting has
been held."""

from __future__ import annotations

from boards.meeting_models import Meeting
from boards.models import Board, Person
from lscb import demo_files
from reviews.models import Action
from reviews.services.minute_actions import minute_action_create


def load_decisions(board: Board, officer, decisions: list[dict]) -> None:
    if Action.objects.filter(board=board, minute__isnull=False).exists():
        return
    for decision in decisions:
        meeting = Meeting.objects.get(board=board, subgroup__isnull=True, date=decision["meeting"])
        since = demo_files.audit_mark()
        minute_action_create(
            item=meeting.items.get(number=decision["item"]),
            what=decision["what"],
            owner=Person.objects.get(name=decision["owner"]),
            due=decision["due"],
            by=officer,
        )
        demo_files.backdate(meeting.date, since=since)
