"""Celery tasks: thin wrappers that take ids and call services.

Worker settings that matter here live in lscb/settings.py and apply to every task: acks_late
with reject_on_worker_lost (a message whose worker died is delivered again), prefetch 1,
soft and hard time limits, and a task-count and memory limit per child, because WeasyPrint's
memory grows with each document.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from celery.signals import worker_ready
from django.db import connections

from boards.models import Board
from lscb.vocab import Quarter
from reporting import services
from reporting.services import packs as pack_services
from reporting.services import yearly as yearly_services

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def render_quarterly_report(self, report_id: int) -> str:
    """Render one QuarterlyReport to PDF; a second delivery of the same id does nothing."""
    try:
        return services.report_render(
            report_id=report_id,
            task_id=self.request.id or "",
            last_attempt=self.request.retries >= self.max_retries,
        )
    except services.RenderInProgress as busy:
        # Possibly a redelivery after a worker died holding the claim: come back once its
        # lease would lapse (a live render keeps renewing it), and take it over then.
        raise self.retry(countdown=busy.retry_in, exc=busy, max_retries=MAX_RETRIES + 5) from busy


@shared_task(
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=30,
    max_retries=5,
)
def notify_report_ready(report_id: int) -> int:
    return services.report_notify(report_id=report_id)


@shared_task(
    acks_late=True, autoretry_for=services.TRANSIENT_ERRORS, retry_backoff=10, max_retries=5
)
def queue_board_report(board_id: int, quarter_code: str) -> int | None:
    """Queue the scheduled report of one board for one quarter (once)."""
    board = Board.objects.filter(pk=board_id).first()
    if board is None:
        return None
    report = services.report_schedule(board=board, quarter=Quarter.parse(quarter_code))
    return report.pk if report else None


@shared_task
def queue_quarterly_reports(today: str | None = None) -> int:
    """Beat: a few days after a quarter ends, one task per board for the quarter just ended."""
    day = dt.date.fromisoformat(today) if today else dt.date.today()
    quarter = Quarter.containing(day).previous()
    board_ids = list(Board.objects.values_list("pk", flat=True))
    for board_id in board_ids:
        queue_board_report.delay(board_id, quarter.code)
    logger.info("Queued %s reports for %s", len(board_ids), quarter.code)
    return len(board_ids)


@shared_task
def requeue_stuck_reports() -> int:
    """Beat: send again reports whose message was lost or whose worker died, and the PDFs
    of yearly reports published while the queue was down."""
    ids = services.reports_needing_a_push()
    for report_id in ids:
        render_quarterly_report.delay(report_id)
    yearly_ids = yearly_services.yearly_reports_needing_a_pdf()
    for report_id in yearly_ids:
        render_yearly_report.delay(report_id)
    return len(ids) + len(yearly_ids)


@worker_ready.connect
def resume_abandoned_renders(**kwargs) -> int:
    """A starting worker sends again the renders a dead worker left, without waiting for
    beat (see services.renders_to_resume). Runs in the worker's main process."""
    try:
        due = services.renders_to_resume()
    except services.TRANSIENT_ERRORS:
        logger.exception("Could not look for abandoned renders; the sweep will find them")
        return 0
    finally:
        # The pool forks its children from this process: none may inherit its connection.
        connections.close_all()
    for report_id, wait in due.items():
        try:
            render_quarterly_report.apply_async((report_id,), countdown=wait)
        except Exception:
            logger.exception("Could not resend report %s; the sweep will", report_id)
    if due:
        logger.info("Resent %s abandoned or unfinished renders", len(due))
    return len(due)


@shared_task(
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    max_retries=MAX_RETRIES,
)
def render_yearly_report(report_id: int) -> bool:
    """Render a published yearly report's PDF; a second delivery finds it done."""
    return yearly_services.yearly_render_pdf(report_id=report_id)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    max_retries=MAX_RETRIES,
)
def render_meeting_pack(self, pack_id: int) -> str:
    """Render one meeting's agenda pack; a second delivery of the same id does nothing."""
    return pack_services.pack_render(
        pack_id=pack_id,
        task_id=self.request.id or "",
        last_attempt=self.request.retries >= self.max_retries,
    )


@shared_task
def requeue_stuck_packs() -> int:
    """Beat: send again packs whose message was lost or whose worker died."""
    ids = pack_services.packs_needing_a_push()
    for pack_id in ids:
        render_meeting_pack.delay(pack_id)
    return len(ids)
