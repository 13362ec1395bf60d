"""Browser journey: the quarterly reports list, with the demo's report waiting for the
worker, says so without reloading itself on a timer (which axe refuses, WCAG 2.2.1), then
updates in place once the worker has rendered it and announces the new status."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in


def test_the_reports_list_updates_in_place_once_the_report_is_ready(page, monkeypatch):
    from reporting import services
    from reporting.models import QuarterlyReport, ReportStatus
    from reporting.views import reports

    monkeypatch.setattr(reports, "REFRESH_SECONDS", 1)
    queued = list(QuarterlyReport.objects.filter(status=ReportStatus.QUEUED).order_by("pk"))
    assert queued  # loaddemo asked for them; the demo fixture left them queued
    waiting = queued[-1]

    sign_in(page, "officer")
    page.goto("/boards/hartlepool/reports/")
    expect(page.locator("#report-list .govuk-inset-text")).to_contain_text("being prepared")
    assert page.locator("[data-refresh-seconds]").count() == 1
    check_accessibility(page, "reports list, a report queued")

    for report in queued:
        services.report_render(report_id=report.pk)
    expect(page.locator("[data-refresh-seconds]")).to_have_count(0, timeout=30_000)
    expect(page.locator("#report-list .govuk-inset-text")).to_have_count(0)
    expect(page.locator("#report-news")).to_contain_text(
        f"Version {waiting.version} of {waiting.quarter}: Ready"
    )
    check_accessibility(page, "reports list, the report ready")
