"""Freshness scenarios for the yearly report's and voice records' services (see
freshness_scenarios.py)."""

from __future__ import annotations

from decimal import Decimal

from reporting.models import FundingContribution, Indicator, YearlyReport, YearlySectionKey
from reporting.services import outcome_indicators, yearly
from tests.factories import AgencyFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory

YEAR = 2008


def _section_save(w):
    return (
        w.url("reporting:yearly", YEAR),
        lambda: yearly.yearly_section_save(
            board=w.board, year=YEAR, key="voice", narrative="", missing_reason="Nia", by=w.officer
        ),
        "Missing, reason recorded",
    )


def _summary_save(w):
    return (
        w.url("reporting:yearly_preview", YEAR),
        lambda: yearly.yearly_summary_save(
            board=w.board, year=YEAR, summary="Summary by Nia", by=w.officer
        ),
        "Summary by Nia",
    )


def _contribution_save(w):
    agency = AgencyFactory(name="Nia's agency")
    return (
        w.url("reporting:yearly_funding", YEAR),
        lambda: yearly.contribution_save(
            board=w.board, year=YEAR, agency=agency, amount=Decimal(4343), by=w.officer
        ),
        "4,343",
    )


def _contribution_delete(w):
    row = FundingContribution.objects.create(
        board=w.board, year=YEAR, agency=AgencyFactory(name="Nia's agency"), amount=Decimal(1)
    )
    return (
        w.url("reporting:yearly_funding", YEAR),
        lambda: yearly.contribution_delete(contribution=row, by=w.officer),
        None,
    )


def _publish(w):
    for key in YearlySectionKey.values:
        yearly.yearly_section_save(
            board=w.board, year=YEAR, key=key, narrative="x", missing_reason="y", by=w.officer
        )
    yearly.yearly_summary_save(board=w.board, year=YEAR, summary="In brief", by=w.officer)
    return (
        w.url("reporting:yearly", YEAR),
        lambda: yearly.yearly_publish(board=w.board, year=YEAR, by=w.officer),
        "Read the report as published",
    )


def _render_pdf(w):
    report = YearlyReport.objects.create(
        board=w.board, year=YEAR, status="published", published_html="<html></html>"
    )
    return (
        w.url("reporting:yearly", YEAR),
        lambda: yearly.yearly_render_pdf(report_id=report.pk),
        "Download the published PDF",
    )


SCENARIOS = {
    "reporting.services.yearly.yearly_section_save": _section_save,
    "reporting.services.yearly.yearly_summary_save": _summary_save,
    "reporting.services.yearly.contribution_save": _contribution_save,
    "reporting.services.yearly.contribution_delete": _contribution_delete,
    "reporting.services.yearly.yearly_publish": _publish,
    "reporting.services.yearly.yearly_render_pdf": _render_pdf,
}


def _voice_record_save(w):
    from voice.services import voice_record_save

    data = {
        "title": "Forum run by Nia",
        "date": w.today,
        "who": "young carers",
        "number_heard": 12,
        "method": "forum",
        "you_said": "More help at school.",
    }
    return (
        w.url("voice:list"),
        lambda: voice_record_save(board=w.board, data=data, by=w.officer),
        "Forum run by Nia",
    )


SCENARIOS["voice.services.voice_record_save"] = _voice_record_save


def _outcome_linked(w, **link):
    outcome = OutcomeFactory(workplan=WorkplanFactory(board=w.board))
    indicator = Indicator.objects.get(code="referrals")
    if link:
        outcome_indicators.outcome_indicator_set(
            outcome=outcome, by=w.officer, indicator=indicator, **link
        )
    return outcome, indicator


def _outcome_indicator_set(w):
    outcome, indicator = _outcome_linked(w)
    return (
        w.url("workplans:outcome", outcome.pk),
        lambda: outcome_indicators.outcome_indicator_set(
            outcome=outcome,
            by=w.officer,
            indicator=indicator,
            target=Decimal(250),
            direction="down",
        ),
        "Measured by: ",
    )


def _outcome_indicator_remove(w):
    outcome, _ = _outcome_linked(w, target=Decimal(250), direction="down")
    return (
        w.url("workplans:outcome", outcome.pk),
        lambda: outcome_indicators.outcome_indicator_remove(outcome=outcome, by=w.officer),
        "No indicator from the quarterly dataset measures this outcome.",
    )


SCENARIOS |= {
    "reporting.services.outcome_indicators.outcome_indicator_set": _outcome_indicator_set,
    "reporting.services.outcome_indicators.outcome_indicator_remove": _outcome_indicator_remove,
}
