"""Writes for reporting: figures, narratives, report requests and the render job itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from boards.models import Access, Board, Membership
from lscb import audit
from lscb.file_store import OBJECT_STORE_UNREACHABLE
from lscb.vocab import Quarter, plural
from reporting.models import (
    Indicator,
    IndicatorValue,
    QuarterlyReport,
    ReportNarrative,
    ReportStatus,
    Trigger,
)
from reporting.narrative_defaults import NARRATIVE_FIELDS

logger = logging.getLogger(__name__)

# Errors worth another go: the database or the file store (the media folder's disk or the
# object store) was briefly unavailable.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    OSError,
    *OBJECT_STORE_UNREACHABLE,
)


def _actor(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _upsert_values(
    board: Board, items: Iterable[tuple[str, str, Decimal | None]], by
) -> dict[str, list]:
    """Apply (quarter, code, value) triples; None removes a figure. Returns what changed."""
    items = list(items)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={c for _, c, _ in items})}
    existing = {
        (v.quarter, v.indicator.code): v
        for v in IndicatorValue.objects.select_for_update()
        .filter(board=board, quarter__in={q for q, _, _ in items})
        .select_related("indicator")
    }
    changes: dict[str, list] = {}
    for quarter, code, value in items:
        current = existing.get((quarter, code))
        old = current.value if current else None
        if old == value or (old is not None and value is not None and Decimal(old) == value):
            continue
        if value is None:
            current.delete()
        elif current is None:
            IndicatorValue.objects.create(
                board=board, indicator=indicators[code], quarter=quarter, value=value, entered_by=by
            )
        else:
            current.value = value
            current.entered_by = by
            current.save(update_fields=["value", "entered_by", "entered_at"])
        changes[f"{quarter} {code}"] = [_plain(old), _plain(value)]
    return changes


def figures_save(
    *, board: Board, quarter: Quarter, values: Mapping[str, Decimal | None], by
) -> int:
    """Save a quarter's figures from the form; blank fields remove a figure."""
    with transaction.atomic():
        changes = _upsert_values(
            board, ((quarter.code, code, value) for code, value in values.items()), _actor(by)
        )
        if changes:
            audit.record(
                actor=by,
                action="reporting.figures_saved",
                summary=f"Changed {plural(len(changes), 'figure')} for {quarter.code}",
                board=board,
                changes=changes,
            )
    return len(changes)


def figures_import(
    *, board: Board, rows: Iterable[tuple[str, str, Decimal]], by, filename: str = ""
) -> int:
    """Write checked rows from a CSV import, all of them or (on any error) none."""
    with transaction.atomic():
        changes = _upsert_values(board, rows, _actor(by))
        audit.record(
            actor=by,
            action="reporting.figures_imported",
            summary=f"Imported figures from {filename or 'a CSV file'}: {len(changes)} changed",
            board=board,
            changes=changes,
        )
    return len(changes)


def narrative_save(
    *, board: Board, quarter: Quarter, data: Mapping[str, object], by
) -> ReportNarrative:
    """Save the quarter's narrative; `data["reported_reviews"]`, when given, are the
    board's reviews whose findings get a section of the report."""
    fields = {k: data[k] for k in NARRATIVE_FIELDS if k in data}
    reviews = data.get("reported_reviews")
    if reviews is not None:
        reviews = list(reviews)
        if any(r.board_id != board.pk for r in reviews):
            raise ValidationError({"reported_reviews": "Choose only reviews of this board."})
    with transaction.atomic():
        narrative, created = ReportNarrative.objects.update_or_create(
            board=board, quarter=quarter.code, defaults={**fields, "updated_by": _actor(by)}
        )
        changes = {}
        if reviews is not None:
            before = "; ".join(
                narrative.reported_reviews.order_by("pk").values_list("title", flat=True)
            )
            narrative.reported_reviews.set(reviews)
            after = "; ".join(r.title for r in sorted(reviews, key=lambda r: r.pk))
            if before != after:
                changes["reported_reviews"] = [before, after]
        audit.record(
            actor=by,
            action="reporting.narrative_saved",
            summary=f"{'Wrote' if created else 'Edited'} the report narrative for {quarter.code}",
            obj=narrative,
            board=board,
            changes=changes,
        )
    return narrative


def _task(name: str):
    """One of reporting's Celery tasks, from the app's registry by name.

    Tasks call services, so services never import tasks; ReportingConfig.ready() imports
    reporting.tasks in every process, so the name is registered before a request runs.
    `.delay()` on the registered task keeps eager mode (no Redis) and test patches working,
    which `send_task()` would bypass.
    """
    return current_app.tasks[f"reporting.tasks.{name}"]


def _send_render(report_id: int) -> bool:
    """Hand the render to a worker; False when the broker is unavailable.

    CELERY_TASK_PUBLISH_RETRY_POLICY and the broker socket timeouts bound how long this
    waits on a broker that is down or hung, so the user's request comes back in seconds.
    """
    # Outside the try: a task missing from the registry is a bug, not a broker outage.
    task = _task("render_quarterly_report")
    try:
        task.delay(report_id)
    except Exception:
        # The broker is down: the report stays queued and the sweep sends it again.
        logger.exception("Could not queue report %s; the sweep will retry", report_id)
        return False
    return True


