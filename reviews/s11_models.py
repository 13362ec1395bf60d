"""Section 11 audits (Children Act 2004, s11): the board's standards, and each agency's
self-assessment against them in a yearly round.

A round is a Review of kind section_11, so the challenges the board raises from it are
recommendations and actions like any other review's. reviews.models imports this module so
Django registers the models; the other models are named by label so it imports none of them.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from lscb import limits
from lscb.freshness import WatchedManager
from lscb.progress import evidence_path


class Standard(models.Model):
    """One of the board's section 11 standards, with what good practice against it looks like."""

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="s11_standards"
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=20, help_text="A short reference, e.g. 1 or S3.")
    title = models.CharField(max_length=limits.TITLE)
    good_looks_like = models.TextField(
        "What good looks like", blank=True, **limits.model_limit(limits.STATEMENT)
    )
    active = models.BooleanField(
        default=True, help_text="Only active standards are asked about in new returns."
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["board", "code"], name="s11_standard_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class SelfRating(models.TextChoices):
    """How far an agency judges it meets a standard; the word is always shown with the colour."""

    RED = "red", "Red: not met"
    AMBER = "amber", "Amber: partly met"
    GREEN = "green", "Green: fully met"


# Worse to better, for the change since last year's round.
SELF_RATING_ORDER = [SelfRating.RED, SelfRating.AMBER, SelfRating.GREEN]


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class S11Return(models.Model):
    """One agency's self-assessment in one round, completed by its lead through a secure link."""

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="s11_returns"
    )
    agency = models.ForeignKey(
        "boards.Agency", on_delete=models.PROTECT, related_name="s11_returns"
    )
    lead_name = models.CharField("Agency lead's name", max_length=limits.NAME)
    lead_email = models.EmailField("Agency lead's email address")
    status = models.CharField(
        max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.NOT_STARTED
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = WatchedManager()

    class Meta:
        ordering = ["review", "agency__name"]
        verbose_name = "section 11 return"
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="s11_one_return_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} section 11 return ({self.review})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:s11_return", args=[self.review.board.slug, self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == ReturnStatus.SUBMITTED


class S11Rating(models.Model):
    """An agency's rating of itself against one standard, its evidence and its own actions."""

    s11_return = models.ForeignKey(S11Return, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="ratings")
    rating = models.CharField(max_length=6, choices=SelfRating.choices, blank=True)
    evidence = models.TextField(blank=True, **limits.model_limit(limits.PROGRESS))
    own_actions = models.TextField(
        "The agency's own actions", blank=True, **limits.model_limit(limits.STATEMENT)
    )
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, max_length=255)

    objects = WatchedManager()

    class Meta:
        ordering = ["s11_return", "standard__position", "standard_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["s11_return", "standard"], name="s11_one_rating_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.s11_return.agency}: {self.standard.code} {self.get_rating_display()}"
