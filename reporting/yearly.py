"""What the partnership's yearly report shows, gathered from a year of live records.

Each section of the contents (YearlySectionKey) gets its facts from the app that owns them,
as they stood at the financial year's end, and the officer's narrative. What the product
does not hold for the year is named in the section's `gaps`, so the report says "missing"
rather than leaving a hole or inventing text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from boards.meeting_selectors import attendance_table, board_meetings_held
from boards.models import Board, Membership, Subgroup
from lscb.charts import PRINT_FONT, grouped_bar_chart
from lscb.vocab import RAG, Quarter
from reporting.dataset import quarter_figures
from reporting.models import (
    FundingContribution,
    IndicatorValue,
    YearlyReport,
    YearlySection,
    YearlySectionKey,
)
from reviews.clocks import ClockState
from reviews.models import CASE_REVIEW_KINDS, INSPECTION_KINDS, ReviewKind
from reviews.selectors.report import ReviewActivity, review_activity_between
from training import selectors as training_selectors
from voice import selectors as voice_selectors
from voice.selectors import you_said_we_did
from workplans import selectors as workplan_selectors
from workplans.models import ProgressUpdate

# Working Together 2018's four items, and what the arrangements and figures sections cover.
SECTION_GUIDE = {
    YearlySectionKey.ARRANGEMENTS: "The board, its subgroups, and membership by agency.",
    YearlySectionKey.FUNDING: "What each partner agency contributed to the partnership's budget.",
    YearlySectionKey.IMPACT: "Working Together item 1: evidence of the impact of the partners' "
    "work, training included, on outcomes for children and families.",
    YearlySectionKey.LITTLE_PROGRESS: "Working Together item 2: areas with little or no "
    "evidence of progress on the priorities agreed.",
    YearlySectionKey.REVIEWS: "Working Together item 3: decisions and actions taken on the "
    "recommendations of local and national practice reviews, and what improved.",
    YearlySectionKey.VOICE: "Working Together item 4: how the partners sought and used "
    "feedback from children and families.",
    YearlySectionKey.FIGURES: "The safeguarding dataset across the year's four quarters.",
}
REQUIRED = frozenset(YearlySectionKey)
NO_MEETING_HELD = (
    "Attendance at meetings by agency: no board meeting of the year is recorded as held."
)
NO_VOICE = "“You said, we did”: no records of listening to children and families for the year."
AMBER_OR_RED = {RAG.AT_RISK, RAG.OFF_TRACK}
TREND_INDICATORS = [
    "referrals",
    "children_in_need",
    "protection_plans",
    "looked_after",
]
PLAN_CATEGORIES = [
    "plans_neglect",
    "plans_physical",
    "plans_emotional",
    "plans_sexual",
    "plans_multiple",
]


@dataclass(frozen=True)
class Year:
    """A financial year: April `year` to March `year + 1`."""

    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    @property
    def quarters(self) -> list[Quarter]:
        return [Quarter(self.year, n) for n in range(1, 5)]

    @property
    def label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"


@dataclass
class Section:
    key: str
    title: str
    guide: str
    narrative: str = ""
    missing_reason: str = ""
    # What the product does not hold for this section and year, each said as "missing".
    gaps: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    @property
    def is_missing(self) -> bool:
        return not self.narrative.strip() or bool(self.gaps)

    @property
    def blocks_publication(self) -> bool:
        return self.key in REQUIRED and self.is_missing and not self.missing_reason.strip()

    @property
    def missing_parts(self) -> list[str]:
        parts = [] if self.narrative.strip() else ["The officer's narrative has not been written."]
        return parts + self.gaps


@dataclass(frozen=True)
class AgencyMembers:
    agency: str
    members: int
    voting: int


@dataclass(frozen=True)
class SlowOutcome:
    title: str
    quarters: tuple[str, ...]  # codes of the quarters it ended amber or red
    last_rag: str

    @property
    def last_rag_label(self) -> str:
        return RAG(self.last_rag).label


def arrangements(board: Board, year: Year) -> dict:
    """Subgroups and panels, and the board's own members in the year by the agency they
    represent (two queries)."""
    subgroups = list(Subgroup.objects.filter(board=board, active=True).order_by("kind", "name"))
    rows = (
        Membership.objects.filter(board=board, subgroup__isnull=True, term_start__lte=year.end)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=year.start))
        .values("agency__name")
        .annotate(members=Count("person", distinct=True))
        .annotate(voting=Count("person", filter=Q(voting=True), distinct=True))
        .order_by("agency__name")
    )
    agencies = [
        AgencyMembers(r["agency__name"] or "No agency (independent)", r["members"], r["voting"])
        for r in rows
    ]
    return {
        "standing": [s for s in subgroups if s.kind == Subgroup.Kind.STANDING],
        "panels": [s for s in subgroups if s.kind == Subgroup.Kind.PANEL],
        "agencies": agencies,
        "members": sum(a.members for a in agencies),
    }


def funding(board: Board, year: Year) -> dict:
    rows = list(
        FundingContribution.objects.filter(board=board, year=year.year)
        .select_related("agency")
        .order_by("-amount", "agency__name")
    )
    return {"rows": rows, "total": sum((r.amount for r in rows), Decimal(0))}


def final_ratings(board: Board, year: Year) -> dict:
    """The year's workplan and each outcome's last rating on or before the year's end."""
    workplan, rows = workplan_selectors.report_appendix(board, year.quarters[-1])
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.rag_label] += 1
    return {"workplan": workplan, "rows": rows, "counts": sorted(counts.items())}


