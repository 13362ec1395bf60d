"""Everything the quarterly report shows, gathered once for both the HTML preview and the PDF.

The appendices come from the workplans and reviews apps through their own selectors, so the
report shows exactly what those apps' pages show, as it stood at the quarter's end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string

from boards.models import Board, Subgroup
from lscb.charts import PRINT_FONT, grouped_bar_chart, rag_bar_chart
from lscb.vocab import Quarter
from reporting.dataset import QuarterFigures, last_quarters, percent, quarter_figures
from reporting.models import ReportNarrative
from reporting.narrative_defaults import default_narrative
from reviews.selectors.report import (
    ReviewFindings,
    open_actions_for_report,
    open_decisions_for_report,
    review_activity,
    review_findings_for_report,
)
from training import record as training_record
from training import selectors as training_selectors
from workplans import selectors as workplan_selectors

MAIN_REASONS = ["referrals_abuse_neglect", "referrals_family_dysfunction", "referrals_acute_stress"]
PLAN_CATEGORIES = [
    "plans_neglect",
    "plans_physical",
    "plans_emotional",
    "plans_sexual",
    "plans_multiple",
]


@dataclass
class Appendices:
    workplan: object | None = None
    workplan_rows: list = field(default_factory=list)
    rag_chart: str | None = None
    rag_counts: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    reviews: list = field(default_factory=list)

    @property
    def impact_flagged(self) -> list:
        """The workplan's outcomes flagged for impact at the quarter end (workplans.impact)."""
        return [row for row in self.workplan_rows if row.impact_flag]


def narrative_for(board: Board, quarter: Quarter) -> ReportNarrative:
    """The saved narrative, or an unsaved one holding the first drafts."""
    saved = ReportNarrative.objects.filter(board=board, quarter=quarter.code).first()
    return saved or ReportNarrative(
        board=board, quarter=quarter.code, **default_narrative(board, quarter)
    )


def reported_findings(
    board: Board, narrative: ReportNarrative, quarter: Quarter
) -> list[ReviewFindings]:
    """The sections of the reviews the officer chose to report on, as at the quarter's end."""
    if narrative.pk is None:
        return []
    ids = list(narrative.reported_reviews.values_list("pk", flat=True))
    return review_findings_for_report(board, ids, quarter.end)


def appendices(board: Board, quarter: Quarter) -> Appendices:
    out = Appendices()
    out.workplan, out.workplan_rows = workplan_selectors.report_appendix(board, quarter)
    if out.workplan is not None:
        out.rag_counts = workplan_selectors.rag_counts_by_subgroup(out.workplan, as_of=quarter.end)
        if out.rag_counts:
            out.rag_chart = rag_bar_chart(
                out.rag_counts,
                title=(
                    f"Workplan outcomes by RAG status and lead subgroup at {quarter.end:%-d %B %Y}"
                ),
                chart_id="report-rag-chart",
                font=PRINT_FONT,
            )
    out.actions = list(open_actions_for_report(board, quarter.end))
    out.decisions = open_decisions_for_report(board, quarter.end)
    out.reviews = list(review_activity(board, quarter))
    return out


def plans_chart(
    figures: QuarterFigures,
) -> tuple[str | None, list[Quarter], list[tuple[str, list]]]:
    quarters = last_quarters(figures.quarter, 4)
    names = {r.indicator.code: r.indicator.name for r in figures.rows}
    categories = [c for c in PLAN_CATEGORIES if c in names]
    series = [
        (q.code, [figures.history.get(c, {}).get(q.code) for c in categories]) for q in quarters
    ]
    table = [(names[c], figures.series(c, quarters)) for c in categories]
    if not any(v is not None for _, values in series for v in values):
        return None, quarters, table
    chart = grouped_bar_chart(
        [names[c] for c in categories],
        [(label, [int(v) if v is not None else None for v in values]) for label, values in series],
        title="Children subject to a protection plan by category, last four quarters",
        chart_id="report-plans-chart",
        font=PRINT_FONT,
    )
    return chart, quarters, table


def training_figures(
    board: Board,
    quarter: Quarter,
    *,
    detail: bool = True,
    read: training_record.Record | None = None,
) -> training_selectors.Figures | None:
    """The quarter's training: coverage against need at its end, the evaluations of the
    sessions held in it, and the follow-ups on practice recorded in it; None for a board
    with no needs analysis and no evaluation in the quarter. Without `detail`, only the
    numbers (training.selectors.figures); `read`: the board's training already read."""
    figures = training_selectors.figures(
        board,
        quarter.end,
        start=quarter.start,
        end=quarter.end,
        practice_recorded=True,
        detail=detail,
        read=read,
    )
    if not (figures.coverage or figures.reaction_count or figures.learning_count) and not (
        figures.follow_up_count
    ):
        return None
    return figures


def report_context(board: Board, quarter: Quarter) -> dict:
    figures = quarter_figures(board, quarter)
    chart, chart_quarters, chart_table = plans_chart(figures)
    referrals = figures.value("referrals")
    main_reasons = [figures.value(c) for c in MAIN_REASONS]
    subgroups = list(Subgroup.objects.filter(board=board, active=True).order_by("kind", "name"))
    narrative = narrative_for(board, quarter)
    return {
        "board": board,
        "quarter": quarter,
        "narrative": narrative,
        "review_findings": reported_findings(board, narrative, quarter),
        "figures": figures,
        "f": figures.by_code,
        "referrals_per_month": (
            (referrals / 3).quantize(Decimal(1), ROUND_HALF_UP) if referrals is not None else None
        ),
        "main_reasons_share": (
            percent(sum(main_reasons, Decimal(0)), referrals) if None not in main_reasons else None
        ),
        "plans_chart": chart,
        "plans_chart_quarters": chart_quarters,
        "plans_chart_table": chart_table,
        "standing_subgroups": [s for s in subgroups if s.kind == Subgroup.Kind.STANDING],
        "panels": [s for s in subgroups if s.kind == Subgroup.Kind.PANEL],
        "appendix": appendices(board, quarter),
        "training": training_figures(board, quarter),
    }


def report_html(board: Board, quarter: Quarter, *, preview: bool = False) -> str:
    """The report document; the browser preview and the PDF use this same template."""
    context = report_context(board, quarter)
    context["preview"] = preview
    return render_to_string("reporting/report_document.html", context)
