"""Workplans: the board's annual plan of outcomes and the progress recorded against them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from boards.models import Board, Person, Subgroup, Theme
from lscb import limits
from lscb.freshness import WatchedManager
from lscb.progress import ProgressRecord
from lscb.vocab import RAG, Impact, financial_year_label

# The purpose of the secure links with which an outcome's lead records its progress
# without a login or a seat (lscb.secure_links; registered in workplans.apps).
OUTCOME_LINK_PURPOSE = "outcome_progress"


class Priority(models.Model):
    """A priority of the area's children and young people's plan that workplans contribute to."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plan_priorities")
    title = models.CharField(max_length=limits.TITLE)
    description = models.TextField(blank=True, **limits.model_limit(limits.NARRATIVE))

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "title"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["board", "title"], name="priority_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class Workplan(models.Model):
    """The board's plan of outcomes for one period, drafted by officers, approved by the chair."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="workplans")
    title = models.CharField(max_length=limits.TITLE)
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_workplans",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority,
        blank=True,
        related_name="workplans",
        help_text="Priorities of the children and young people's plan this workplan serves.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="workplan_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return financial_year_label(self.start, self.end)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Outcome(models.Model):
    """One thing the board means to achieve this year: what, how, who leads it, and its status.

    The current_* fields copy the latest progress update so lists and charts read one row;
    only the progress service writes them, under a row lock.
    """

    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(
        "Outcome", max_length=limits.TITLE, help_text="What is to be achieved."
    )
    how = models.TextField("How we will do it", blank=True, **limits.model_limit(limits.STATEMENT))
    who = models.TextField(
        "Who",
        blank=True,
        **limits.model_limit(limits.NOTES),
        help_text="Who leads it, as written in the plan (one per line).",
    )
    lead_subgroups = models.ManyToManyField(Subgroup, blank=True, related_name="outcomes")
    leads = models.ManyToManyField(
        Person, blank=True, related_name="led_outcomes", verbose_name="named leads"
    )
    due_date = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="outcomes")
    version = models.PositiveIntegerField(default=1, editable=False)
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_into",
        editable=False,
        help_text="The outcome of an earlier year's plan this one continues.",
    )
    # A retired outcome is kept: it stays in the history and in the reports of the quarters
    # it was live, and leaves counts and "due" lists from its retirement on.
    retired_on = models.DateField(null=True, blank=True, editable=False)
    retired_reason = models.TextField(
        blank=True, editable=False, **limits.model_limit(limits.STATEMENT)
    )

    current_rag = models.CharField(
        "current delivery", max_length=12, choices=RAG.choices, blank=True, editable=False
    )
    current_impact = models.CharField(
        "current impact",
        max_length=12,
        choices=Impact.choices,
        blank=True,
        default="",
        editable=False,
    )
    current_narrative = models.TextField(
        blank=True, editable=False, **limits.model_limit(limits.PROGRESS)
    )
    last_update_date = models.DateField(null=True, blank=True, editable=False)
    current_update = models.ForeignKey(
        "ProgressUpdate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["workplan", "order", "id"]
        indexes = [models.Index(fields=["workplan", "order"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    @property
    def who_lines(self) -> list[str]:
        return [line for line in self.who.splitlines() if line.strip()]


class ProgressUpdate(ProgressRecord):
    """One dated progress statement on an outcome; kept for ever, never edited."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="updates")
    # A lead without a login or a seat reports through a secure link: then the link, and
    # the address it was sent to, say who reported, and there is no author login.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workplans_progressupdate_set",
    )
    reported_via = models.ForeignKey(
        "lscb.SecureLink", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )

    class Meta(ProgressRecord.Meta):
        indexes = [models.Index(fields=["outcome", "-date", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | Q(reported_via__isnull=False),
                name="workplans_progress_has_a_reporter",
            )
        ]

    objects = WatchedManager()

    @property
    def reported_by(self) -> str:
        """Who made the statement: the author's name, or the lead's address."""
        if self.author_id is not None:
            return self.author.get_full_name() or self.author.username
        return f"{self.reported_via.sent_to} (by secure link)"

    def __str__(self) -> str:
        return f"{self.outcome} on {self.date:%-d %b %Y}: {self.rag_label}"