def report_request(
    *, board: Board, quarter: Quarter, by, trigger: str = Trigger.MANUAL
) -> QuarterlyReport:
    """Queue a new version of the quarter's report; the render starts once this commits."""
    with transaction.atomic():
        # Locking the board row serialises version numbers for concurrent requests.
        Board.objects.select_for_update().filter(pk=board.pk).first()
        last = QuarterlyReport.objects.filter(board=board, quarter=quarter.code).aggregate(
            v=Max("version")
        )["v"]
        report = QuarterlyReport.objects.create(
            board=board,
            quarter=quarter.code,
            version=(last or 0) + 1,
            trigger=trigger,
            requested_by=_actor(by),
        )
        audit.record(
            actor=by,
            action="reporting.report_requested",
            summary=f"Asked for version {report.version} of the {quarter.code} report",
            obj=report,
            board=board,
        )
        # Once committed (in the request, since views run in autocommit), `sent` says whether
        # a worker has the job or the sweep will send it when the broker is back.
        report.sent = None
        transaction.on_commit(lambda: setattr(report, "sent", _send_render(report.pk)))
    return report


def report_schedule(*, board: Board, quarter: Quarter) -> QuarterlyReport | None:
    """The scheduled report for a board's quarter, once: None if it was already queued."""
    if QuarterlyReport.objects.filter(
        board=board, quarter=quarter.code, trigger=Trigger.SCHEDULED
    ).exists():
        return None
    try:
        return report_request(board=board, quarter=quarter, by=None, trigger=Trigger.SCHEDULED)
    except IntegrityError:
        return None  # another beat run won the race; the constraint kept one


class RenderInProgress(Exception):
    """Another worker holds a live claim on the report; try again once it would lapse."""

    def __init__(self, report_id: int, retry_in: float) -> None:
        super().__init__(f"Report {report_id} is being rendered elsewhere")
        self.retry_in = max(1.0, retry_in)


def claim_timeout() -> dt.timedelta:
    """A claim older than the hard time limit belongs to a worker that is gone."""
    return dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 5)


def lease_length() -> dt.timedelta:
    """How long a claim lasts unless its render renews it (every third of this)."""
    return dt.timedelta(seconds=settings.REPORT_RENDER_LEASE_SECONDS)


def _lapsed(now: dt.datetime) -> Q:
    """Claims whose render is gone: the lease has lapsed (claims made before leases
    existed have none, and count as gone after the hard time limit)."""
    return Q(status=ReportStatus.RENDERING) & (
        Q(lease_until__lt=now) | Q(lease_until__isnull=True, started_at__lt=now - claim_timeout())
    )


def _claim_free_at(report: QuarterlyReport) -> dt.datetime:
    return report.lease_until or report.started_at + claim_timeout()


def _renew_lease(report_id: int, started: dt.datetime) -> bool:
    """Push the claim made at `started` on by one lease; False once it is not ours.

    Through the base manager on purpose: the lease is shown on no page, so renewing it
    must not move the board's versions (and its cached parts) every few seconds.
    """
    renewed = QuarterlyReport._base_manager.filter(
        pk=report_id, status=ReportStatus.RENDERING, started_at=started
    ).update(lease_until=timezone.now() + lease_length())
    return renewed == 1


