"""Demo figures, narrative and decision schedule for Hartlepool's quarter to 31 December 2008,
and the board's figures and narrative for the last quarters before the day of loading, read
from reporting/demo.yaml. The reports of 2008Q3 and of the last quarter ended are asked for.
Safe to run again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from boards.models import Agency
from lscb import demo_files
from reporting.indicators import ensure_core_indicators
from reporting.models import (
    Indicator,
    IndicatorValue,
    OutcomeIndicator,
    PortfolioItem,
    PortfolioMeeting,
    QuarterlyReport,
    ReportNarrative,
    YearlyReport,
    YearlySectionKey,
)
from reporting.services import outcome_indicators
from reporting.services import yearly as yearly_services
from reviews.models import Review

DATA = demo_files.read("reporting")
# Imported by tests and the reporting bench, which build on the demo's own figures.
FIGURES: dict[str, dict[str, str]] = DATA["figures"]
NARRATIVE_2008Q3: dict = DATA["narratives"]["2008Q3"]


def load(context: dict) -> None:
    ensure_core_indicators()
    board = context["board"]
    officer = context.get("users", {}).get("officer")
    indicators = {i.code: i for i in Indicator.objects.all()}
    # Read afresh so "the last quarter" is the last one before the day of loading.
    today = demo_files.read("reporting", context["today"])
    for quarter, values in (FIGURES | today["current_figures"]).items():
        for code, value in values.items():
            IndicatorValue.objects.get_or_create(
                board=board,
                indicator=indicators[code],
                quarter=quarter,
                defaults={"value": Decimal(value), "entered_by": officer},
            )
    for quarter, narrative in (DATA["narratives"] | today["current_narratives"]).items():
        saved, created = ReportNarrative.objects.get_or_create(
            board=board, quarter=quarter, defaults={**narrative, "updated_by": officer}
        )
        if created:
            titles = DATA.get("reported_reviews", {}).get(quarter, [])
            saved.reported_reviews.set(Review.objects.filter(board=board, title__in=titles))
    spec = dict(DATA["portfolio_meeting"])
    items = spec.pop("items")
    meeting, created = PortfolioMeeting.objects.get_or_create(
        board=board,
        date=spec.pop("date"),
        defaults={**spec, "time": dt.time.fromisoformat(spec["time"])},
    )
    if created:
        for order, item in enumerate(items, start=1):
            PortfolioItem.objects.create(
                meeting=meeting,
                section=item["section"],
                title=item["title"],
                report_of=item["report_of"],
                exempt_paragraph=item.get("exempt_paragraph"),
                key_tests=item.get("key_tests", ""),
                report_quarter=item.get("report_quarter", ""),
                order=order,
            )
    quarter = DATA["report_quarter"]
    context["portfolio_meeting"] = meeting
    context["report_quarter"] = quarter
    for code in (quarter, today["current_report_quarter"]):
        if not QuarterlyReport.objects.filter(board=board, quarter=code).exists():
            from lscb.vocab import Quarter
            from reporting.services import report_request

            # With the in-process Celery of `make run` this renders once loaddemo commits.
            report_request(board=board, quarter=Quarter.parse(code), by=officer)
    load_yearly_report(board, officer)
    load_outcome_indicators(context, officer)


def load_outcome_indicators(context: dict, officer) -> None:
    """The current plan's outcomes measured by an indicator, through the service."""
    plan = context.get("current_workplan")
    if plan is None:
        return
    indicators = {i.code: i for i in Indicator.objects.all()}
    for spec in DATA["outcome_indicators"]:
        outcome = plan.outcomes.get(title=spec["outcome"])
        if OutcomeIndicator.objects.filter(outcome=outcome).exists():
            continue
        outcome_indicators.outcome_indicator_set(
            outcome=outcome,
            by=officer,
            indicator=indicators[spec["indicator"]],
            target=Decimal(spec["target"]),
            direction=spec["direction"],
            note=spec.get("note", ""),
        )


def load_yearly_report(board, officer) -> None:
    """The published report on 2008/09, through the services an officer's pages use."""
    spec = DATA["yearly_report"]
    year = spec["year"]
    if YearlyReport.objects.filter(board=board, year=year).exists():
        return
    for row in spec["contributions"]:
        yearly_services.contribution_save(
            board=board,
            year=year,
            agency=Agency.objects.get(name=row["agency"]),
            amount=Decimal(row["amount"]),
            in_kind=row.get("in_kind", ""),
            by=officer,
        )
    reasons = spec["missing_reasons"]
    for key in [k for k in YearlySectionKey.values if k in spec["sections"] or k in reasons]:
        yearly_services.yearly_section_save(
            board=board,
            year=year,
            key=key,
            narrative=spec["sections"].get(key, ""),
            missing_reason=reasons.get(key, ""),
            by=officer,
        )
    yearly_services.yearly_summary_save(board=board, year=year, summary=spec["summary"], by=officer)
    report = yearly_services.yearly_publish(board=board, year=year, by=officer)
    # History: the report went out in 2009, not on the day the demo is loaded.
    published = dt.datetime.combine(spec["published_on"], dt.time(10), tzinfo=dt.UTC)
    YearlyReport.objects.filter(pk=report.pk).update(published_at=published)
