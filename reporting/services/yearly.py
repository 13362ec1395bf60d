"""Writes for the partnership's yearly report: section narratives, the summary for families,
funding contributions, publication and the published PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from decimal import Decimal

from celery import current_app
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from boards.models import Agency, Board
from lscb import audit
from reporting import yearly
from reporting.models import FundingContribution, YearlyReport, YearlySection, YearlySectionKey
from reporting.storage import save_atomically
from reporting.yearly_document import yearly_html

logger = logging.getLogger(__name__)


def _actor(by):
    return by if by is not None and by.is_authenticated else None


def _report(board: Board, year: int) -> YearlyReport:
    report, _ = YearlyReport.objects.get_or_create(board=board, year=year)
    return report


def yearly_section_save(
    *, board: Board, year: int, key: str, narrative: str, missing_reason: str = "", by
) -> YearlySection:
    """Save the officer's narrative for one section, and why it may go out missing."""
    if key not in YearlySectionKey.values:
        raise ValidationError({"key": "There is no such section of the yearly report."})
    with transaction.atomic():
        report = _report(board, year)
        section, created = YearlySection.objects.get_or_create(report=report, key=key)
        before = {"narrative": section.narrative, "missing_reason": section.missing_reason}
        section.narrative = narrative.strip()
        section.missing_reason = missing_reason.strip()
        section.updated_by = _actor(by)
        section.full_clean()
        section.save()
        after = {"narrative": section.narrative, "missing_reason": section.missing_reason}
        audit.record(
            actor=by,
            action="reporting.yearly_section_saved",
            summary=f"Wrote “{section.get_key_display()}” of the {report.year_label} yearly report",
            obj=report,
            board=board,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return section


def yearly_summary_save(*, board: Board, year: int, summary: str, by) -> YearlyReport:
    """Save the plain-language summary for children and families."""
    with transaction.atomic():
        report = _report(board, year)
        before = report.summary
        report.summary = summary.strip()
        report.full_clean()
        report.save(update_fields=["summary", "updated_at"])
        audit.record(
            actor=by,
            action="reporting.yearly_summary_saved",
            summary=f"Wrote the summary for families of the {report.year_label} yearly report",
            obj=report,
            board=board,
            changes={"summary": [before, report.summary]} if before != report.summary else {},
        )
    return report


def contribution_save(
    *, board: Board, year: int, agency: Agency, amount: Decimal, in_kind: str = "", by
) -> FundingContribution:
    """Record (or correct) what one agency contributed to the partnership in a year."""
    with transaction.atomic():
        row = FundingContribution.objects.filter(board=board, year=year, agency=agency).first()
        before = f"£{row.amount}" if row else ""
        row = row or FundingContribution(board=board, year=year, agency=agency)
        row.amount = amount
        row.in_kind = in_kind.strip()
        row.full_clean()
        row.save()
        audit.record(
            actor=by,
            action="reporting.contribution_saved",
            summary=f"Recorded {agency.name}'s contribution for {year}/{(year + 1) % 100:02d}",
            obj=row,
            board=board,
            changes={"amount": [before, f"£{row.amount}"]},
        )
    return row


def contribution_delete(*, contribution: FundingContribution, by) -> None:
    with transaction.atomic():
        audit.record(
            actor=by,
            action="reporting.contribution_deleted",
            summary=f"Removed {contribution.agency.name}'s contribution for {contribution.year}",
            obj=contribution,
            board=contribution.board,
            changes={"amount": [f"£{contribution.amount}", ""]},
        )
        contribution.delete()


def yearly_publish(*, board: Board, year: int, by) -> YearlyReport:
    """Publish the report as it stands: the HTML is kept as published and its PDF is
    rendered after the commit. Refused while a required section is missing without a
    recorded reason, or while the summary for families is empty."""
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=_report(board, year).pk)
        blocking = [s for s in yearly.sections(report) if s.blocks_publication]
        errors = {}
        if blocking:
            names = "; ".join(s.title for s in blocking)
            errors["__all__"] = [
                f"These sections are missing and no reason has been recorded: {names}. "
                "Write each one, or record why the report goes out without it."
            ]
        if not report.summary.strip():
            errors["summary"] = ["Write the summary for children and families first."]
        if errors:
            raise ValidationError(errors)
        first = not report.is_published
        report.published_html = yearly_html(report, published=True)
        # Marks the PDF as wanted: the sweep sends the render of any report still so marked
        # a while later, should its message be lost.
        report.rendered_from = ""
        report.status = YearlyReport.Status.PUBLISHED
        report.published_at = timezone.now()
        report.published_by = _actor(by)
        report.save()
        audit.record(
            actor=by,
            action="reporting.yearly_published",
            summary=f"{'Published' if first else 'Published again'} the "
            f"{report.year_label} yearly report",
            obj=report,
            board=board,
        )
        report_id = report.pk
        transaction.on_commit(lambda: _send_yearly_render(report_id))
    return report


def _send_yearly_render(report_id: int) -> None:
    # By name from the registry, as reporting.services does: tasks import services.
    try:
        current_app.tasks["reporting.tasks.render_yearly_report"].delay(report_id)
    except Exception:
        # The broker is down: the report is published, and the sweep sends the render
        # once the queue is back (yearly_reports_needing_a_pdf).
        logger.exception("Could not queue the PDF of yearly report %s", report_id)


def yearly_reports_needing_a_pdf(now: dt.datetime | None = None) -> list[int]:
    """Published reports whose PDF of the text as published was never rendered, ten minutes
    after publication: their message was lost to a broker that was down, or to a worker
    that died."""
    now = now or timezone.now()
    return list(
        YearlyReport.objects.filter(
            status=YearlyReport.Status.PUBLISHED,
            rendered_from="",
            published_at__lt=now - dt.timedelta(minutes=10),
        ).values_list("pk", flat=True)
    )


def yearly_render_pdf(*, report_id: int) -> bool:
    """Render the published HTML as a tagged PDF and keep it; safe to run twice (a render
    of HTML already rendered is skipped). False when there is nothing published."""
    from reporting.pdf import render_pdf  # WeasyPrint loads only where reports are rendered

    report = YearlyReport.objects.select_related("board").filter(pk=report_id).first()
    if report is None or not report.published_html:
        return False
    digest = hashlib.sha256(report.published_html.encode()).hexdigest()
    if report.pdf and report.rendered_from == digest and default_storage.exists(report.pdf.name):
        return True
    rendered = render_pdf(report.published_html)
    stored = save_atomically(report.storage_name(), rendered.data)
    # Only the render of what is still the published text counts.
    return bool(
        YearlyReport.objects.filter(pk=report_id, published_html=report.published_html).update(
            pdf=stored, pdf_page_count=rendered.page_count, rendered_from=digest
        )
    )
