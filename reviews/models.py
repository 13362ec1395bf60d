"""Reviews of serious cases, inspections and their action plans, tracked to sign-off."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from boards.models import Agency, Board, Minute, Person, Theme
from lscb import limits
from lscb.freshness import WatchedManager
from lscb.progress import ProgressRecord
from lscb.sign_off import Reopening, SignedOff
from lscb.vocab import RAG, RAG_ORDER, Impact


class ReviewKind(models.TextChoices):
    SERIOUS_CASE_REVIEW = "scr", "Serious case review"
    PRACTICE_REVIEW = "cspr", "Child safeguarding practice review"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    NEAR_MISS = "near_miss", "Near-miss review"
    MANAGEMENT_REVIEW = "management_review", "Management review"
    LEARNING_EVENT = "learning_event", "Multi-agency learning event"
    DOMESTIC_HOMICIDE = "dhr", "Domestic homicide review"
    SINGLE_AGENCY_INSPECTION = "single_agency_inspection", "Single-agency inspection"
    ILACS = "ilacs", "Inspection of local authority children's services"
    JTAI = "jtai", "Joint targeted area inspection"
    PEER_REVIEW = "peer_review", "Peer review"
    SECTION_11 = "section_11", "Section 11 audit"


# Kinds grouped as the thematic view and the clocks treat them.
CASE_REVIEW_KINDS = frozenset(
    {
        ReviewKind.SERIOUS_CASE_REVIEW,
        ReviewKind.PRACTICE_REVIEW,
        ReviewKind.RAPID_REVIEW,
        ReviewKind.NEAR_MISS,
        ReviewKind.MANAGEMENT_REVIEW,
        ReviewKind.LEARNING_EVENT,
        ReviewKind.DOMESTIC_HOMICIDE,
    }
)
INSPECTION_KINDS = frozenset(
    {ReviewKind.SINGLE_AGENCY_INSPECTION, ReviewKind.ILACS, ReviewKind.JTAI}
)
LEARNING_KINDS = frozenset({ReviewKind.PEER_REVIEW, ReviewKind.SECTION_11})


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "Review or inspection under way"
    ACTION_PLAN = "action_plan", "Report received: action plan in progress"
    CLOSED = "closed", "Closed"


class Guidance(models.TextChoices):
    """The edition of Working Together whose review criteria applied when the case arose."""

    WT2006 = "wt2006", "Working Together 2006"
    WT2010 = "wt2010", "Working Together 2010"
    WT2018 = "wt2018", "Working Together 2018"


class Review(SignedOff):
    """A case review, inspection, peer review or audit the board learns from and acts on."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=30, choices=ReviewKind.choices)
    title = models.CharField(max_length=limits.TITLE)
    subject_reference = models.CharField(
        max_length=limits.SHORT_LABEL,
        blank=True,
        help_text="An anonymised reference such as Child A. Never a real name or date of birth.",
    )
    guidance = models.CharField(
        "Guidance in force",
        max_length=10,
        choices=Guidance.choices,
        blank=True,
        help_text="The Working Together edition whose criteria the case was considered against.",
    )
    criteria_met = models.JSONField(
        default=list, blank=True, help_text="Codes of the statutory criteria the case met."
    )
    lead_reviewer = models.CharField(
        max_length=limits.NAME, blank=True, help_text="The independent reviewer or lead inspector."
    )
    inspectorate = models.CharField(max_length=limits.NAME, blank=True)
    summary = models.TextField(blank=True, **limits.model_limit(limits.NARRATIVE))
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.IN_PROGRESS
    )
    # Key dates; each clock uses the ones that apply to the kind of review.
    start_date = models.DateField(
        help_text="When the review started or the inspectors arrived.",
    )
    incident_known_date = models.DateField(
        "Date the serious incident became known", null=True, blank=True
    )
    notification_date = models.DateField("Date notified", null=True, blank=True)
    decision_date = models.DateField("Date the rapid review was completed", null=True, blank=True)
    report_date = models.DateField("Date the inspection report was received", null=True, blank=True)
    action_statement_date = models.DateField(
        "Date the written statement of action was sent", null=True, blank=True
    )
    published_date = models.DateField("Date published", null=True, blank=True)
    closed_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["board", "kind", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.board.slug, self.pk])

    @property
    def is_inspection(self) -> bool:
        return self.kind in INSPECTION_KINDS


