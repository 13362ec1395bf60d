"""A render's claim is a short lease that the live render renews; a lapsed lease means the
worker is gone, and a starting worker (or the sweep) sends the report again.

The real-worker side (SIGKILL to a whole worker, then a new one) is in test_worker.py.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.utils import timezone

from boards.models import Board
from reporting import services, tasks
from reporting.lease import LeaseHeartbeat
from reporting.models import QuarterlyReport, ReportStatus
from tests.reporting.conftest import Q3


@pytest.fixture
def queued(figures, board, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return services.report_request(board=board, quarter=Q3, by=alice)


def _claim(report, *, started_ago: float, lease_left: float | None) -> None:
    now = timezone.now()
    QuarterlyReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RENDERING,
        started_at=now - dt.timedelta(seconds=started_ago),
        lease_until=None if lease_left is None else now + dt.timedelta(seconds=lease_left),
        attempts=1,
    )


def test_a_claim_carries_a_lease_that_the_finish_clears(queued, settings, monkeypatch):
    seen = {}

    def render_html(board, quarter):
        seen["claim"] = QuarterlyReport.objects.values("started_at", "lease_until").get(
            pk=queued.pk
        )
        return "<html><body>report</body></html>"

    monkeypatch.setattr("reporting.report.report_html", render_html)
    assert services.report_render(report_id=queued.pk) == "ready"
    claim = seen["claim"]
    lease = claim["lease_until"] - claim["started_at"]
    assert lease == dt.timedelta(seconds=settings.REPORT_RENDER_LEASE_SECONDS)
    assert QuarterlyReport.objects.get(pk=queued.pk).lease_until is None


def test_a_lapsed_lease_is_taken_over_long_before_the_hard_time_limit(queued):
    # Claimed a minute ago, well inside the 300 s hard limit, but nobody renewed it.
    _claim(queued, started_ago=60, lease_left=-1)
    assert services.reports_needing_a_push() == [queued.pk]
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "ready"
    report = QuarterlyReport.objects.get(pk=queued.pk)
    assert (report.status, report.attempts) == (ReportStatus.READY, 2)


def test_a_live_lease_is_left_to_its_render(queued):
    _claim(queued, started_ago=600, lease_left=20)  # a long render, still renewing
    assert services.reports_needing_a_push() == []
    with pytest.raises(services.RenderInProgress):
        services.report_render(report_id=queued.pk)
    assert QuarterlyReport.objects.get(pk=queued.pk).attempts == 1


def test_a_claim_from_before_leases_lapses_at_the_hard_time_limit(queued, settings):
    _claim(queued, started_ago=60, lease_left=None)
    assert services.reports_needing_a_push() == []
    _claim(queued, started_ago=settings.CELERY_TASK_TIME_LIMIT + 10, lease_left=None)
    assert services.reports_needing_a_push() == [queued.pk]


def test_renewing_pushes_only_our_own_claim_on_and_moves_no_board_version(queued, board):
    _claim(queued, started_ago=1, lease_left=2)
    claim = QuarterlyReport.objects.get(pk=queued.pk)
    version = Board.objects.get(pk=board.pk).data_version
    assert services._renew_lease(queued.pk, claim.started_at) is True
    renewed = QuarterlyReport.objects.get(pk=queued.pk).lease_until
    assert renewed > claim.lease_until
    # The lease is on no page: renewing it leaves every cached part of the board alone.
    assert Board.objects.get(pk=board.pk).data_version == version
    # Taken over by another worker (a new claim, a new start): ours no longer renews.
    assert services._renew_lease(queued.pk, claim.started_at - dt.timedelta(seconds=1)) is False


def test_a_starting_worker_resends_lapsed_claims_now_and_live_ones_when_they_lapse(figures, board):
    now = timezone.now()

    def report(version):
        return QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=version)

    lapsed, live, _fresh, done = (report(v) for v in (1, 2, 3, 4))
    _claim(lapsed, started_ago=30, lease_left=-5)
    _claim(live, started_ago=5, lease_left=20)
    QuarterlyReport.objects.filter(pk=done.pk).update(status=ReportStatus.READY)
    due = services.renders_to_resume(now)
    assert set(due) == {lapsed.pk, live.pk}  # a fresh request still has its own message
    assert due[lapsed.pk] == 0
    assert 20 < due[live.pk] <= 22


@pytest.mark.django_db(transaction=True)
def test_worker_ready_sends_the_abandoned_render_again_and_it_completes(figures, board):
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    _claim(report, started_ago=20, lease_left=-1)
    # Tasks run in-process here: the resend renders the report on the spot.
    assert tasks.resume_abandoned_renders() == 1
    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.READY, 2)
    assert QuarterlyReport.objects.filter(board=board).count() == 1


def test_heartbeat_renews_while_the_block_runs_and_stops_after():
    beats = []
    with LeaseHeartbeat(lambda: beats.append(time.monotonic()) or True, every=0.05):
        time.sleep(0.3)
    count = len(beats)
    time.sleep(0.15)
    assert count >= 3
    assert len(beats) == count  # nothing renews a finished render's claim


def test_heartbeat_stops_once_the_claim_is_lost_and_survives_a_failed_renewal():
    calls = []

    def renew():
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            raise ConnectionError("database blip")
        return False

    with LeaseHeartbeat(renew, every=0.02, what="report 1") as heartbeat:
        time.sleep(0.3)
    assert len(calls) == 2  # tried again after the blip, then stopped: the claim is gone
    assert heartbeat.lost is True