def report_render(*, report_id: int, task_id: str = "", last_attempt: bool = True) -> str:
    """Claim, render, store and mark one report. Safe to call any number of times.

    Returns what happened: "ready", "failed", "skipped" or "missing". Raises a transient error
    (after releasing the claim) when another attempt may succeed, and RenderInProgress when
    a live render elsewhere holds the claim.
    """
    from reporting.lease import LeaseHeartbeat
    from reporting.pdf import render_pdf
    from reporting.report import report_html
    from reporting.storage import save_atomically

    now = timezone.now()
    claimed = (
        QuarterlyReport.objects.filter(pk=report_id)
        .filter(Q(status=ReportStatus.QUEUED) | _lapsed(now))
        .update(
            status=ReportStatus.RENDERING,
            started_at=now,
            lease_until=now + lease_length(),
            task_id=task_id[:255],
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if not claimed:
        current = QuarterlyReport.objects.filter(pk=report_id).first()
        if current is None:
            return "missing"
        if current.status == ReportStatus.RENDERING:
            # Come back just after the claim would lapse, and take it over if it did.
            wait = (_claim_free_at(current) - now).total_seconds() + 1
            raise RenderInProgress(report_id, wait)
        return "skipped"
    heartbeat = LeaseHeartbeat(
        lambda: _renew_lease(report_id, now),
        every=lease_length().total_seconds() / 3,
        what=f"report {report_id}",
    )
    report = QuarterlyReport.objects.select_related("board").get(pk=report_id)
    try:
        with heartbeat:
            rendered = render_pdf(report_html(report.board, report.quarter_obj))
            name = save_atomically(report.storage_name(), rendered.data)
    except TRANSIENT_ERRORS as exc:
        if last_attempt:
            _mark_failed(report_id, now, exc)
            return "failed"
        _release(report_id, now, exc)
        raise
    except Exception as exc:  # noqa: BLE001 - any other error is final; the user sees it
        logger.exception("Report %s failed", report_id)
        _mark_failed(report_id, now, exc)
        return "failed"
    with transaction.atomic():
        done = QuarterlyReport.objects.filter(
            pk=report_id, status=ReportStatus.RENDERING, started_at=now
        ).update(
            status=ReportStatus.READY,
            pdf=name,
            page_count=rendered.page_count,
            size=len(rendered.data),
            checksum=hashlib.sha256(rendered.data).hexdigest(),
            finished_at=timezone.now(),
            lease_until=None,
        )
        if done:
            audit.record(
                actor=None,
                action="reporting.report_ready",
                summary=f"Version {report.version} of the {report.quarter} report is ready "
                f"({plural(rendered.page_count, 'page')})",
                obj=report,
                board=report.board,
            )
            transaction.on_commit(lambda: _send_notify(report_id))
    return "ready" if done else "skipped"


def _release(report_id: int, started: dt.datetime, exc: BaseException) -> None:
    QuarterlyReport.objects.filter(
        pk=report_id, status=ReportStatus.RENDERING, started_at=started
    ).update(status=ReportStatus.QUEUED, lease_until=None, error=f"Retrying after: {exc}"[:2000])


def _mark_failed(report_id: int, started: dt.datetime, exc: BaseException) -> None:
    message = str(exc) or type(exc).__name__
    QuarterlyReport.objects.filter(
        pk=report_id, status=ReportStatus.RENDERING, started_at=started
    ).update(
        status=ReportStatus.FAILED,
        error=message[:2000],
        finished_at=timezone.now(),
        lease_until=None,
    )


def reports_needing_a_push(now: dt.datetime | None = None) -> list[int]:
    """Reports whose message was lost: queued for a while, or claimed by a dead worker."""
    now = now or timezone.now()
    return list(
        QuarterlyReport.objects.filter(
            Q(status=ReportStatus.QUEUED, requested_at__lt=now - dt.timedelta(minutes=10))
            | _lapsed(now)
        ).values_list("pk", flat=True)
    )


def renders_to_resume(now: dt.datetime | None = None) -> dict[int, float]:
    """What a starting worker sends again, each with the seconds to wait first.

    The sweep's reports at once; renders under a live lease once it would lapse, since their
    worker may be the one now restarting (killed as a whole, its message stays with the
    broker until the visibility timeout). A render that is alive elsewhere keeps its claim,
    and the extra message finds the report ready or busy and does nothing.
    """
    now = now or timezone.now()
    due = {pk: 0.0 for pk in reports_needing_a_push(now)}
    live = QuarterlyReport.objects.filter(status=ReportStatus.RENDERING, lease_until__gte=now)
    for pk, lease_until in live.values_list("pk", "lease_until"):
        due.setdefault(pk, (lease_until - now).total_seconds() + 1)
    return due


def _send_notify(report_id: int) -> None:
    task = _task("notify_report_ready")
    try:
        task.delay(report_id)
    except Exception:
        logger.exception("Could not queue the email for report %s", report_id)


def portfolio_holder_emails(board: Board) -> list[str]:
    emails = []
    for membership in (
        Membership.objects.current()
        .filter(board=board, access=Access.PORTFOLIO)
        .select_related("person__user")
    ):
        person = membership.person
        email = person.email or (person.user.email if person.user_id else "")
        if email and email not in emails:
            emails.append(email)
    return emails


def report_notify(*, report_id: int) -> int:
    """Email the board's portfolio holders once that their report is ready."""
    claimed = QuarterlyReport.objects.filter(
        pk=report_id, status=ReportStatus.READY, notified_at__isnull=True
    ).update(notified_at=timezone.now())
    if not claimed:
        return 0
    report = QuarterlyReport.objects.select_related("board").get(pk=report_id)
    recipients = portfolio_holder_emails(report.board)
    if not recipients:
        return 0
    link = settings.SITE_URL.rstrip("/") + reverse("reporting:list", args=[report.board.slug])
    subject = f"Safeguarding report for {report.quarter_obj.label} is ready"
    body = (
        f"The quarterly safeguarding report of {report.board.name} for "
        f"{report.quarter_obj.label} (version {report.version}) is ready.\n\n"
        f"Sign in and download it here:\n{link}\n"
    )
    try:
        # One message each, so holders do not see each other's addresses.
        send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients],
            fail_silently=False,
        )
    except Exception:
        # Give the claim back so a retry sends it.
        QuarterlyReport.objects.filter(pk=report_id).update(notified_at=None)
        raise
    return len(recipients)
