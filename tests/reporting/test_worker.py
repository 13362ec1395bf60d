"""The render task against a real Redis broker and a real prefork worker process.

Skipped unless REDIS_URL is set and the tests run on PostgreSQL: the worker is a separate
process and must see the test database, which an in-memory SQLite database cannot offer.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from pypdf import PdfReader

from lscb.celery import app
from reporting import services
from reporting.models import QuarterlyReport, ReportStatus
from reporting.tasks import render_quarterly_report
from tests.reporting.conftest import load_figures

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
]

ROOT = Path(__file__).resolve().parents[2]
# Short, so an abandoned claim lapses within the test's patience. WORKER_TEST_LEASE_SECONDS=45
# measures the recovery with the default lease (docs/reliability.md).
LEASE_SECONDS = int(os.environ.get("WORKER_TEST_LEASE_SECONDS", "6"))
# What the issue asks of a worker killed as a whole: its report ready within two minutes
# of a new worker starting, beat or no beat.
RECOVERY_BOUND_SECONDS = 120


@pytest.fixture
def postgres_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, queue: str, env: dict[str, str], log: Path) -> None:
        self.queue, self.env, self.log = queue, env, log
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        # Its own process group, so a test can kill the main process and its child at once.
        cmd = [
            sys.executable, "-m", "celery", "-A", "tests.reporting.worker_app", "worker",
            "--pool=prefork", "--concurrency=1", "-Q", self.queue, "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"{self.queue}@%h",
        ]  # fmt: skip
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill_whole(self) -> None:
        """SIGKILL the main process and its pool child together, as a lost machine would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def worker_env(postgres_only, tmp_path, settings):
    # Only this test sends through the broker; other tests stay eager.
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    queue = f"reporting-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REPORTING_TEST_QUEUE": queue,
        # The time limits stay long enough for the first render on a busy machine.
        "REPORT_RENDER_LEASE_SECONDS": str(LEASE_SECONDS),
        "CELERY_TASK_SOFT_TIME_LIMIT": "100",
        "CELERY_TASK_TIME_LIMIT": "120",
        "PYTHONPATH": str(ROOT),
    }
    yield queue, env
    app.conf.task_always_eager = eager
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


def _wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    pytest.fail(f"Timed out waiting for {what}. Worker log:\n{log.read_text()[-4000:]}")


def _is_ready(report: QuarterlyReport) -> bool:
    return QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.READY).exists()


def _assert_one_complete_pdf(report: QuarterlyReport) -> None:
    folder = Path(settings.MEDIA_ROOT) / "reports" / report.board.slug / report.quarter
    files = sorted(p.name for p in folder.iterdir())
    assert files == [report.download_filename()]  # no temporary or half-written leftovers
    data = (folder / files[0]).read_bytes()
    assert len(data) == report.size
    assert len(PdfReader(io.BytesIO(data)).pages) == report.page_count


def test_real_worker_renders_a_queued_report(worker_env, board, tmp_path):
    queue, env = worker_env
    load_figures(board)
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    log = tmp_path / "worker.log"
    worker = Worker(queue, env, log)
    worker.start()
    try:
        render_quarterly_report.apply_async(args=[report.pk], queue=queue)
        _wait_for(lambda: _is_ready(report), 60, "the report to be ready", log)
    finally:
        worker.stop()
    report.refresh_from_db()
    assert report.attempts == 1
    _assert_one_complete_pdf(report)


def test_worker_killed_mid_render_is_redelivered_and_completes_once(worker_env, board, tmp_path):
    queue, env = worker_env
    marker = tmp_path / "slow-render.pid"
    env = {**env, "REPORTING_TEST_SLOW_MARKER": str(marker)}
    load_figures(board)
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    log = tmp_path / "worker.log"
    worker = Worker(queue, env, log)
    worker.start()
    try:
        render_quarterly_report.apply_async(args=[report.pk], queue=queue)
        _wait_for(marker.exists, 60, "the render to start", log)
        _wait_for(lambda: marker.read_text().strip(), 5, "the child's pid", log)
        claimed = QuarterlyReport.objects.get(pk=report.pk)
        assert claimed.status == ReportStatus.RENDERING
        os.kill(int(marker.read_text()), signal.SIGKILL)
        # acks_late + reject_on_worker_lost: the main process requeues the message and a new
        # child picks it up. The claim's lease has not lapsed yet, so that delivery schedules
        # a retry for when it will have, and the retry completes it.
        _wait_for(lambda: _is_ready(report), 60, "the report to be ready after the kill", log)
        time.sleep(2)  # any duplicate delivery would land now
    finally:
        worker.stop()
    report.refresh_from_db()
    text = log.read_text()
    assert "WorkerLostError" in text or "signal 9" in text
    assert report.status == ReportStatus.READY
    assert report.attempts == 2  # the killed render and the one that finished
    assert report.started_at > claimed.started_at
    assert QuarterlyReport.objects.filter(board=board).count() == 1
    _assert_one_complete_pdf(report)


