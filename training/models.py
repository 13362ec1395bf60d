"""Multi-agency training: the needs analysis, courses, sessions, bookings and their
evaluation on Kirkpatrick's four levels (reaction, learning, change in practice, results)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from boards.models import Agency, Board, Subgroup
from lscb import limits
from lscb.freshness import WatchedManager
from reviews.models import Recommendation
from workplans.models import Outcome

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Programme(models.Model):
    """A board's multi-agency training programme and the subgroup that runs it: that
    subgroup's officers manage training as the board's officers do."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="training")
    lead_subgroup = models.ForeignKey(
        Subgroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Its officers book, record attendance and evaluations.",
    )

    objects = WatchedManager()

    def __str__(self) -> str:
        return f"Training programme of {self.board}"


class LevelScheme(models.Model):
    """A way a board grades safeguarding training, such as groups 1-4 or the health
    service's intercollegiate levels 1-5."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="level_schemes")
    name = models.CharField(max_length=limits.NAME)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="level_scheme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    """One level of a scheme; a higher number is more advanced training."""

    scheme = models.ForeignKey(LevelScheme, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=limits.NAME)
    description = models.TextField(blank=True, **limits.model_limit(limits.NOTES))

    objects = WatchedManager()

    class Meta:
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="level_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name} {self.number}: {self.name}"

    @property
    def label(self) -> str:
        return f"{self.number}: {self.name}"


class Course(models.Model):
    """A course the board offers, the level it meets and how often it must be refreshed.

    Results (Kirkpatrick level 4) are named by the code of one of the board's quarterly
    indicators, kept as text: the indicators belong to reporting, which is built on
    training and may read this code, while training never reads reporting."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=limits.TITLE)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="courses")
    refresh_months = models.PositiveSmallIntegerField(
        default=36, help_text="How long the training counts before it must be taken again."
    )
    summary = models.TextField(blank=True, **limits.model_limit(limits.STATEMENT))
    results_indicator = models.CharField(
        max_length=limits.SHORT_LABEL,
        blank=True,
        help_text="Code of the quarterly indicator the course is meant to move, if one applies.",
    )
    results_note = models.TextField(
        "Results",
        blank=True,
        help_text="What difference for children the course is meant to make, and how it shows.",
        **limits.model_limit(limits.STATEMENT),
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "title"]
        constraints = [
            models.UniqueConstraint(fields=["board", "title"], name="course_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class Need(models.Model):
    """A row of the training needs analysis: what one role group of one agency needs."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="training_needs")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_needs")
    role_group = models.CharField(max_length=limits.NAME, help_text="e.g. Health visitors.")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="needs")
    headcount = models.PositiveIntegerField(help_text="How many staff need this training.")
    courses = models.ManyToManyField(
        Course, blank=True, related_name="needs", help_text="The courses that meet the need."
    )
    refresh_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty to use each course's own interval."
    )
    outcome = models.ForeignKey(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_needs",
        help_text="The workplan outcome that raised this need, if any.",
    )
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_needs",
        help_text="The review recommendation that raised this need, if any.",
    )
    notes = models.TextField(blank=True, **limits.model_limit(limits.NOTES))

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "agency__name", "role_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "agency", "role_group", "level"], name="need_unique_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.role_group}"


class Session(models.Model):
    """One running of a course: when, who trains, where (or online) and how many places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    trainer = models.CharField(max_length=limits.NAME)
    venue = models.CharField(max_length=limits.NAME, blank=True)
    online_link = models.URLField(max_length=limits.NAME, blank=True)
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    attendance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded attendance: the follow-up emails come from them.",
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["date", "course__title"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.date:%-d %B %Y}"

    @property
    def is_held(self) -> bool:
        """Whether the session's day has come, so attendance can be recorded."""
        return self.date <= dt.date.today()

    @property
    def where(self) -> str:
        return self.venue or ("Online" if self.online_link else "")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "Waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


class Booking(models.Model):
    """A place on a session for a named person from an agency, or held by the agency for
    someone it names later. Past capacity a booking waits; a cancellation lets the first
    one waiting in."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    attendee_name = models.CharField(max_length=limits.NAME, blank=True)
    attendee_email = models.EmailField(
        blank=True, help_text="Where the practice follow-up is sent, 6 to 8 weeks on."
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)
    follow_up_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the attendee was emailed the follow-up link."
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["session", "booked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.display_name}, {self.session}"

    @property
    def display_name(self) -> str:
        return self.attendee_name or f"A place for {self.agency}"


class Reaction(models.Model):
    """Kirkpatrick level 1: how the attendee rated the session on the day."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="reaction")
    score = models.PositiveSmallIntegerField(validators=SCORE)
    comment = models.TextField(blank=True, **limits.model_limit(limits.NOTES))

    objects = WatchedManager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="reaction_score")
        ]

    def __str__(self) -> str:
        return f"Reaction of {self.booking.display_name}"


class Question(models.Model):
    """A statement of confidence asked before and after a course (Kirkpatrick level 2)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=limits.TITLE)
    order = models.PositiveSmallIntegerField(default=0)

    objects = WatchedManager()

    class Meta:
        ordering = ["course", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    """One attendee's confidence on one question, before the session and after it, 1-5."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    before = models.PositiveSmallIntegerField(validators=SCORE)
    after = models.PositiveSmallIntegerField(validators=SCORE)

    objects = WatchedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=Q(before__gte=1, before__lte=5, after__gte=1, after__lte=5),
                name="answer_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.before} to {self.after}"


class FollowUp(models.Model):
    """Kirkpatrick level 3: what changed in the attendee's practice 6-8 weeks on."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="follow_up")
    what_changed = models.TextField(**limits.model_limit(limits.STATEMENT))
    example = models.TextField(blank=True, **limits.model_limit(limits.STATEMENT))
    manager_confirmed = models.BooleanField(default=False)
    manager_name = models.CharField(max_length=limits.NAME, blank=True)
    manager_email = models.EmailField(
        blank=True, help_text="The line manager the attendee asked to confirm it, by link."
    )
    manager_confirmed_on = models.DateField(null=True, blank=True)
    manager_comment = models.TextField(blank=True, **limits.model_limit(limits.NOTES))
    # The attendee's confidence now on each of the course's questions (question id -> 1-5),
    # beside the before and after of level 2.
    confidence_now = models.JSONField(default=dict, blank=True)
    by_link = models.BooleanField(
        default=False, help_text="Written by the attendee through their link, not by an officer."
    )
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An officer's later change to an answer given by link: the answer stays the attendee's,
    # dated the day they gave it, and says who changed it and when.
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amended_on = models.DateField(null=True, blank=True)

    objects = WatchedManager()

    def __str__(self) -> str:
        return f"Follow-up of {self.booking.display_name}"
