"""Meetings of a board, subgroup or panel: the agenda and its papers, who attended, and the
interests members declared.

Kept apart from boards.models, which imports this module so Django registers the models.
Other boards models are named by label ("boards.Person") so this module imports none of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from lscb import limits
from lscb.freshness import WatchedManager
from lscb.progress import evidence_path
from lscb.sign_off import Reopening, SignedOff


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"


class ExemptParagraph(models.IntegerChoices):
    """Schedule 12A to the Local Government Act 1972, Part 1: why an item is taken in private."""

    INDIVIDUAL = 1, "1. Information relating to any individual"
    IDENTITY = 2, "2. Information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3. Financial or business affairs of any person, including the authority"
    LABOUR = 4, "4. Consultations or negotiations on labour relations"
    LEGAL = 5, "5. Information subject to legal professional privilege"
    NOTICES = 6, "6. Notices, orders or directions the authority proposes to give or make"
    CRIME = 7, "7. Prevention, investigation or prosecution of crime"


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    SUBSTITUTE = "substitute", "Substitute for a member"


# Standing orders usually ask for five clear days between publishing an agenda and the meeting.
CLEAR_DAYS = 5


class Meeting(SignedOff):
    """A meeting of a board or subgroup, with its agenda, attendance and whether it was
    quorate. Its sign-off is the chair's approval of its minutes, which locks them."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="meetings")
    subgroup = models.ForeignKey(
        "boards.Subgroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField("Place", max_length=limits.NAME, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda_published_on = models.DateField(null=True, blank=True, editable=False)
    late_reason = models.TextField(blank=True, editable=False, **limits.model_limit(limits.NOTES))
    quorum_met = models.BooleanField(null=True, editable=False)
    # Moves on with every change to the meeting's attendance or declarations of interest
    # (boards.meeting_records), so a minutes PDF made before one shows as out of date.
    record_version = models.PositiveIntegerField(default=0, editable=False)

    objects = WatchedManager()

    class Meta:
        ordering = ["-date", "-start_time"]

    def __str__(self) -> str:
        return f"{self.subgroup or self.board} on {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("boards:meeting", args=[self.board.slug, self.pk])

    @property
    def body_name(self) -> str:
        return self.subgroup.name if self.subgroup_id else self.board.name

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status in {MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED}


def publish_deadline(meeting_date: dt.date) -> dt.date:
    """The last day an agenda can go out with CLEAR_DAYS clear days before the meeting: the
    day of publication and the day of the meeting do not count."""
    return meeting_date - dt.timedelta(days=CLEAR_DAYS + 1)


class AgendaItem(models.Model):
    """One numbered item of business on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=limits.TITLE)
    presenter = models.CharField(max_length=limits.NAME, blank=True)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=ExemptParagraph.choices,
        help_text="Set when the item is taken in private, with the paragraph of Schedule 12A.",
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["meeting", "number", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_exempt(self) -> bool:
        return self.exempt_paragraph is not None


class Minute(models.Model):
    """What the minutes record of the discussion under one agenda item. A meeting's minutes
    are its items' minutes in the agenda's order; the decisions taken under an item are
    the actions that name this minute as their source."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    discussion = models.TextField(blank=True, **limits.model_limit(limits.REPORT_NARRATIVE))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["item__meeting", "item__number", "item_id"]

    def __str__(self) -> str:
        return f"Minute of item {self.item}"

    def get_absolute_url(self) -> str:
        meeting = self.item.meeting
        return f"{meeting.get_absolute_url()}#minute-{self.item_id}"


class MinutesReopening(Reopening):
    """The chair reopening approved minutes so they can be corrected."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reopenings")

    objects = WatchedManager()

    class Meta(Reopening.Meta):
        pass

    def __str__(self) -> str:
        return f"Reopened the minutes of {self.meeting} on {self.at:%-d %B %Y}"


def paper_path(instance: models.Model, filename: str) -> str:
    return evidence_path(instance, filename).replace("evidence/", "papers/", 1)


class AgendaPaper(models.Model):
    """A paper circulated with an agenda item, kept through Django's storage."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    file = models.FileField(upload_to=paper_path, max_length=255)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["item", "added_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return PurePath(self.file.name).name

    @property
    def evidence(self):
        """The stored file, under the name lscb.progress.evidence_response serves it by."""
        return self.file


class Attendance(models.Model):
    """Whether one person came to a meeting, sent apologies, stayed away, or came in a
    member's place."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("boards.Person", on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=12, choices=AttendanceKind.choices)
    substitute_for = models.ForeignKey(
        "boards.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_at",
        help_text="The member this person attends in place of.",
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
            models.CheckConstraint(
                condition=Q(kind="substitute", substitute_for__isnull=False)
                | (~Q(kind="substitute") & Q(substitute_for__isnull=True)),
                name="attendance_substitute_names_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}: {self.get_kind_display()}"

    @property
    def attended(self) -> bool:
        return self.kind in {AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE}


class Declaration(models.Model):
    """An interest a member declared at a meeting, in an item or in the business generally."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(
        "boards.Person", on_delete=models.PROTECT, related_name="declarations"
    )
    item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
    )
    interest = models.TextField(**limits.model_limit(limits.NOTES))

    objects = WatchedManager()

    class Meta:
        ordering = ["meeting", "person__name", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:60]}"


class SupersededQuorum(models.Model):
    """A quorum a constitution set before it was changed, and the last day it applied, so a
    meeting is judged by the rules in force on its date."""

    constitution = models.ForeignKey(
        "boards.Constitution", on_delete=models.CASCADE, related_name="past_quorums"
    )
    quorum = models.PositiveSmallIntegerField(null=True, blank=True)
    until = models.DateField(help_text="The last day this quorum applied.")

    objects = WatchedManager()

    class Meta:
        ordering = ["constitution", "until"]
        constraints = [
            models.UniqueConstraint(fields=["constitution", "until"], name="one_quorum_per_day")
        ]

    def __str__(self) -> str:
        return f"Quorum {self.quorum} until {self.until:%-d %B %Y}"
