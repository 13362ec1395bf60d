"""Boards, the agencies and people in them, their subgroups, memberships and meetings."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from lscb import limits
from lscb.freshness import WatchedManager, WatchedQuerySet, touch_board


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary and community"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    """Governance roles: what a constitution counts. Separate from what a login may do."""

    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    ELECTED_MEMBER = "elected_member", "Elected member"
    LAY_MEMBER = "lay_member", "Lay member"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    AGENCY_REPRESENTATIVE = "agency_representative", "Agency representative"
    PROFESSIONAL = "professional", "Professional member"
    ADVISER = "adviser", "Adviser (non-voting)"
    OFFICER = "officer", "Officer in attendance (no seat)"
    OBSERVER = "observer", "Participant observer (no vote)"


# Roles that never vote; their labels say so already.
NON_VOTING_ROLES = {Role.ADVISER, Role.OFFICER, Role.OBSERVER}
# Roles that hold a seat; officers and observers attend without one.
SEAT_ROLES = {r for r in Role if r not in {Role.OFFICER, Role.OBSERVER}}


class Access(models.TextChoices):
    """What a login may do in the app for this board, granted through a membership."""

    MEMBER = "member", "Member (reads)"
    PORTFOLIO = "portfolio", "Portfolio holder (reads, downloads reports)"
    OFFICER = "officer", "Officer (records progress)"
    CHAIR = "chair", "Chair (approves and signs off)"


class Agency(models.Model):
    """A partner organisation that sends representatives to the board."""

    name = models.CharField(max_length=limits.NAME, unique=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)

    objects = WatchedManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who sits on, advises or works for a board, with or without a login."""

    name = models.CharField(max_length=limits.NAME)
    job_title = models.CharField(max_length=limits.NAME, blank=True)
    email = models.EmailField(blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Lay members sit as private citizens: the public pages name them only once they have
    # agreed, and clearing the date withdraws it.
    public_name_consent_on = models.DateField(
        "agreed to be named in public on",
        null=True,
        blank=True,
        help_text="Set when this person agreed to be named on the board's public pages. "
        "Lay members are listed there by role alone until it is set.",
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Employment(models.Model):
    """A past or present job, kept because eligibility rules look back at employment."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="employments")
    department = models.CharField(max_length=limits.NAME, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="employment_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.agency}"


def random_version() -> int:
    return secrets.randbits(52)


class Board(models.Model):
    """The safeguarding children partnership for one area."""

    name = models.CharField(max_length=limits.NAME, unique=True)
    slug = models.SlugField(unique=True)
    area = models.CharField(max_length=limits.NAME)
    colour = models.CharField(
        max_length=7, default="#5a2d82", help_text="The board's own colour, as #rrggbb."
    )
    # Moves on whenever anything shown on the board's pages changes (lscb.freshness), so
    # cached page fragments are keyed on it and never outlive the data they show. It
    # starts at a random point so a rebuilt database cannot meet an old cache's keys.
    data_version = models.BigIntegerField(default=random_version, editable=False)
    # The same, per area of the board's work, so a page showing only reviews is not
    # rendered again because a workplan outcome moved (see lscb.freshness.AREAS).
    boards_version = models.BigIntegerField(default=random_version, editable=False)
    meetings_version = models.BigIntegerField(default=random_version, editable=False)
    training_version = models.BigIntegerField(default=random_version, editable=False)
    workplans_version = models.BigIntegerField(default=random_version, editable=False)
    plans_version = models.BigIntegerField(default=random_version, editable=False)
    reviews_version = models.BigIntegerField(default=random_version, editable=False)
    reporting_version = models.BigIntegerField(default=random_version, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Never write back the version this instance was loaded with: a version that went
        # backwards would bring stale fragments back to life. Bump it instead.
        if self.pk is not None and not self._state.adding:
            wanted = kwargs.get("update_fields")
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if f.name != "id"
                and not f.name.endswith("_version")
                and (wanted is None or f.name in wanted)
            ]
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            touch_board(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("boards:detail", args=[self.slug])


class Subgroup(models.Model):
    """A standing subgroup or an ad hoc panel of a board, such as a case review panel."""

    class Kind(models.TextChoices):
        STANDING = "standing", "Standing subgroup"
        PANEL = "panel", "Ad hoc panel"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(max_length=limits.NAME)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STANDING)
    remit = models.TextField(blank=True, **limits.model_limit(limits.NARRATIVE))
    active = models.BooleanField(default=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="subgroup_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(WatchedQuerySet):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        day = on or dt.date.today()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)

    def past(self, on: dt.date | None = None) -> MembershipQuerySet:
        return self.filter(term_end__lt=on or dt.date.today())


def term_covers(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """Whether a term from `start` to `end` (open-ended if None) includes `day`: what
    MembershipQuerySet.current() selects, for rows already read."""
    return start <= day and (end is None or end >= day)


class Membership(models.Model):
    """A person's place on a board or one of its subgroups for one term."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    subgroup = models.ForeignKey(
        Subgroup,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="Leave empty for a place on the board itself.",
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    title = models.CharField(
        max_length=limits.NAME,
        blank=True,
        help_text="How the role is known locally, e.g. Medical adviser.",
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="The agency this person represents here.",
    )
    voting = models.BooleanField(default=True)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.MEMBER)
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)
    induction_completed = models.DateField(null=True, blank=True)
    buddy = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="buddying"
    )
    notes = models.TextField(blank=True, **limits.model_limit(limits.NOTES))

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "subgroup", "role", "person__name"]
        indexes = [models.Index(fields=["person", "board", "term_end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="membership_term_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.body_name}"

    @property
    def body_name(self) -> str:
        return self.subgroup.name if self.subgroup_id else self.board.name

    @property
    def role_label(self) -> str:
        """The role as member lists show it, saying once that the seat has no vote."""
        label = self.get_role_display()
        if not self.voting and self.role not in NON_VOTING_ROLES:
            label += " (non-voting)"
        return label

    def is_current(self, on: dt.date | None = None) -> bool:
        return term_covers(self.term_start, self.term_end, on or dt.date.today())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = "The term cannot end before it starts."
        if self.subgroup_id and self.board_id and self.subgroup.board_id != self.board_id:
            errors["subgroup"] = "This subgroup belongs to another board."
        if self.role in NON_VOTING_ROLES and self.voting:
            errors["voting"] = f"A {self.get_role_display().lower()} cannot vote."
        if not errors and self.person_id and self.term_start:
            overlap = self.overlapping_terms().first()
            if overlap:
                ends = f"{overlap.term_end:%-d %B %Y}" if overlap.term_end else "no end date"
                errors["term_start"] = (
                    f"{self.person} already holds this seat from "
                    f"{overlap.term_start:%-d %B %Y} to {ends}; terms for the same seat "
                    "cannot overlap."
                )
        if errors:
            raise ValidationError(errors)

    def overlapping_terms(self) -> MembershipQuerySet:
        """Other terms of this person in the same seat (body and role) that overlap this one."""
        qs = Membership.objects.filter(
            person_id=self.person_id,
            board_id=self.board_id,
            subgroup_id=self.subgroup_id,
            role=self.role,
        ).exclude(pk=self.pk)
        qs = qs.filter(Q(term_end__isnull=True) | Q(term_end__gte=self.term_start))
        if self.term_end:
            qs = qs.filter(term_start__lte=self.term_end)
        return qs


class Constitution(models.Model):
    """The membership rules a board or panel must meet, kept as data an admin can edit."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="constitutions")
    subgroup = models.OneToOneField(
        Subgroup, null=True, blank=True, on_delete=models.CASCADE, related_name="constitution"
    )
    source = models.CharField(
        max_length=limits.TITLE,
        blank=True,
        help_text="Where the rules come from, e.g. a regulation.",
    )
    max_size = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Most seats allowed, counting the chair."
    )
    max_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    max_terms = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Voting members who must be present."
    )

    objects = WatchedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["board"],
                condition=Q(subgroup__isnull=True),
                name="one_constitution_per_board",
            )
        ]

    def __str__(self) -> str:
        return f"Constitution of {self.subgroup or self.board}"


class RoleRule(models.Model):
    """How many people in a role a constitution requires, allows and has established seats for."""

    constitution = models.ForeignKey(
        Constitution, on_delete=models.CASCADE, related_name="role_rules"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    min_count = models.PositiveSmallIntegerField(default=0)
    max_count = models.PositiveSmallIntegerField(null=True, blank=True)
    seats = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Established seats; unfilled ones show as vacancies."
    )

    objects = WatchedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["constitution", "role"], name="one_rule_per_role"),
            models.CheckConstraint(
                condition=Q(max_count__isnull=True) | Q(max_count__gte=models.F("min_count")),
                name="role_rule_max_at_least_min",
            ),
        ]

    def __str__(self) -> str:
        return self.get_role_display()

    @property
    def required(self) -> bool:
        return self.min_count > 0


class EligibilityExclusion(models.Model):
    """Who may not hold a role, e.g. recent employees of the authority's children's services."""

    constitution = models.ForeignKey(
        Constitution, on_delete=models.CASCADE, related_name="exclusions"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    department_contains = models.CharField(
        max_length=limits.NAME,
        blank=True,
        help_text="Only jobs whose department includes this text.",
    )
    within_months = models.PositiveSmallIntegerField(default=12)
    reason = models.CharField(max_length=limits.TITLE)

    objects = WatchedManager()

    def __str__(self) -> str:
        return self.reason


class Theme(models.Model):
    """A safeguarding theme, one taxonomy shared by outcomes, recommendations and findings."""

    name = models.CharField(max_length=limits.SHORT_LABEL, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True, **limits.model_limit(limits.NOTES))

    objects = WatchedManager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Registered with the app through this import; see the module for why it stands apart.
from boards.meeting_models import (  # noqa: E402, F401
    AgendaItem,
    AgendaPaper,
    Attendance,
    AttendanceKind,
    Declaration,
    ExemptParagraph,
    Meeting,
    MeetingStatus,
    Minute,
    MinutesReopening,
    SupersededQuorum,
)
