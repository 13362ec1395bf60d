"""Listening to children, young people and families, and what the board changed because of
it ("you said, we did"). Counts and anonymised words only: nothing that identifies a child."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from boards.models import Board
from lscb import limits
from lscb.freshness import WatchedManager


class Method(models.TextChoices):
    SURVEY = "survey", "Survey"
    FOCUS_GROUP = "focus_group", "Focus group or workshop"
    EVENT = "event", "Consultation event"
    FORUM = "forum", "Youth forum or council"
    ADVOCACY = "advocacy", "Through advocates"
    INDIVIDUAL = "individual", "Individual feedback"
    OTHER = "other", "Other"


class VoiceRecord(models.Model):
    """One time the board heard from children, young people or families, what they said and
    what the board did because of it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="voice_records")
    title = models.CharField(max_length=limits.TITLE)
    date = models.DateField(help_text="When they were heard.")
    who = models.CharField(
        "Who was heard",
        max_length=limits.NAME,
        help_text="A group, never a person: for example young carers at three schools.",
    )
    number_heard = models.PositiveIntegerField("How many were heard")
    age_from = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    age_to = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    method = models.CharField("How they were heard", max_length=20, choices=Method.choices)
    you_said = models.TextField(
        "What they said",
        help_text="A summary and anonymised quotes. No names, dates of birth or other details "
        "that could identify a child.",
        **limits.model_limit(limits.NARRATIVE),
    )
    we_did = models.TextField(
        "What the board did because of it",
        blank=True,
        help_text="Leave empty until something has changed.",
        **limits.model_limit(limits.NARRATIVE),
    )
    outcomes = models.ManyToManyField("workplans.Outcome", blank=True, related_name="voice_records")
    reviews = models.ManyToManyField("reviews.Review", blank=True, related_name="voice_records")
    public = models.BooleanField(
        "Show on the board's public page",
        default=False,
        help_text="Only what they said and what changed are shown, with the count and ages.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "-date", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def ages(self) -> str:
        if self.age_from is not None and self.age_to is not None:
            return f"aged {self.age_from} to {self.age_to}"
        if self.age_from is not None:
            return f"aged {self.age_from} and over"
        if self.age_to is not None:
            return f"aged up to {self.age_to}"
        return ""
