"""A meeting's agenda packs and minutes as stored PDFs, one row per kind, rendered by a
worker.

Kept apart from reporting.models, which imports this module so Django registers the model.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from lscb.freshness import WatchedManager
from reporting.render_state import ReportStatus as PackStatus


class PackKind(models.TextChoices):
    PUBLIC = "public", "Public agenda pack"
    MEMBERS = "members", "Members' agenda pack"
    PUBLIC_MINUTES = "public_minutes", "Public minutes"
    MEMBERS_MINUTES = "members_minutes", "Members' minutes"

    @property
    def includes_exempt(self) -> bool:
        return self in {PackKind.MEMBERS, PackKind.MEMBERS_MINUTES}

    @property
    def is_minutes(self) -> bool:
        return self in {PackKind.PUBLIC_MINUTES, PackKind.MEMBERS_MINUTES}


class MeetingPack(models.Model):
    """The latest agenda pack of one kind for a meeting: its papers bound behind a cover,
    contents and agenda. Asking again replaces the file once the new one is ready."""

    meeting = models.ForeignKey("boards.Meeting", on_delete=models.CASCADE, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices)
    status = models.CharField(max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED)
    error = models.TextField(blank=True)
    pdf = models.FileField(blank=True, max_length=255)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the file now served was made: kept while a new version is prepared.
    ready_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=255, blank=True)
    # agenda_digest() of what the file shows: a pack whose agenda has changed since is out
    # of date, and a public one is no longer served.
    agenda_digest = models.CharField(max_length=64, blank=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["meeting", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="one_pack_per_kind"),
        ]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.meeting}"

    @property
    def in_progress(self) -> bool:
        return self.status in {PackStatus.QUEUED, PackStatus.RENDERING}

    @property
    def has_file(self) -> bool:
        return bool(self.pdf) and self.ready_at is not None

    def matches(self, meeting, items: Iterable[tuple[object, Iterable[object]]]) -> bool:
        return self.agenda_digest == agenda_digest(meeting, items)

    def download_filename(self) -> str:
        meeting = self.meeting
        what = (
            self.kind.replace("_", "-") if PackKind(self.kind).is_minutes else f"{self.kind}-pack"
        )
        return f"{meeting.board.slug}-meeting-{meeting.date:%Y-%m-%d}-{what}.pdf"

    def storage_name(self) -> str:
        return f"packs/{self.meeting.board.slug}/{self.meeting_id}/{self.download_filename()}"


def agenda_digest(meeting, items: Iterable[tuple[object, Iterable[object]]]) -> str:
    """A fingerprint of what a pack shows of a meeting: its date and place, and each of the
    `items` given as (agenda item, the papers the pack holds of it)."""
    shown = [
        str(meeting.date),
        str(meeting.start_time),
        meeting.venue,
        meeting.video_link,
        [
            [item.pk, item.number, item.title, item.presenter, item.exempt_paragraph]
            + sorted(paper.pk for paper in papers)
            for item, papers in items
        ],
    ]
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def minute_text(item) -> str:
    """What the minutes record under an agenda item; empty when nothing is minuted."""
    try:
        return item.minute.discussion
    except ObjectDoesNotExist:
        return ""


def minute_decisions(item, decisions: dict[int, list] | None = None) -> list[tuple[int, int]]:
    """The decisions recorded under an item, as (id, version) of each action they became,
    leaving out those withdrawn; an action's version moves with every change to what the
    minutes show of it. Reads the minute's actions as prefetched, or from `decisions`
    (minute id to its actions) when given."""
    try:
        minute = item.minute
    except ObjectDoesNotExist:
        return []
    actions = decisions.get(minute.pk, []) if decisions is not None else minute.actions.all()
    return sorted((a.pk, a.version) for a in actions if a.withdrawn_at is None)


def minutes_digest(
    meeting, items: Iterable, *, includes_exempt: bool, decisions: dict[int, list] | None = None
) -> str:
    """A fingerprint of what a minutes PDF shows: each item, and its minute and decisions
    unless the item is exempt and the PDF is the public one, and the version of the
    meeting's attendance and declarations. `items` come
    with their minutes selected and the minutes' actions prefetched (or given as
    `decisions`, minute id to its actions)."""
    shown = [
        meeting.status,
        [
            [item.pk, item.number, item.title, item.exempt_paragraph]
            + (
                [minute_text(item), minute_decisions(item, decisions)]
                if includes_exempt or not item.is_exempt
                else []
            )
            for item in items
        ],
    ]
    if meeting.record_version:
        # Attendance and declarations, which the minutes print (boards.meeting_records);
        # left out while nothing is recorded, so minutes made before it keep their digest.
        shown.append(meeting.record_version)
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def current_digest(kind: PackKind, meeting, items: list) -> str:
    """The digest a pack of this kind made now would have; `items` are the meeting's agenda
    items in order, with their papers and minutes' actions prefetched and their minutes
    selected."""
    if kind.is_minutes:
        return minutes_digest(meeting, items, includes_exempt=kind.includes_exempt)
    shown = [
        (item, [] if item.is_exempt and not kind.includes_exempt else item.papers.all())
        for item in items
    ]
    return agenda_digest(meeting, shown)