def training(board: Board, year: Year) -> training_selectors.Figures | None:
    """Coverage against need at the year's end and the evaluations of the year's sessions;
    None when the board holds no training records that bear on the year (as `_no_training`
    tells more cheaply)."""
    figures = training_selectors.figures(board, year.end, start=year.start, end=year.end)
    held = figures.reaction_count or figures.learning_count or figures.follow_up_count
    if not held and not any(row.trained for row in figures.coverage):
        return None
    return figures


def little_progress(board: Board, year: Year) -> list[SlowOutcome]:
    """Outcomes whose last update in two or more of the year's quarters was at risk or off
    track (one query: the year's updates, in date order)."""
    updates = (
        ProgressUpdate.objects.filter(
            outcome__workplan__board=board, date__range=(year.start, year.end)
        )
        .order_by("date", "pk")
        .values_list("outcome_id", "outcome__title", "date", "rag")
    )
    last_in_quarter: dict[int, dict[str, str]] = defaultdict(dict)
    titles: dict[int, str] = {}
    for outcome_id, title, day, rag in updates:
        titles[outcome_id] = title
        last_in_quarter[outcome_id][Quarter.containing(day).code] = rag
    slow = []
    for outcome_id, by_quarter in last_in_quarter.items():
        poor = tuple(code for code, rag in sorted(by_quarter.items()) if rag in AMBER_OR_RED)
        if len(poor) >= 2:
            last = by_quarter[max(by_quarter)]
            slow.append(SlowOutcome(titles[outcome_id], poor, last))
    return sorted(slow, key=lambda s: (-len(s.quarters), s.title))


def _clock_counts(activity: list[ReviewActivity], year: Year) -> dict[str, int]:
    met = missed = 0
    for review in activity:
        for clock in review.clocks:
            if not year.start <= clock.due <= year.end and not (
                clock.done and year.start <= clock.done <= year.end
            ):
                continue
            if clock.state == ClockState.MET:
                met += 1
            elif clock.state in {ClockState.MET_LATE, ClockState.OVERDUE}:
                missed += 1
    return {"met": met, "missed": missed}