class ActionPlanReopening(Reopening):
    """The chair reopening a signed-off action plan so its recommendations can change."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reopenings")

    objects = WatchedManager()

    class Meta(Reopening.Meta):
        pass

    def __str__(self) -> str:
        return f"Reopened {self.review} on {self.at:%-d %B %Y}"


class Withdrawable(models.Model):
    """An item of a review's plan that officers can withdraw: it keeps its number and its
    place on the page, says why it went, and no longer counts anywhere."""

    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_reason = models.TextField(
        blank=True, editable=False, **limits.model_limit(limits.STATEMENT)
    )
    # Moves on every edit, so a form opened before someone else's save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Judgement(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    SATISFACTORY = "satisfactory", "Satisfactory"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


# Judgements that point to something to put right; they count as concerns on the themes page.
CONCERN_JUDGEMENTS = frozenset(
    {Judgement.SATISFACTORY, Judgement.REQUIRES_IMPROVEMENT, Judgement.INADEQUATE}
)


class FindingKind(models.TextChoices):
    JUDGEMENT = "judgement", "Judgement"
    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


class Finding(Withdrawable):
    """What inspectors or reviewers concluded about one area: a graded judgement, a strength
    or an area for improvement."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField(default=0)
    area = models.CharField(max_length=limits.NAME, help_text="The area judged, e.g. Staying safe.")
    kind = models.CharField(max_length=25, choices=FindingKind.choices)
    judgement = models.CharField(max_length=25, choices=Judgement.choices, blank=True)
    summary = models.TextField(blank=True, **limits.model_limit(limits.NARRATIVE))
    themes = models.ManyToManyField(Theme, blank=True, related_name="findings")

    objects = WatchedManager()

    class Meta:
        ordering = ["review", "position", "id"]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_judgement_display() or self.get_kind_display()}"

    @property
    def is_concern(self) -> bool:
        return is_concern(self.kind, self.judgement)


def is_concern(kind: str, judgement: str) -> bool:
    """A finding that points to something to put right. A function of the two fields, so
    the themes page can test its finding tags as they come from the database, without
    building a Finding for each."""
    return kind == FindingKind.AREA_FOR_IMPROVEMENT or (
        kind == FindingKind.JUDGEMENT and judgement in CONCERN_JUDGEMENTS
    )


# is_concern as a filter, for lists the database counts and pages.
CONCERN = models.Q(kind=FindingKind.AREA_FOR_IMPROVEMENT) | models.Q(
    kind=FindingKind.JUDGEMENT, judgement__in=CONCERN_JUDGEMENTS
)


class RecommendationKind(models.TextChoices):
    STATUTORY_REQUIREMENT = "statutory_requirement", "Statutory requirement"
    RECOMMENDATION = "recommendation", "Good-practice recommendation"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


RECOMMENDATION_KIND_ORDER = list(RecommendationKind.values)
# Headings over several of a kind.
RECOMMENDATION_KIND_PLURALS = {
    RecommendationKind.STATUTORY_REQUIREMENT: "Statutory requirements",
    RecommendationKind.RECOMMENDATION: "Good-practice recommendations",
    RecommendationKind.AREA_FOR_IMPROVEMENT: "Areas for improvement",
}