def test_worker_killed_as_a_whole_is_resumed_by_the_next_worker_without_beat(
    worker_env, board, tmp_path
):
    queue, env = worker_env
    marker = tmp_path / "slow-render.pid"
    env = {**env, "REPORTING_TEST_SLOW_MARKER": str(marker)}
    load_figures(board)
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = Worker(queue, env, first_log)
    first.start()
    try:
        render_quarterly_report.apply_async(args=[report.pk], queue=queue)
        _wait_for(marker.exists, 60, "the render to start", first_log)
        claimed = QuarterlyReport.objects.get(pk=report.pk)
        assert claimed.status == ReportStatus.RENDERING
        # Main process and child go together: nobody is left to give the message back, and
        # the broker keeps it until its visibility timeout (an hour). No beat runs here.
        first.kill_whole()
    finally:
        first.stop()
    second = Worker(queue, env, second_log)
    started = time.monotonic()
    second.start()
    try:
        _wait_for(
            lambda: _is_ready(report),
            RECOVERY_BOUND_SECONDS,
            "the next worker to finish the report",
            second_log,
        )
        took = time.monotonic() - started
        time.sleep(2)  # any duplicate delivery would land now
    finally:
        second.stop()
    print(f"ready {took:.1f}s after the new worker started (lease {LEASE_SECONDS}s)")
    report.refresh_from_db()
    assert "Resent 1 abandoned or unfinished renders" in second_log.read_text()
    assert report.status == ReportStatus.READY
    assert report.attempts == 2  # the killed render and the one that finished
    assert report.started_at > claimed.started_at
    assert report.lease_until is None
    assert QuarterlyReport.objects.filter(board=board).count() == 1
    _assert_one_complete_pdf(report)


def test_a_long_render_keeps_its_claim_by_renewing_the_lease(worker_env, board, tmp_path):
    """The slow first render outlasts several leases; nobody takes it over meanwhile."""
    queue, env = worker_env
    marker = tmp_path / "slow-render.pid"
    env = {**env, "REPORTING_TEST_SLOW_MARKER": str(marker)}
    load_figures(board)
    report = QuarterlyReport.objects.create(board=board, quarter="2008Q3", version=1)
    log = tmp_path / "worker.log"
    worker = Worker(queue, env, log)
    worker.start()
    try:
        render_quarterly_report.apply_async(args=[report.pk], queue=queue)
        _wait_for(marker.exists, 60, "the render to start", log)
        first = QuarterlyReport.objects.get(pk=report.pk)
        time.sleep(LEASE_SECONDS * 2)
        later = QuarterlyReport.objects.get(pk=report.pk)
    finally:
        worker.kill_whole()
    assert later.status == ReportStatus.RENDERING
    assert later.started_at == first.started_at  # the same claim, still held
    assert later.lease_until > first.lease_until
    assert services.reports_needing_a_push() == []


def test_real_worker_renders_a_queued_agenda_pack_once(worker_env, board, tmp_path):
    from django.utils import timezone

    from reporting.pack_models import MeetingPack, PackKind, PackStatus
    from reporting.tasks import render_meeting_pack
    from tests.reporting.pack_factories import meeting_with_papers, pdf_text

    queue, env = worker_env
    meeting = meeting_with_papers(board)
    pack = MeetingPack.objects.create(
        meeting=meeting, kind=PackKind.PUBLIC, requested_at=timezone.now()
    )
    log = tmp_path / "worker.log"
    worker = Worker(queue, env, log)
    worker.start()
    try:
        # Delivered twice, as a broker may: the second finds it claimed or done.
        for _ in range(2):
            render_meeting_pack.apply_async(args=[pack.pk], queue=queue)
        _wait_for(
            lambda: MeetingPack.objects.filter(pk=pack.pk, status=PackStatus.READY).exists(),
            60,
            "the pack to be ready",
            log,
        )
    finally:
        worker.stop()
    pack.refresh_from_db()
    assert pack.attempts == 1
    data = (Path(settings.MEDIA_ROOT) / pack.pdf.name).read_bytes()
    assert len(data) == pack.size
    text = " ".join(pdf_text(data))
    assert "Neglect strategy opening words" in text and "Child K" not in text
