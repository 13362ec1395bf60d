from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone
from pypdf import PdfReader

from boards.models import Access
from reporting import services, storage, tasks
from reporting.models import QuarterlyReport, ReportStatus, Trigger
from tests.factories import BoardFactory, member
from tests.reporting.conftest import Q3


@pytest.fixture
def queued(figures, board, alice, django_capture_on_commit_callbacks):
    # The request's on-commit send is captured, not run: tests drive the task themselves.
    with django_capture_on_commit_callbacks(execute=False):
        return services.report_request(board=board, quarter=Q3, by=alice)


def _file(report: QuarterlyReport) -> Path:
    return Path(default_storage.path(report.pdf.name))


def test_request_creates_new_versions_and_sends_the_task_on_commit(
    figures, board, alice, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(tasks.render_quarterly_report, "delay", lambda pk: sent.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(board=board, quarter=Q3, by=alice)
        assert sent == []  # nothing is sent before the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_request(board=board, quarter=Q3, by=alice)
    assert (first.version, second.version) == (1, 2)
    assert sent == [first.pk, second.pk]
    assert first.status == ReportStatus.QUEUED


def test_task_renders_a_complete_pdf_and_records_it(queued, board):
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "ready"
    report = QuarterlyReport.objects.get(pk=queued.pk)
    data = _file(report).read_bytes()
    assert report.status == ReportStatus.READY
    assert (
        report.pdf.name
        == f"reports/{board.slug}/2008Q3/{board.slug}-safeguarding-report-2008Q3-v1.pdf"
    )
    assert report.size == len(data)
    assert report.checksum == hashlib.sha256(data).hexdigest()
    assert report.page_count == len(PdfReader(io.BytesIO(data)).pages) > 1
    assert report.attempts == 1
    assert report.started_at <= report.finished_at


def test_task_run_twice_renders_once(queued, monkeypatch):
    calls = []
    real = services.report_render
    monkeypatch.setattr(services, "report_render", lambda **kw: calls.append(1) or real(**kw))
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "ready"
    first = QuarterlyReport.objects.get(pk=queued.pk)
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "skipped"
    second = QuarterlyReport.objects.get(pk=queued.pk)
    assert (second.attempts, second.finished_at, second.checksum) == (
        1,
        first.finished_at,
        first.checksum,
    )
    assert QuarterlyReport.objects.filter(status=ReportStatus.READY).count() == 1


def test_a_live_claim_is_not_taken_but_retried_later(queued, settings):
    now = timezone.now()
    QuarterlyReport.objects.filter(pk=queued.pk).update(
        status=ReportStatus.RENDERING,
        started_at=now,
        lease_until=now + dt.timedelta(seconds=settings.REPORT_RENDER_LEASE_SECONDS),
    )
    with pytest.raises(services.RenderInProgress) as busy:
        services.report_render(report_id=queued.pk)
    # Comes back just after the lease would lapse, not after the hard time limit.
    lease = settings.REPORT_RENDER_LEASE_SECONDS
    assert lease - 1 < busy.value.retry_in <= lease + 1


def test_a_dead_workers_claim_is_taken_over_and_completed(queued, settings):
    long_ago = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    QuarterlyReport.objects.filter(pk=queued.pk).update(
        status=ReportStatus.RENDERING, started_at=long_ago, attempts=1
    )
    assert services.reports_needing_a_push() == [queued.pk]
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "ready"
    report = QuarterlyReport.objects.get(pk=queued.pk)
    assert report.attempts == 2
    assert _file(report).is_file()


def test_failed_write_leaves_no_file_at_the_final_name(tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    store = FileSystemStorage(location=tmp_path)

    def disk_error(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", disk_error)
    with pytest.raises(OSError, match="disk full"):
        storage.save_atomically("reports/x/report.pdf", b"%PDF-1.7 partial", store)
    folder = tmp_path / "reports" / "x"
    assert not (folder / "report.pdf").exists()
    assert list(folder.iterdir()) == []  # the temporary file is gone too


def test_atomic_write_replaces_and_clears_leftovers(tmp_path):
    from django.core.files.storage import FileSystemStorage

    store = FileSystemStorage(location=tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / ".report.pdf.abc123.part").write_bytes(b"half of a killed write")
    storage.save_atomically("reports/report.pdf", b"%PDF complete", store)
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]
    assert (folder / "report.pdf").read_bytes() == b"%PDF complete"


def test_transient_error_releases_the_claim_for_a_retry(queued, monkeypatch):
    monkeypatch.setattr(
        "reporting.storage.save_atomically",
        lambda *a, **k: (_ for _ in ()).throw(OperationalError("database went away")),
    )
    with pytest.raises(OperationalError):
        services.report_render(report_id=queued.pk, last_attempt=False)
    report = QuarterlyReport.objects.get(pk=queued.pk)
    assert report.status == ReportStatus.QUEUED
    assert "database went away" in report.error
    assert not report.pdf


def test_transient_error_on_the_last_attempt_fails_the_report(queued, monkeypatch):
    monkeypatch.setattr(
        "reporting.storage.save_atomically",
        lambda *a, **k: (_ for _ in ()).throw(OSError("no space left")),
    )
    assert services.report_render(report_id=queued.pk, last_attempt=True) == "failed"
    report = QuarterlyReport.objects.get(pk=queued.pk)
    assert (report.status, report.error) == (ReportStatus.FAILED, "no space left")


def test_task_retries_transient_errors_with_backoff():
    task = tasks.render_quarterly_report
    assert OperationalError in task.autoretry_for and OSError in task.autoretry_for
    assert task.retry_backoff and task.max_retries == tasks.MAX_RETRIES
    assert task.acks_late is True


def test_worker_settings_apply_to_the_render_task(settings):
    from lscb.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
    assert app.conf.worker_max_tasks_per_child and app.conf.worker_max_memory_per_child


def test_render_error_marks_the_report_failed_with_the_message(queued, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("template exploded")

    monkeypatch.setattr("reporting.report.report_html", broken)
    assert tasks.render_quarterly_report.apply(args=[queued.pk]).get() == "failed"
    report = QuarterlyReport.objects.get(pk=queued.pk)
    assert (report.status, report.error) == (ReportStatus.FAILED, "template exploded")


def test_ready_report_emails_each_portfolio_holder_once(
    queued, board, pat, bob, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://board.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        tasks.render_quarterly_report.apply(args=[queued.pk]).get()
    assert [m.to for m in mailoutbox] == [[pat.email]]
    assert f"https://board.example.org/boards/{board.slug}/reports/" in mailoutbox[0].body
    assert services.report_notify(report_id=queued.pk) == 0  # never twice
    assert len(mailoutbox) == 1


def test_beat_fan_out_queues_one_scheduled_report_per_board_once(
    figures, board, other_board, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks.render_quarterly_report, "delay", lambda pk: None)
    # 5 January 2009 falls in 2008Q4, so the quarter just ended is 2008Q3.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_quarterly_reports.apply(args=["2009-01-05"]).get() == 2
        tasks.queue_quarterly_reports.apply(args=["2009-01-05"]).get()
    scheduled = QuarterlyReport.objects.filter(trigger=Trigger.SCHEDULED)
    assert sorted(scheduled.values_list("board__slug", "quarter", "version")) == [
        (board.slug, "2008Q3", 1),
        (other_board.slug, "2008Q3", 1),
    ]


def test_beat_schedule_runs_a_few_days_after_each_quarter():
    from lscb.celery import app

    entry = app.conf.beat_schedule["quarterly-reports"]
    assert entry["task"] == "reporting.tasks.queue_quarterly_reports"
    assert entry["schedule"].month_of_year == {1, 4, 7, 10}
    assert entry["schedule"].day_of_month == {5}


@pytest.mark.django_db(transaction=True)
def test_command_queues_and_waits_for_one_board(figures, board, other_board, capsys):
    call_command(
        "generate_quarterly_reports",
        "--quarter",
        "2008Q3",
        "--board",
        board.slug,
        "--wait",
        "--timeout",
        "60",
    )
    out = capsys.readouterr().out
    report = QuarterlyReport.objects.get(board=board)
    assert report.status == ReportStatus.READY
    assert report.pdf.path in out
    assert not QuarterlyReport.objects.filter(board=other_board).exists()


def test_command_refuses_a_bad_quarter_or_board(db):
    with pytest.raises(CommandError, match="is not a quarter"):
        call_command("generate_quarterly_reports", "--quarter", "2008-Q5")
    with pytest.raises(CommandError, match="no board"):
        call_command("generate_quarterly_reports", "--quarter", "2008Q3", "--board", "nowhere")


@pytest.mark.django_db(transaction=True)
def test_command_exits_non_zero_when_a_report_fails(figures, board, monkeypatch):
    monkeypatch.setattr(
        "reporting.report.report_html",
        lambda *a, **k: (_ for _ in ()).throw(ValueError("broken template")),
    )
    with pytest.raises(CommandError, match="did not finish"):
        call_command(
            "generate_quarterly_reports", "--quarter", "2008Q3", "--wait", "--timeout", "60"
        )


def test_portfolio_holder_email_prefers_the_person_record(board):
    user = member(board, "pam", Access.PORTFOLIO)
    user.person.email = "cllr.pam@council.example"
    user.person.save()
    member(BoardFactory(slug="elsewhere"), "zed", Access.PORTFOLIO)
    assert services.portfolio_holder_emails(board) == ["cllr.pam@council.example"]