def reviews(board: Board, year: Year) -> dict:
    """Practice reviews and inspections active in the year, what happened to them in it and
    their statutory clocks (three queries)."""
    activity = review_activity_between(board, year.start, year.end)

    def dated(name: str, kinds) -> int:
        return sum(
            1 for r in activity if r.kind in kinds and any(what == name for _day, what in r.events)
        )

    practice = {ReviewKind.SERIOUS_CASE_REVIEW, ReviewKind.PRACTICE_REVIEW}
    return {
        "case_reviews": [r for r in activity if r.kind in CASE_REVIEW_KINDS],
        "inspections": [r for r in activity if r.kind in INSPECTION_KINDS],
        "counts": {
            "notified": dated("notified", CASE_REVIEW_KINDS),
            "rapid_reviews": dated("rapid review completed", CASE_REVIEW_KINDS),
            "practice_started": sum(
                1 for r in activity if r.kind in practice and r.start_date >= year.start
            ),
            "practice_closed": dated("closed", practice),
            "practice_published": dated("published", practice),
        },
        "clocks": _clock_counts(activity, year),
    }


def figures(board: Board, year: Year) -> dict:
    """The dataset's year: each trend indicator and protection plans by category, quarter by
    quarter, with a chart of the categories."""
    last = year.quarters[-1]
    data = quarter_figures(board, last, history_quarters=4)
    names = {r.indicator.code: r.indicator.name for r in data.rows}
    trend = [(names[c], data.series(c, year.quarters)) for c in TREND_INDICATORS if c in names]
    categories = [c for c in PLAN_CATEGORIES if c in names]
    held = any(v is not None for _name, values in trend for v in values)
    chart = None
    if held and categories:
        series = []
        for q in year.quarters:
            values = [data.series(c, [q])[0] for c in categories]
            series.append((q.code, [int(v) if v is not None else None for v in values]))
        chart = grouped_bar_chart(
            [names[c] for c in categories],
            series,
            title=f"Children subject to a protection plan by category, {year.label}",
            chart_id="yearly-plans-chart",
            font=PRINT_FONT,
        )
    return {
        "quarters": year.quarters,
        "trend": trend,
        "categories": [(names[c], data.series(c, year.quarters)) for c in categories],
        "held": held,
        "chart": chart,
    }


# What each section's status (its narrative and gaps, not its facts: see `status`) is
# read from, as areas of the board's work (lscb.freshness); narratives are reporting
# records. The report page caches each status on these alone: progress, reviews and the
# year's ratings fill sections but never leave one missing, so recording them renders
# nothing of the contents again.
STATUS_AREAS = {
    YearlySectionKey.ARRANGEMENTS: "reporting meetings",
    YearlySectionKey.FUNDING: "reporting",
    YearlySectionKey.IMPACT: "reporting plans training",
    YearlySectionKey.LITTLE_PROGRESS: "reporting",
    YearlySectionKey.REVIEWS: "reporting",
    YearlySectionKey.VOICE: "reporting",
    YearlySectionKey.FIGURES: "reporting",
}


def saved_sections(report: YearlyReport) -> dict[str, YearlySection]:
    """The officer's narratives, by section key (one query; none for an unsaved report)."""
    return {s.key: s for s in report.sections.all()} if report.pk is not None else {}


def _empty(key: str, saved: dict[str, YearlySection]) -> Section:
    key = YearlySectionKey(key)
    own = saved.get(key.value)
    return Section(
        key=key.value,
        title=key.label,
        guide=SECTION_GUIDE[key],
        narrative=own.narrative if own else "",
        missing_reason=own.missing_reason if own else "",
    )


def section(report: YearlyReport, key: str, saved: dict[str, YearlySection]) -> Section:
    """One section of the report with its facts, narrative and what is missing."""
    result = _empty(key, saved)
    _fill(result, report.board, Year(report.year))
    return result


