"""The board's activity log: every recorded change to its plans, reviews, reports and people.

One place to see who changed what, read from the audit trail that every service writes
(`lscb.audit.record`). Sign-ins are not board activity and carry no board, so they never
appear here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from boards.models import Board
from lscb.models import AuditEvent
from lscb.vocab import RAG

PAGE_SIZE = 50
_RAG_LABELS = dict(RAG.choices)
# The apps whose objects belong to a board; their models are the kinds of object a change
# can be about.
BOARD_APPS = ("boards", "workplans", "reviews", "reporting")


@cache
def kind_choices() -> tuple[tuple[str, str], ...]:
    """(object type, label) for every model of the board's apps, by label."""
    kinds = {
        model._meta.label_lower: str(model._meta.verbose_name_plural).capitalize()
        for label in BOARD_APPS
        for model in apps.get_app_config(label).get_models()
    }
    return tuple(sorted(kinds.items(), key=lambda item: item[1]))


def kind_label(object_type: str) -> str:
    labels = dict(kind_choices())
    if object_type in labels:
        # Singular for one row of the log: "Outcome", not "Outcomes".
        model = apps.get_model(object_type)
        return str(model._meta.verbose_name).capitalize()
    return object_type or "Board"


@dataclass(frozen=True)
class ActivityFilters:
    actor_id: int | None = None
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def board_activity(board: Board, filters: ActivityFilters) -> QuerySet[AuditEvent]:
    """The board's audit events matching `filters`, newest first, with who made them."""
    events = AuditEvent.objects.filter(board=board)
    if filters.actor_id:
        events = events.filter(actor_id=filters.actor_id)
    if filters.kind:
        events = events.filter(object_type=filters.kind)
    if filters.since:
        events = events.filter(at__gte=_day_start(filters.since))
    if filters.until:
        events = events.filter(at__lt=_day_start(filters.until + dt.timedelta(days=1)))
    return events.select_related("actor").order_by("-at", "-id")


def latest_event_id(board: Board) -> int:
    """The id of the board's newest event, 0 before the first: the activity list changes
    when it does, even for an event no other write of the board went with (a partner
    opening a secure link)."""
    newest = AuditEvent.objects.filter(board=board).order_by("-at", "-id").values("id").first()
    return newest["id"] if newest else 0


def activity_people(board: Board) -> list:
    """Everyone who has changed something on the board, by name: the person filter's choices."""
    actor_ids = AuditEvent.objects.filter(board=board, actor__isnull=False).values("actor_id")
    return list(
        get_user_model().objects.filter(pk__in=actor_ids).order_by("first_name", "username")
    )


def person_label(user) -> str:
    if user is None:
        return "The system"
    return user.get_full_name() or user.get_username()


def who_did(event: AuditEvent) -> str:
    """The person, or for a partner's use of a secure link the address it was sent to."""
    if event.actor is None and event.action == "link.used" and "sent_to" in event.changes:
        return f"{event.changes['sent_to']} (by secure link)"
    return person_label(event.actor)


def _shown(field: str, value) -> str:
    if value in ("", None):
        return "(blank)"
    if field == "rag":
        return _RAG_LABELS.get(value, str(value))
    return str(value)


def change_lines(changes: dict) -> list[str]:
    """What an event changed, one line per field: "title: old → new" for edits."""
    lines = []
    for field, value in (changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            lines.append(f"{field}: {_shown(field, before)} → {_shown(field, after)}")
        else:
            lines.append(f"{field}: {_shown(field, value)}")
    return lines


CSV_HEADERS = ("When", "Who", "What", "Kind of object", "Object", "Summary", "Changes")


def csv_rows(events: QuerySet[AuditEvent]) -> Iterator[list[object]]:
    """The events as CSV rows, read in chunks so a long history does not fill memory."""
    for event in events.iterator(chunk_size=2000):
        yield [
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
            who_did(event),
            event.action,
            kind_label(event.object_type),
            event.object_id,
            event.summary,
            json.dumps(event.changes, ensure_ascii=False, default=str) if event.changes else "",
        ]


@dataclass(frozen=True)
class ActivityRow:
    at: dt.datetime
    who: str
    kind: str
    summary: str
    changes: list[str]


def activity_rows(events) -> list[ActivityRow]:
    return [
        ActivityRow(
            at=event.at,
            who=who_did(event),
            kind=kind_label(event.object_type),
            summary=event.summary,
            changes=change_lines(event.changes),
        )
        for event in events
    ]
