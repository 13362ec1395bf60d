"""The quarterly safeguarding dataset, the reports built from it and the portfolio meetings
that receive them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from boards.models import Board
from lscb import limits
from lscb.freshness import WatchedManager
from lscb.vocab import Quarter
from reporting.render_state import ReportStatus


def validate_quarter_code(value: str) -> None:
    try:
        Quarter.parse(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class Aggregation(models.TextChoices):
    """How a quarter's figure is formed, and so how quarters combine into a year to date."""

    SNAPSHOT = "snapshot", "Count on the last day of the quarter"
    FLOW = "flow", "Total during the quarter"
    AVERAGE = "average", "Average over the quarter"
    YEAR_TO_DATE = "ytd", "Running total since 1 April"


class Indicator(models.Model):
    """One measure in the safeguarding dataset that every board reports each quarter."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=limits.NAME)
    group = models.CharField(
        max_length=limits.SHORT_LABEL, help_text="The table the figure appears in."
    )
    unit = models.CharField(max_length=40, default="children")
    aggregation = models.CharField(
        max_length=10, choices=Aggregation.choices, default=Aggregation.SNAPSHOT
    )
    decimal = models.BooleanField(
        default=False, help_text="Allow fractions, e.g. full-time equivalent posts."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The total this figure is a part of; its share of that total is computed.",
    )
    breakdown = models.CharField(
        max_length=100,
        blank=True,
        help_text="Name of a complete breakdown of the parent (e.g. placement type). Parts of "
        "a named breakdown must add up to the parent's total.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = WatchedManager()

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A board's figure for one indicator in one quarter, as entered or imported."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    quarter = models.CharField(max_length=6, validators=[validate_quarter_code])
    value = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "quarter", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "indicator", "quarter"], name="one_value_per_indicator_quarter"
            )
        ]
        indexes = [models.Index(fields=["board", "quarter"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.quarter} = {self.value}"


class ReportNarrative(models.Model):
    """The officer-written sections of one quarter's report to the portfolio holder."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="report_narratives")
    quarter = models.CharField(max_length=6, validators=[validate_quarter_code])
    portfolio = models.CharField(max_length=limits.NAME)
    report_date = models.DateField(null=True, blank=True)
    report_of = models.CharField("Report of", max_length=limits.NAME)
    author = models.CharField("Report author", max_length=limits.NAME, blank=True)
    subject = models.CharField(max_length=limits.TITLE)
    purpose = models.TextField(**limits.model_limit(limits.REPORT_NARRATIVE))
    summary_of_contents = models.TextField(**limits.model_limit(limits.REPORT_NARRATIVE))
    relevance = models.TextField(
        "Relevance to the portfolio", **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    decision_type = models.CharField("Type of decision", max_length=limits.SHORT_LABEL)
    decision_route = models.TextField(
        "Decision making route", **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    decisions_required = models.TextField(
        "Decisions required", **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    background = models.TextField(**limits.model_limit(limits.REPORT_NARRATIVE))
    activity_commentary = models.TextField(
        "Commentary on this quarter's activity",
        blank=True,
        **limits.model_limit(limits.REPORT_NARRATIVE),
    )
    board_commentary = models.TextField(
        "The board's work this quarter", blank=True, **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    review_panel = models.TextField(
        "Serious case review panel", blank=True, **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    development_day = models.TextField(
        "Development day", blank=True, **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    proposals = models.TextField(**limits.model_limit(limits.REPORT_NARRATIVE))
    risk = models.TextField("Risk implications", **limits.model_limit(limits.REPORT_NARRATIVE))
    legal_financial = models.TextField(
        "Legal and financial considerations", **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    recommendations = models.TextField(**limits.model_limit(limits.REPORT_NARRATIVE))
    reasons = models.TextField(
        "Reasons for recommendations", **limits.model_limit(limits.REPORT_NARRATIVE)
    )
    background_papers = models.TextField(**limits.model_limit(limits.NOTES))
    contact_officer = models.TextField(**limits.model_limit(limits.NOTES))
    reported_reviews = models.ManyToManyField(
        "reviews.Review",
        blank=True,
        related_name="report_narratives",
        verbose_name="Reviews whose findings go in the report",
        help_text="Each review chosen gets its own section of the report: its strengths and "
        "areas for development, and its recommendations with their progress.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "quarter"], name="one_narrative_per_quarter")
        ]

    def __str__(self) -> str:
        return f"Narrative for {self.board} {self.quarter}"


class Trigger(models.TextChoices):
    MANUAL = "manual", "Asked for by an officer"
    SCHEDULED = "scheduled", "Scheduled after the quarter ended"
    COMMAND = "command", "Queued from the command line"


def report_path(instance: QuarterlyReport, filename: str) -> str:
    return instance.storage_name()


class QuarterlyReport(models.Model):
    """One rendered version of a quarter's report to the portfolio holder, as a PDF."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="quarterly_reports")
    quarter = models.CharField(max_length=6, validators=[validate_quarter_code])
    version = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to=report_path, blank=True, max_length=255)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # A render's claim: until this moment the report is a live render's; the render pushes
    # it on while it runs, so a claim left to lapse belongs to a worker that is gone.
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=255, blank=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "quarter", "version"], name="one_report_per_version"
            ),
            # The beat fan-out may run twice; the database keeps one scheduled report.
            models.UniqueConstraint(
                fields=["board", "quarter"],
                condition=Q(trigger="scheduled"),
                name="one_scheduled_report_per_quarter",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "started_at"]),
            models.Index(fields=["status", "lease_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.quarter} version {self.version}"

    @property
    def quarter_obj(self) -> Quarter:
        return Quarter.parse(self.quarter)

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY and bool(self.pdf)

    @property
    def in_progress(self) -> bool:
        return self.status in {ReportStatus.QUEUED, ReportStatus.RENDERING}

    def download_filename(self) -> str:
        return f"{self.board.slug}-safeguarding-report-{self.quarter}-v{self.version}.pdf"

    def storage_name(self) -> str:
        return f"reports/{self.board.slug}/{self.quarter}/{self.download_filename()}"


class PortfolioMeeting(models.Model):
    """A portfolio holder's decision meeting, whose schedule lists the reports they receive."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="portfolio_meetings")
    portfolio = models.CharField(max_length=limits.NAME, default="Children's Services Portfolio")
    date = models.DateField()
    time = models.TimeField()
    venue = models.CharField(max_length=limits.NAME)
    decision_maker = models.CharField(
        max_length=limits.TITLE, help_text="Who will consider the items, e.g. the cabinet member."
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["-date", "-time"]

    def __str__(self) -> str:
        return f"{self.portfolio} on {self.date:%-d %B %Y}"


class ItemSection(models.TextChoices):
    KEY = "key", "Key decisions"
    OTHER = "other", "Other items requiring decision"
    SCRUTINY = "scrutiny", "Reports from overview and scrutiny forums"


class PortfolioItem(models.Model):
    """One item on a decision schedule; exempt items carry their Schedule 12A paragraph."""

    meeting = models.ForeignKey(PortfolioMeeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=10, choices=ItemSection.choices)
    title = models.CharField(max_length=limits.TITLE)
    report_of = models.CharField(max_length=limits.NAME, help_text="Whose report it is.")
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text="For exempt items: the paragraph of Part 1 of Schedule 12A to the Local "
        "Government Act 1972 that applies. Leave empty for items taken in public.",
    )
    key_tests = models.CharField(
        max_length=limits.SHORT_LABEL, blank=True, help_text="e.g. Key Tests i and ii"
    )
    report_quarter = models.CharField(
        max_length=6,
        blank=True,
        validators=[validate_quarter_code],
        help_text="Set when the item is the board's quarterly report for this quarter.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = WatchedManager()

    class Meta:
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def exempt(self) -> bool:
        return self.exempt_paragraph is not None


class YearlySectionKey(models.TextChoices):
    """The contents of the partnership's yearly report: Working Together's four items, the
    arrangements themselves, funding and the year's figures."""

    ARRANGEMENTS = "arrangements", "The partnership's arrangements"
    FUNDING = "funding", "Funding contributions by agency"
    IMPACT = "impact", "Impact of the partners' work, training included"
    LITTLE_PROGRESS = "little_progress", "Priorities with little or no evidence of progress"
    REVIEWS = "reviews", "Practice reviews, inspections and what followed them"
    VOICE = "voice", "Feedback from children and families"
    FIGURES = "figures", "The year in figures"


class YearlyReport(models.Model):
    """The partnership's report on one financial year: what the partners did under their
    arrangements and how effective those arrangements were."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="yearly_reports")
    year = models.PositiveSmallIntegerField(
        help_text="The calendar year the financial year starts in: 2008 for April 2008 to "
        "March 2009."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(
        "Summary for children and families",
        blank=True,
        help_text="A few short paragraphs in plain language, published beside the report.",
        **limits.model_limit(limits.REPORT_NARRATIVE),
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # What was published, as published: later edits to the live records do not change it.
    published_html = models.TextField(blank=True, editable=False)
    pdf = models.FileField(blank=True, max_length=255, editable=False)
    pdf_page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # SHA-256 of the published HTML the PDF was rendered from: a second render is skipped.
    rendered_from = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_yearly_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.board} yearly report {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def pdf_filename(self) -> str:
        return f"{self.board.slug}-yearly-report-{self.year}-{(self.year + 1) % 100:02d}.pdf"

    def storage_name(self) -> str:
        return f"reports/{self.board.slug}/yearly/{self.pdf_filename()}"


class YearlySection(models.Model):
    """The officer's narrative for one section of a yearly report, or why it is missing."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20, choices=YearlySectionKey.choices)
    narrative = models.TextField(blank=True, **limits.model_limit(limits.REPORT_NARRATIVE))
    missing_reason = models.TextField(
        "Why the report goes out without this section",
        blank=True,
        **limits.model_limit(limits.NOTES),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedManager()

    class Meta:
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_key_display()}"


class FundingContribution(models.Model):
    """What one agency paid into the partnership's budget for a financial year."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="contributions")
    year = models.PositiveSmallIntegerField()
    agency = models.ForeignKey("boards.Agency", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(
        "Amount (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    in_kind = models.CharField(
        "Contributions in kind",
        max_length=limits.TITLE,
        blank=True,
        help_text="Staff time, venues or other support given instead of, or as well as, money.",
    )

    objects = WatchedManager()

    class Meta:
        ordering = ["board", "-year", "-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year", "agency"], name="one_contribution_per_agency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: £{self.amount}"


from reporting.outcome_link_models import OutcomeIndicator  # noqa: E402,F401
from reporting.pack_models import MeetingPack  # noqa: E402,F401  (registers the model)
