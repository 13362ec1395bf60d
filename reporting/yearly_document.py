"""The yearly report as one HTML document: the browser preview, the published page and the
PDF all come from this template."""

from __future__ import annotations

from django.template.loader import render_to_string

from reporting import yearly
from reporting.models import YearlyReport


def yearly_context(report: YearlyReport) -> dict:
    year = yearly.Year(report.year)
    return {
        "board": report.board,
        "report": report,
        "year": year,
        "sections": yearly.sections(report),
    }


def yearly_html(report: YearlyReport, *, published: bool = False, preview: bool = False) -> str:
    context = yearly_context(report)
    context["preview"] = preview and not published
    return render_to_string("reporting/yearly_document.html", context)