class Recommendation(Withdrawable):
    """Something a review or inspection requires or recommends the board's agencies to do."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=25, choices=RecommendationKind.choices)
    standard_reference = models.CharField(
        max_length=50, blank=True, help_text="The standard it refers to, e.g. NMS 5."
    )
    regulation_reference = models.CharField(
        max_length=limits.SHORT_LABEL,
        blank=True,
        help_text="The regulation it refers to, e.g. Regulation 16(2).",
    )
    text = models.TextField(**limits.model_limit(limits.STATEMENT))
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations")

    objects = WatchedManager()

    class Meta:
        ordering = ["review", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind", "number"], name="recommendation_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Action(Withdrawable):
    """One thing an agency will do, by when, and how it is going: to meet a review's
    recommendation, or as a meeting decided and its minutes record."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="actions")
    # Where the action comes from: exactly one of these (action_one_source).
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    minute = models.ForeignKey(
        Minute,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The minute of the meeting that decided this action.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    what = models.TextField("What will be done", **limits.model_limit(limits.STATEMENT))
    responsible = models.TextField(
        "Person responsible",
        blank=True,
        help_text="Roles or names, one a line.",
        **limits.model_limit(limits.NOTES),
    )
    responsible_people = models.ManyToManyField(Person, blank=True, related_name="review_actions")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="review_actions"
    )
    timescale = models.DateField(null=True, blank=True)
    # A timescale given as a month ("December 2008") is stored as its last day and shown
    # as the month again, so an export reads as the plan was written.
    timescale_is_month = models.BooleanField(default=False)
    # Kept up to date by services.action_record_progress; the updates are the record.
    current_rag = models.CharField(
        "current delivery", max_length=12, choices=RAG.choices, blank=True, default=""
    )
    current_impact = models.CharField(
        "current impact", max_length=12, choices=Impact.choices, blank=True, default=""
    )
    current_narrative = models.TextField(blank=True, **limits.model_limit(limits.PROGRESS))
    last_update_date = models.DateField(null=True, blank=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["recommendation", "position", "id"]
        indexes = [models.Index(fields=["current_rag", "timescale"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, minute__isnull=True)
                | Q(recommendation__isnull=True, minute__isnull=False),
                name="action_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.what[:80]

    def save(self, *args, **kwargs) -> None:
        # An action of a review belongs to the review's board.
        if self.board_id is None and self.recommendation_id is not None:
            self.board_id = Review.objects.filter(
                recommendations=self.recommendation_id
            ).values_list("board_id", flat=True)[0]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (self.recommendation_id is None) == (self.minute_id is None):
            raise ValidationError(
                "An action comes from a review's recommendation or from a meeting's minutes."
            )

    @property
    def from_minutes(self) -> bool:
        return self.minute_id is not None

    @property
    def source_title(self) -> str:
        """Where the action comes from, in words: the review, or the meeting and item.
        Select ACTION_SOURCE with the action so this reads no more rows."""
        if self.minute_id is not None:
            item = self.minute.item
            meeting = item.meeting
            body = meeting.subgroup.name if meeting.subgroup_id else self.board.name
            return minutes_source_title(body, meeting.date, item.number)
        return self.recommendation.review.title

    @property
    def source_url(self) -> str:
        """The page the action is listed on: its review's plan, or the minute of its
        meeting."""
        if self.minute_id is not None:
            item = self.minute.item
            return minute_url(self.board.slug, item.meeting_id, item.pk)
        return plan_action_url(self.board.slug, self.recommendation.review_id, self.pk)

    @property
    def timescale_label(self) -> str:
        return timescale_label(self.timescale, self.timescale_is_month)

    @property
    def responsible_lines(self) -> list[str]:
        return [line for line in self.responsible.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return self.current_rag != RAG.COMPLETE

    def is_overdue(self, today) -> bool:
        return self.is_open and self.timescale is not None and self.timescale < today

    @property
    def rag_rank(self) -> int:
        return RAG_ORDER.index(self.current_rag) if self.current_rag else -1


# What Action.source_title and source_url read: select these with the action.
ACTION_SOURCE = ("board", "recommendation__review", "minute__item__meeting__subgroup")


def minutes_source_title(body: str, day, item_number) -> str:
    """An action decided at a meeting, in words: the board or panel, the day and the item."""
    return f"Minutes of {body}, {day:%-d %B %Y}, item {item_number}"


def minute_url(board_slug: str, meeting_id: int, item_id: int) -> str:
    return reverse("boards:meeting", args=[board_slug, meeting_id]) + f"#minute-{item_id}"


def plan_action_url(board_slug: str, review_id: int, action_id: int) -> str:
    return reverse("reviews:detail", args=[board_slug, review_id]) + f"#action-{action_id}"


def timescale_label(timescale, is_month: bool) -> str:
    """An action's timescale as the plan gives it: a month, or a day. A function of the two
    fields, so lists that read actions as plain rows print the same."""
    if not timescale:
        return ""
    return f"{timescale:%B %Y}" if is_month else f"{timescale:%-d %B %Y}"


class ActionProgress(ProgressRecord):
    """A dated progress statement on a review action, the same shape as workplan progress."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    # A partner without an account reports through a secure link: then the link, and the
    # address it was sent to, say who reported, and there is no author login.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews_actionprogress_set",
    )
    reported_via = models.ForeignKey(
        "lscb.SecureLink", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )

    class Meta(ProgressRecord.Meta):
        verbose_name = "action progress update"
        verbose_name_plural = "action progress updates"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=False) | models.Q(reported_via__isnull=False),
                name="reviews_progress_has_a_reporter",
            )
        ]

    @property
    def reported_by(self) -> str:
        """Who made the statement: the author's name, or the partner's address."""
        if self.author_id is not None:
            return self.author.get_full_name() or self.author.username
        return f"{self.reported_via.sent_to} (by secure link)"

    objects = WatchedManager()

    def __str__(self) -> str:
        return f"{self.action}: {self.rag_label} on {self.date:%-d %B %Y}"


# Registered with the app through these imports; see each module for why it stands apart.
from reviews.partner_models import PartnerDigestOptOut  # noqa: E402, F401
from reviews.s11_models import (  # noqa: E402, F401
    SELF_RATING_ORDER,
    ReturnStatus,
    S11Rating,
    S11Return,
    SelfRating,
    Standard,
)