def status(report: YearlyReport, key: str, saved: dict[str, YearlySection]) -> Section:
    """One section's narrative and what is missing, without the facts that only fill it
    (the contents page's row): the same `is_missing` and `missing_parts` as `section`."""
    result = _empty(key, saved)
    board, year = report.board, Year(report.year)
    if result.key == YearlySectionKey.ARRANGEMENTS:
        if not board_meetings_held(board, year.year).exists():
            result.gaps.append(NO_MEETING_HELD)
    elif result.key == YearlySectionKey.FUNDING:
        if not FundingContribution.objects.filter(board=board, year=year.year).exists():
            result.gaps.append(_no_contribution(year))
    elif result.key == YearlySectionKey.IMPACT:
        no_plan = workplan_selectors.current_workplan(board, year.end) is None
        result.gaps = _impact_gaps(no_plan, _no_training(board, year), year)
    elif result.key == YearlySectionKey.VOICE:
        if not voice_selectors.any_between(board, year.start, year.end):
            result.gaps.append(NO_VOICE)
    elif result.key == YearlySectionKey.FIGURES:
        trend_values = IndicatorValue.objects.filter(
            board=board,
            indicator__code__in=TREND_INDICATORS,
            quarter__in=[q.code for q in year.quarters],
            value__isnull=False,
        )
        if not trend_values.exists():  # as `figures` finds nothing `held`
            result.gaps.append(_no_figures(year))
    return result


def _no_training(board: Board, year: Year) -> bool:
    """Whether `training(board, year)` is None, without reading the figures: whether any
    session of the year was evaluated, and the coverage at the year's end (both read
    whatever the first says, so the page's queries do not depend on the data)."""
    evaluated = training_selectors.evaluated(board, year.start, year.end)
    trained = any(row.trained for row in training_selectors.coverage(board, year.end))
    return not evaluated and not trained


def sections(report: YearlyReport) -> list[Section]:
    """Every section of the report with its facts, narrative and what is missing."""
    saved = saved_sections(report)
    return [section(report, key, saved) for key in YearlySectionKey]


def _fill(section: Section, board: Board, year: Year) -> None:
    key = section.key
    if key == YearlySectionKey.ARRANGEMENTS:
        section.facts = arrangements(board, year)
        meetings, attendance = attendance_table(board, year.year)
        section.facts |= {"meetings_held": len(meetings), "attendance": attendance}
        if not meetings:
            section.gaps.append(NO_MEETING_HELD)
    elif key == YearlySectionKey.FUNDING:
        section.facts = funding(board, year)
        if not section.facts["rows"]:
            section.gaps.append(_no_contribution(year))
    elif key == YearlySectionKey.IMPACT:
        section.facts = final_ratings(board, year)
        section.facts["training"] = training(board, year)
        section.gaps += _impact_gaps(
            section.facts["workplan"] is None, section.facts["training"] is None, year
        )
    elif key == YearlySectionKey.LITTLE_PROGRESS:
        section.facts = {"outcomes": little_progress(board, year)}
    elif key == YearlySectionKey.REVIEWS:
        section.facts = reviews(board, year)
    elif key == YearlySectionKey.VOICE:
        section.facts = {"records": you_said_we_did(board, year.start, year.end)}
        if not section.facts["records"]:
            section.gaps.append(NO_VOICE)
    elif key == YearlySectionKey.FIGURES:
        section.facts = figures(board, year)
        if not section.facts["held"]:
            section.gaps.append(_no_figures(year))


def _impact_gaps(no_plan: bool, no_training: bool, year: Year) -> list[str]:
    gaps = []
    if no_plan:
        gaps.append(f"No workplan covers the end of {year.label}.")
    if no_training:
        gaps.append("Training coverage and evaluation: no training records for the year.")
    return gaps


def _no_contribution(year: Year) -> str:
    return f"No agency's contribution for {year.label} has been entered."


def _no_figures(year: Year) -> str:
    return f"No figures of the safeguarding dataset for {year.label}."
